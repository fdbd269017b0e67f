/**
 * MITRE ATT&CK for Containers (Enterprise ATT&CK, Containers platform). Controls are technique
 * ids; sections are tactics, each technique under the tactic it is best known for (ATT&CK lists
 * several for some). A last section holds Enterprise techniques outside the Containers matrix
 * that rules map to because the same attack applies to a cluster (e.g. cloud metadata theft).
 * A "pass" here means the manifests do not open the path the rule checks, not that the technique
 * is prevented.
 */
import { control, rule, type Catalog } from '../types.js';

const NOT_MANIFEST = 'Detection or prevention lies outside manifests (runtime, registry, audit log). ';

export const MITRE: Catalog = {
  id: 'mitre',
  name: 'MITRE ATT&CK for Containers',
  version: 'Enterprise ATT&CK v16 (Containers matrix)',
  source: 'https://attack.mitre.org/matrices/enterprise/containers/',
  ruleFramework: 'mitre',
  notes:
    'Controls are ATT&CK technique ids. A rule mapped to a technique reports configuration that enables it; a ' +
    'passing technique means no such configuration was found in the input, not that the technique is prevented. ' +
    'Techniques without a rule are listed as manual: they need runtime detection, registry controls or review.',
  sections: [
    { id: 'initial-access', title: 'Initial Access (TA0001)' },
    { id: 'execution', title: 'Execution (TA0002)' },
    { id: 'persistence', title: 'Persistence (TA0003)' },
    { id: 'privilege-escalation', title: 'Privilege Escalation (TA0004)' },
    { id: 'defense-evasion', title: 'Defense Evasion (TA0005)' },
    { id: 'credential-access', title: 'Credential Access (TA0006)' },
    { id: 'discovery', title: 'Discovery (TA0007)' },
    { id: 'lateral-movement', title: 'Lateral Movement (TA0008)' },
    { id: 'impact', title: 'Impact (TA0040)' },
    { id: 'enterprise', title: 'Related Enterprise techniques (outside the Containers matrix)' },
  ],
  controls: [
    control(
      'initial-access',
      'T1190',
      'Exploit Public-Facing Application',
      'Adversaries exploit applications reachable from the internet.',
      [
        rule(
          'service-load-balancer-public',
          'An internet-facing load balancer makes the workload behind it a public-facing application.',
        ),
        rule(
          'service-node-port',
          'A NodePort opens the workload on every node address, often reachable from outside the cluster.',
        ),
      ],
    ),
    control(
      'initial-access',
      'T1133',
      'External Remote Services',
      NOT_MANIFEST + 'Exposed API servers, kubelets or dashboards are cluster configuration.',
    ),
    control(
      'initial-access',
      'T1078',
      'Valid Accounts',
      'Adversaries use existing accounts, including anonymous or over-broad groups.',
      [
        rule('rbac-risky-subjects', 'Roles bound to anonymous or all-authenticated groups are usable by any account.'),
        rule('rbac-escalate-bind-impersonate', 'Impersonate lets a subject act as any other valid account.'),
      ],
    ),
    control(
      'initial-access',
      'T1078.001',
      'Valid Accounts: Default Accounts',
      "Adversaries use default accounts such as a namespace's default ServiceAccount.",
      [rule('rbac-default-service-account', 'Permissions on a default ServiceAccount reach every pod that names none.')],
    ),
    control(
      'execution',
      'T1609',
      'Container Administration Command',
      'Adversaries run commands in containers through exec or the kubelet API.',
      [
        rule('rbac-pod-exec', 'pods/exec and pods/attach grants allow running commands in containers.'),
        rule('rbac-node-proxy', 'nodes/proxy reaches the kubelet API, which can exec into every pod of the node.'),
      ],
    ),
    control('execution', 'T1610', 'Deploy Container', 'Adversaries deploy a container to run code or escape to the host.', [
      rule('rbac-workload-creation', 'Grants to create pods or workloads let a subject deploy containers.'),
    ]),
    control(
      'execution',
      'T1053.007',
      'Scheduled Task/Job: Container Orchestration Job',
      'Adversaries use Jobs and CronJobs to run code repeatedly.',
      [rule('rbac-workload-creation', 'Grants to create workloads include Jobs and CronJobs.')],
    ),
    control(
      'execution',
      'T1204.003',
      'User Execution: Malicious Image',
      'Users run an image an adversary published or replaced.',
      [
        rule('image-tag', 'Unpinned tags let a replaced image run without any manifest change.'),
        rule('image-registry', 'Images from unapproved registries are the usual source of malicious images.'),
      ],
    ),
    control(
      'persistence',
      'T1098.006',
      'Account Manipulation: Additional Container Cluster Roles',
      'Adversaries bind extra roles to keep or widen access.',
      [
        rule('rbac-cluster-admin-binding', 'Bindings to cluster-admin are the widest additional role.'),
        rule('rbac-escalate-bind-impersonate', 'bind and escalate let a subject grant itself additional roles.'),
      ],
    ),
    control(
      'persistence',
      'T1525',
      'Implant Internal Image',
      "Adversaries implant code in images of the organisation's registry.",
      [
        rule('image-tag', 'Without digests or immutable tags an implanted image replaces the reviewed one silently.'),
        rule('image-digest', 'Only a digest guarantees the reviewed image, not one implanted under the same tag, runs.'),
        rule('image-registry', "Images from registries outside the allowed list bypass the organisation's image controls."),
      ],
    ),
    control(
      'persistence',
      'T1136.001',
      'Create Account: Local Account',
      NOT_MANIFEST + 'Accounts created inside containers are not visible in manifests.',
    ),
    control('privilege-escalation', 'T1611', 'Escape to Host', 'Adversaries break out of a container to the node.', [
      rule('privileged-container', 'Privileged containers can mount the host file system and load kernel modules.'),
      rule('pss-privileged', 'Pod Security baseline privileged check.'),
      rule('host-pid', 'hostPID lets a container enter host processes (nsenter).'),
      rule('host-ipc', 'hostIPC shares host IPC objects with the container.'),
      rule('host-network', 'hostNetwork reaches node-local services such as the kubelet.'),
      rule('pss-host-namespaces', 'Pod Security baseline hostNamespaces check.'),
      rule('host-path-volume', 'hostPath volumes give direct access to the node file system.'),
      rule('pss-host-path-volumes', 'Pod Security baseline hostPathVolumes check.'),
      rule('pss-capabilities-baseline', 'Capabilities such as SYS_ADMIN enable known escapes.'),
      rule('pss-windows-host-process', 'HostProcess containers run directly on the Windows host.'),
      rule('rbac-persistent-volume-creation', 'Creating a PersistentVolume can mount any host path.'),
    ]),
    control(
      'privilege-escalation',
      'T1068',
      'Exploitation for Privilege Escalation',
      'Adversaries exploit kernel or runtime vulnerabilities.',
      [rule('pss-seccomp-profile-restricted', 'Without a seccomp profile every system call is open to kernel exploits.')],
    ),
    control(
      'defense-evasion',
      'T1612',
      'Build Image on Host',
      'Adversaries build images directly on a node to evade registry controls.',
      [rule('host-path-volume', 'hostPath mounts of the container runtime socket let a pod build and run images on the node.')],
    ),
    control(
      'defense-evasion',
      'T1562.001',
      'Impair Defenses: Disable or Modify Tools',
      'Adversaries disable security tooling such as admission control.',
      [rule('rbac-webhook-configuration', 'Changing webhook configurations can switch off admission policy.')],
    ),
    control(
      'defense-evasion',
      'T1070',
      'Indicator Removal',
      NOT_MANIFEST + 'Log retention and tamper protection are configured outside manifests.',
    ),
    control(
      'defense-evasion',
      'T1036.005',
      'Masquerading: Match Legitimate Name or Location',
      NOT_MANIFEST + 'Pods named like system components need review.',
    ),
    control(
      'lateral-movement',
      'T1550.001',
      'Use Alternate Authentication Material: Application Access Token',
      'Adversaries use stolen ServiceAccount tokens to reach other workloads and the API (also Defense Evasion).',
      [
        rule('automount-service-account-token', 'Mounted tokens are readable by anyone who compromises the container.'),
        rule('rbac-service-account-token-creation', 'Grants to create tokens mint new authentication material.'),
      ],
    ),
    control(
      'credential-access',
      'T1110',
      'Brute Force',
      NOT_MANIFEST + 'Authentication rate limits and monitoring are outside manifests.',
    ),
    control('credential-access', 'T1528', 'Steal Application Access Token', 'Adversaries steal ServiceAccount tokens.', [
      rule('automount-service-account-token', 'Mounted tokens can be read from the container file system.'),
      rule('automount-token-not-chosen', 'Pods that do not opt out get a token unless their ServiceAccount says otherwise.'),
      rule('rbac-service-account-token-creation', 'Grants to create tokens allow obtaining tokens of other ServiceAccounts.'),
    ]),
    control(
      'credential-access',
      'T1552.001',
      'Unsecured Credentials: Credentials In Files',
      'Adversaries search files for credentials.',
      [
        rule('secret-plaintext-in-manifest', 'Plaintext Secret manifests put credentials in files in the repository.'),
        rule('credentials-in-env', 'Credentials written into env literals and ConfigMaps sit in manifest files.'),
      ],
    ),
    control(
      'credential-access',
      'T1552.007',
      'Unsecured Credentials: Container API',
      'Adversaries read Secrets through the Kubernetes API.',
      [
        rule('rbac-secrets-read', 'get, list or watch on Secrets reads credentials through the API.'),
        rule('credentials-in-env', 'Env literals are readable by anyone who can read the pod spec through the API.'),
        rule('secret-plaintext-in-manifest', 'Secrets applied from plaintext manifests are the values the API serves.'),
        rule('secret-via-env', 'Secrets in environment variables appear in the container environment and pod inspection.'),
      ],
    ),
    control(
      'discovery',
      'T1613',
      'Container and Resource Discovery',
      NOT_MANIFEST + 'Read access to cluster resources needs review of all roles.',
    ),
    control('discovery', 'T1046', 'Network Service Discovery', 'Adversaries scan the pod network for services.', [
      rule(
        'workload-not-covered-by-network-policy',
        'Pods no NetworkPolicy selects accept connections from every scanner in the cluster.',
      ),
      rule('default-deny-missing', 'Without a default deny, new workloads are reachable and discoverable by default.'),
    ]),
    control(
      'discovery',
      'T1069',
      'Permission Groups Discovery',
      NOT_MANIFEST + 'Discovery of RBAC groups is visible in the audit log only.',
    ),
    control('impact', 'T1485', 'Data Destruction', NOT_MANIFEST + 'Backups and delete permissions need review.'),
    control(
      'impact',
      'T1490',
      'Inhibit System Recovery',
      NOT_MANIFEST + 'Backup and recovery configuration is outside manifests.',
    ),
    control(
      'impact',
      'T1498',
      'Network Denial of Service',
      NOT_MANIFEST + 'Network capacity and DDoS protection are outside manifests.',
    ),
    control('impact', 'T1499', 'Endpoint Denial of Service', "Adversaries exhaust a node's resources to deny service.", [
      rule('container-memory-limit', 'Without a memory limit one container can exhaust node memory.'),
      rule('container-cpu-limit', 'Without a CPU limit one container can starve its neighbours.'),
    ]),
    control('impact', 'T1496', 'Resource Hijacking', 'Adversaries run miners on cluster compute.', [
      rule('container-cpu-limit', 'Unbounded CPU lets a hijacked container use a whole node.'),
    ]),
    control('enterprise', 'T1557', 'Adversary-in-the-Middle', 'Adversaries intercept traffic between components.', [
      rule('service-external-ips', 'externalIPs let a Service intercept traffic to any address (CVE-2020-8554).'),
    ]),
    control('enterprise', 'T1040', 'Network Sniffing', 'Adversaries capture plaintext traffic.', [
      rule('ingress-tls', 'Ingresses without TLS carry plaintext traffic.'),
      rule('ingress-ssl-redirect-disabled', 'Without the redirect clients may keep using plaintext HTTP.'),
      rule('gateway-listener-without-tls', 'Gateway listeners without TLS carry plaintext traffic.'),
      rule('istio-mtls-not-strict', 'Permissive mTLS accepts plaintext between services.'),
      rule('istio-destination-rule-tls-disabled', 'Disabled TLS sends service traffic in plaintext.'),
      rule('linkerd-skip-ports', 'Skipped ports bypass the proxy and its mTLS.'),
    ]),
    control(
      'enterprise',
      'T1552.005',
      'Unsecured Credentials: Cloud Instance Metadata API',
      'Adversaries read cloud credentials from the instance metadata service.',
      [rule('egress-to-metadata-api', "Egress allowed to the metadata address exposes the node's cloud credentials.")],
    ),
    control(
      'enterprise',
      'T1649',
      'Steal or Forge Authentication Certificates',
      'Adversaries obtain certificates to authenticate as others.',
      [rule('rbac-csr-approval', 'Approving CSRs mints client certificates for any identity.')],
    ),
    control(
      'enterprise',
      'T1548.001',
      'Abuse Elevation Control Mechanism: Setuid and Setgid',
      'Adversaries use setuid binaries to gain privileges.',
      [
        rule('allow-privilege-escalation', 'allowPrivilegeEscalation lets setuid binaries raise privileges.'),
        rule('pss-allow-privilege-escalation', 'Pod Security restricted allowPrivilegeEscalation check.'),
      ],
    ),
  ],
};

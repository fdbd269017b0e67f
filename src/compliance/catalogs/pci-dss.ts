/**
 * PCI DSS v4.0 (March 2022; v4.0.1 June 2024 kept these numbers). Sub-requirements of
 * requirements 1, 2, 3, 4, 6, 7, 8, 10 and 11 that a Kubernetes platform hosting a cardholder
 * data environment (CDE) touches. Ids as the standard numbers them.
 */
import { control, rule, type Catalog } from '../types.js';

const MANUAL = 'Needs evidence beyond manifests (configuration of the cluster or provider, process or review).';

export const PCI_DSS: Catalog = {
  id: 'pci-dss',
  name: 'PCI DSS',
  version: '4.0',
  source: 'https://docs-prv.pcisecuritystandards.org/PCI%20DSS/Standard/PCI-DSS-v4_0.pdf',
  ruleFramework: 'pci-dss',
  notes:
    'Mappings assume the scanned workloads are in, or connected to, the cardholder data environment; scoping is the ' +
    "assessor's decision. Automated checks are evidence for the configuration part of a requirement and support, not " +
    'replace, the testing procedures of a QSA assessment.',
  sections: [
    { id: '1', title: 'Req. 1 Install and maintain network security controls' },
    { id: '2', title: 'Req. 2 Apply secure configurations to all system components' },
    { id: '3', title: 'Req. 3 Protect stored account data' },
    { id: '4', title: 'Req. 4 Protect cardholder data with strong cryptography during transmission' },
    { id: '6', title: 'Req. 6 Develop and maintain secure systems and software' },
    { id: '7', title: 'Req. 7 Restrict access by business need to know' },
    { id: '8', title: 'Req. 8 Identify users and authenticate access' },
    { id: '10', title: 'Req. 10 Log and monitor all access' },
    { id: '11', title: 'Req. 11 Test security of systems and networks regularly' },
  ],
  controls: [
    control(
      '1',
      '1.2.1',
      'Configuration standards for NSC rulesets are defined, implemented and maintained',
      'NetworkPolicies are the NSC rulesets of a cluster; their standard and review are process evidence. ' + MANUAL,
    ),
    control(
      '1',
      '1.3.1',
      'Inbound traffic to the CDE is restricted',
      'Inbound traffic to the CDE is restricted to only that which is necessary; all other traffic is denied.',
      [
        rule('default-deny-missing', 'Without a default deny, inbound traffic not explicitly needed is allowed.'),
        rule('workload-not-covered-by-network-policy', 'A workload no NetworkPolicy selects accepts all inbound traffic.'),
        rule('namespace-without-network-policy', 'A namespace without NetworkPolicies restricts no inbound traffic.'),
        rule('network-policy-allows-all', 'A policy allowing all sources does not restrict inbound traffic.'),
      ],
    ),
    control(
      '1',
      '1.3.2',
      'Outbound traffic from the CDE is restricted',
      'Outbound traffic from the CDE is restricted to only that which is necessary; all other traffic is denied.',
      [
        rule('default-deny-missing', 'Without a default deny for egress, all outbound traffic is allowed.'),
        rule(
          'egress-to-metadata-api',
          'Egress to the cloud metadata API is outbound traffic that is never necessary for applications.',
        ),
      ],
    ),
    control(
      '1',
      '1.4.1',
      'NSCs are implemented between trusted and untrusted networks',
      'Network security controls sit between trusted and untrusted networks.',
      [
        rule(
          'service-load-balancer-public',
          'An internet-facing load balancer connects the workload to an untrusted network without source restriction.',
        ),
        rule('service-external-ips', 'externalIPs route outside addresses into the cluster outside NSC design.'),
      ],
    ),
    control(
      '1',
      '1.4.2',
      'Inbound traffic from untrusted networks to trusted networks is restricted',
      'Only communications with authorized, publicly accessible system components are allowed.',
      [
        rule(
          'service-load-balancer-public',
          'Passes only for internal load balancers or ones restricted to known source ranges.',
        ),
        rule('service-node-port', 'NodePorts accept traffic on every node address, bypassing the intended entry point.'),
        rule('host-port', 'hostPorts accept traffic on node addresses, bypassing the intended entry point.'),
      ],
    ),
    control(
      '2',
      '2.2.1',
      'Configuration standards are developed, implemented and maintained',
      "Palisade's rule set can be part of the configuration standard; the standard itself is a document. " + MANUAL,
    ),
    control(
      '2',
      '2.2.4',
      'Only necessary services, protocols, daemons and functions are enabled',
      'Unnecessary functionality is removed or disabled.',
      [
        rule('pss-capabilities-restricted', 'Containers must drop all Linux capabilities they do not need.'),
        rule('host-network', 'hostNetwork exposes node network functions the application does not need.'),
        rule('host-port', 'hostPorts enable node-level listeners the application does not need.'),
        rule('pss-sysctls', 'Only safe, namespaced sysctls may be changed.'),
      ],
    ),
    control(
      '2',
      '2.2.5',
      'Insecure services, protocols or daemons are justified and secured',
      'Plaintext listeners are insecure protocols.',
      [
        rule('ingress-tls', 'An Ingress without TLS serves plaintext HTTP.'),
        rule('gateway-listener-without-tls', 'A Gateway listener without TLS serves plaintext.'),
      ],
    ),
    control(
      '2',
      '2.2.6',
      'System security parameters are configured to prevent misuse',
      'Security parameters of system components prevent misuse.',
      [
        rule('privileged-container', 'Privileged mode disables container isolation.'),
        rule('allow-privilege-escalation', 'Privilege escalation must be turned off.'),
        rule('run-as-non-root', 'Containers must run as non-root users.'),
        rule('read-only-root-filesystem', 'A read-only root file system prevents tampering at run time.'),
        rule('pss-seccomp-profile-restricted', 'A seccomp profile restricts system calls.'),
        rule('pss-app-armor-profile', 'AppArmor must not be disabled.'),
        rule('pss-se-linux-options', 'SELinux options must not be loosened.'),
        rule('pss-proc-mount', '/proc masks must stay in place.'),
        rule('host-pid', 'Host PID namespace sharing must be off.'),
        rule('host-ipc', 'Host IPC namespace sharing must be off.'),
        rule('host-path-volume', 'Host file system mounts must be avoided.'),
      ],
    ),
    control(
      '2',
      '2.2.7',
      'All non-console administrative access is encrypted using strong cryptography',
      'API server and node access encryption is cluster configuration. ' + MANUAL,
    ),
    control(
      '3',
      '3.5.1',
      'PAN is rendered unreadable anywhere it is stored',
      'Encryption of stored data (etcd encryption, volume or application encryption) is outside workload manifests. ' + MANUAL,
    ),
    control('3', '3.6.1', 'Procedures to protect cryptographic keys are defined and implemented', MANUAL),
    control(
      '3',
      '3.7.4',
      'Cryptographic keys are changed at the end of their defined cryptoperiod',
      'Key management defines a cryptoperiod for each key type in use and changes keys that reach its end.',
      [
        rule(
          'secret-data-key-age',
          'Data keys of Palisade-encrypted Secrets older than the maximum age have outlived their cryptoperiod.',
        ),
      ],
    ),
    control(
      '4',
      '4.2.1',
      'Strong cryptography protects PAN during transmission over open, public networks',
      'Only trusted keys and certificates are accepted and the protocol uses secure versions.',
      [
        rule('ingress-tls', 'An Ingress without TLS transmits over public networks in plaintext.'),
        rule('ingress-ssl-redirect-disabled', 'Without the redirect clients may transmit in plaintext.'),
        rule('gateway-listener-without-tls', 'A Gateway listener without TLS transmits in plaintext.'),
      ],
    ),
    control(
      '6',
      '6.3.2',
      'An inventory of bespoke and custom software and third-party components is maintained',
      'An inventory is needed to manage vulnerabilities and patches.',
      [
        rule('image-tag', 'Without pinned versions the inventory cannot say which software runs.'),
        rule('image-digest', 'A digest identifies the exact component version in the inventory.'),
        rule('image-registry', 'Components from unapproved registries are outside the maintained inventory.'),
      ],
    ),
    control(
      '6',
      '6.3.3',
      'System components are protected from known vulnerabilities by installing security patches',
      'Image scanning and patch cadence are process evidence. ' + MANUAL,
    ),
    control(
      '6',
      '6.4.2',
      'Public-facing web applications are protected by an automated technical solution',
      'A WAF or equivalent in front of public applications is outside manifests. ' + MANUAL,
    ),
    control('7', '7.2.1', 'An access control model is defined', MANUAL),
    control(
      '7',
      '7.2.2',
      'Access is assigned based on job classification and function and least privileges',
      'Users, including privileged users, get only the access their function needs.',
      [
        rule('rbac-cluster-admin-binding', 'cluster-admin is beyond the least privilege of any job function.'),
        rule('rbac-wildcard', 'Wildcards grant privileges no one asked for.'),
        rule('rbac-escalate-bind-impersonate', 'escalate, bind and impersonate allow exceeding assigned privileges.'),
        rule('rbac-secrets-read', 'Reading Secrets exposes credentials beyond need to know.'),
        rule('rbac-pod-exec', 'exec into pods gives access to data inside containers.'),
        rule('rbac-node-proxy', 'nodes/proxy gives access to every pod of a node.'),
        rule('rbac-workload-creation', 'Creating workloads implies the privileges of every ServiceAccount of the namespace.'),
        rule('rbac-csr-approval', 'Approving CSRs can create any identity.'),
        rule('rbac-webhook-configuration', 'Changing webhooks can disable or subvert admission control.'),
        rule('rbac-persistent-volume-creation', 'Creating PersistentVolumes can mount host paths.'),
        rule('rbac-crd-modification', 'Changing CRDs alters the API for everyone.'),
        rule('rbac-node-modification', 'Modifying Nodes can redirect workloads.'),
      ],
    ),
    control('7', '7.2.4', 'All user accounts and related access privileges are reviewed at least once every six months', MANUAL),
    control(
      '7',
      '7.2.5',
      'All application and system accounts and related access privileges are assigned based on least privilege',
      'ServiceAccounts get only the access the application needs.',
      [
        rule('automount-service-account-token', 'Workloads that do not call the API should not hold a token.'),
        rule('rbac-default-service-account', 'Permissions on default ServiceAccounts go to every pod that names none.'),
        rule('rbac-service-account-token-creation', 'Creating tokens lets a subject act as other application accounts.'),
        rule('rbac-cluster-binding-for-namespaced-use', 'A cluster-wide binding grants an application more than its namespace.'),
      ],
    ),
    control(
      '8',
      '8.2.2',
      'Group, shared or generic accounts are used only when necessary',
      'Shared access must be exceptional, justified and attributable.',
      [
        rule(
          'rbac-risky-subjects',
          'Roles bound to anonymous, all-authenticated or all-ServiceAccount groups are generic access.',
        ),
      ],
    ),
    control(
      '8',
      '8.3.1',
      'All user access to system components is authenticated',
      'Authentication is API server configuration. ' + MANUAL,
    ),
    control(
      '8',
      '8.3.2',
      'Strong cryptography renders all authentication factors unreadable during transmission and storage',
      'Authentication factors (passwords, keys, tokens) must not be stored readable.',
      [
        rule('secret-plaintext-in-manifest', 'Credentials in plaintext Secret manifests are stored readable in the repository.'),
        rule('credentials-in-env', 'Credentials in env literals and ConfigMaps are stored readable in manifests and the API.'),
      ],
    ),
    control('8', '8.6.1', 'Interactive login with system or application accounts is managed', MANUAL),
    control(
      '10',
      '10.2.1',
      'Audit logs are enabled and active for all system components and cardholder data',
      'API server audit logging and log shipping are cluster configuration. ' + MANUAL,
    ),
    control('10', '10.3.3', 'Audit log files are promptly backed up to a secure, central log server', MANUAL),
    control('10', '10.7.2', 'Failures of critical security control systems are detected, alerted and addressed', MANUAL),
    control(
      '11',
      '11.3.1',
      'Internal vulnerability scans are performed at least once every three months',
      'Image and host vulnerability scans are outside Palisade. ' + MANUAL,
    ),
    control(
      '11',
      '11.4.5',
      'Segmentation controls are tested',
      'Penetration testing of segmentation is a procedure; NetworkPolicy findings inform its scope. ' + MANUAL,
    ),
    control('11', '11.5.1', 'Intrusion-detection and/or intrusion-prevention techniques are used', MANUAL),
    control(
      '11',
      '11.5.2',
      'A change-detection mechanism is deployed',
      'File integrity monitoring is a runtime control. ' + MANUAL,
    ),
  ],
};

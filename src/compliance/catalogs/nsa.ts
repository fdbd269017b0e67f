/**
 * NSA/CISA Kubernetes Hardening Guide v1.2 (August 2022). The guide has no numbered controls, so
 * Palisade gives each recommendation of its section structure a stable id
 * `nsa-<section>-<topic>`: sections are Pod security (`pod-security`), Network separation and
 * hardening (`network`), Authentication and authorization (`authn`, `authz`), Audit logging and
 * threat detection (`logging`, `threat-detection`), and Upgrading and application security
 * practices (`upgrading`). Ids are never reused; a renamed topic keeps its id.
 */
import { control, rule, type Catalog } from '../types.js';

const MANUAL = 'Needs evidence beyond manifests (cluster configuration, process or review).';

export const NSA: Catalog = {
  id: 'nsa',
  name: 'NSA/CISA Kubernetes Hardening Guide',
  version: '1.2',
  source: 'https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF',
  ruleFramework: 'nsa',
  notes:
    'The guide is prose without control numbers; ids follow its section structure (nsa-<section>-<topic>). ' +
    'Automated checks cover what workload and policy manifests show and support, not replace, an assessment.',
  sections: [
    { id: 'pod-security', title: 'Kubernetes Pod security' },
    { id: 'network', title: 'Network separation and hardening' },
    { id: 'auth', title: 'Authentication and authorization' },
    { id: 'logging', title: 'Audit logging and threat detection' },
    { id: 'upgrading', title: 'Upgrading and application security practices' },
  ],
  controls: [
    control(
      'pod-security',
      'nsa-pod-security-non-root',
      '"Non-root" containers and "rootless" container engines',
      'Containers should run as non-root users so an escape does not yield root on the node.',
      [
        rule('run-as-non-root', 'Reports containers not required to run as a non-root user.'),
        rule('pss-run-as-non-root', 'Pod Security restricted runAsNonRoot check.'),
        rule('pss-run-as-user', 'Pod Security restricted runAsUser check (UID 0 forbidden).'),
      ],
    ),
    control(
      'pod-security',
      'nsa-pod-security-immutable-filesystem',
      'Immutable container file systems',
      'Containers should run with a read-only root file system, writing only to mounted volumes.',
      [rule('read-only-root-filesystem', 'Reports containers without readOnlyRootFilesystem: true.')],
    ),
    control(
      'pod-security',
      'nsa-pod-security-secure-images',
      'Building secure container images',
      'Images should come from trusted registries, be scanned, and be pinned so what runs is what was scanned.',
      [
        rule('image-tag', 'Reports images without a pinned tag or digest: what was scanned may not be what runs.'),
        rule('image-digest', 'Reports images not pinned by digest.'),
        rule('image-registry', 'Reports images from registries outside the trusted list.'),
      ],
    ),
    control(
      'pod-security',
      'nsa-pod-security-enforcement',
      'Pod security enforcement',
      'Privileged containers, host namespaces, host paths, privilege escalation and added capabilities should be denied by policy.',
      [
        rule('privileged-container', 'Reports privileged containers.'),
        rule('pss-privileged', 'Pod Security baseline privileged check.'),
        rule('host-network', 'Reports pods sharing the host network namespace.'),
        rule('host-pid', 'Reports pods sharing the host PID namespace.'),
        rule('host-ipc', 'Reports pods sharing the host IPC namespace.'),
        rule('pss-host-namespaces', 'Pod Security baseline hostNamespaces check.'),
        rule('host-path-volume', 'Reports hostPath volumes.'),
        rule('pss-host-path-volumes', 'Pod Security baseline hostPathVolumes check.'),
        rule('allow-privilege-escalation', 'Reports containers allowing privilege escalation.'),
        rule('pss-allow-privilege-escalation', 'Pod Security restricted allowPrivilegeEscalation check.'),
        rule('pss-capabilities-baseline', 'Pod Security baseline capabilities check.'),
        rule('pss-capabilities-restricted', 'Pod Security restricted capabilities check (drop ALL).'),
        rule('pss-windows-host-process', 'Pod Security baseline windowsHostProcess check.'),
      ],
    ),
    control(
      'pod-security',
      'nsa-pod-security-service-account-tokens',
      'Protecting Pod service account tokens',
      'Pods that do not call the API server should not mount a ServiceAccount token.',
      [rule('automount-service-account-token', 'Reports workloads that mount a token without opting out.')],
    ),
    control(
      'pod-security',
      'nsa-pod-security-hardened-runtime',
      'Hardening container environments',
      'Use kernel isolation (seccomp, AppArmor, SELinux) and sandboxed runtimes where possible.',
      [
        rule('pss-seccomp-profile-restricted', 'Requires a RuntimeDefault or Localhost seccomp profile.'),
        rule('pss-seccomp-profile-baseline', 'Forbids the Unconfined seccomp profile.'),
        rule('pss-app-armor-profile', 'Forbids disabling or overriding AppArmor.'),
        rule('pss-se-linux-options', 'Forbids custom SELinux users and roles.'),
        rule('pss-proc-mount', 'Keeps the default /proc masks.'),
        rule('pss-sysctls', 'Allows only namespaced, safe sysctls.'),
      ],
    ),
    control(
      'network',
      'nsa-network-namespaces',
      'Namespaces',
      'Separate teams and applications into namespaces; do not run workloads in default. ' + MANUAL,
    ),
    control(
      'network',
      'nsa-network-policies',
      'Network policies',
      'Use NetworkPolicies with a default deny, and allow only the traffic each application needs.',
      [
        rule('default-deny-missing', 'Reports namespaces without a default-deny policy.'),
        rule('namespace-without-network-policy', 'Reports namespaces with workloads and no NetworkPolicy.'),
        rule('workload-not-covered-by-network-policy', 'Reports workloads no NetworkPolicy selects.'),
        rule('network-policy-allows-all', 'Reports policies that allow all traffic and so isolate nothing.'),
      ],
    ),
    control(
      'network',
      'nsa-network-resource-policies',
      'Resource policies',
      'LimitRanges, ResourceQuotas and container limits keep one workload from exhausting a node.',
      [
        rule('container-memory-limit', 'Reports containers without a memory limit.'),
        rule('container-cpu-limit', 'Reports containers without a CPU limit.'),
        rule('container-resource-requests', 'Reports containers without resource requests.'),
        rule('namespace-resource-governance', 'Reports namespaces without a LimitRange and a ResourceQuota.'),
      ],
    ),
    control(
      'network',
      'nsa-network-control-plane',
      'Control plane hardening',
      'Protect the API server, etcd and kubeconfig files; use TLS and restrict access. Node configuration: ' + MANUAL,
    ),
    control(
      'network',
      'nsa-network-worker-node-segmentation',
      'Worker node segmentation',
      'Isolate worker nodes from other networks; expose Services deliberately.',
      [
        rule('service-node-port', 'Reports NodePort Services, which open a port on every node.'),
        rule('service-load-balancer-public', 'Reports internet-facing load balancers.'),
        rule('service-external-ips', 'Reports Services with externalIPs (CVE-2020-8554 traffic interception).'),
        rule('host-port', 'Reports containers binding ports on the node.'),
      ],
    ),
    control(
      'network',
      'nsa-network-encryption',
      'Encryption',
      'Encrypt traffic in transit (TLS at ingress, mTLS between services) and secrets at rest.',
      [
        rule('ingress-tls', 'Reports Ingresses serving without TLS.'),
        rule('ingress-ssl-redirect-disabled', 'Reports Ingresses that disable the HTTP-to-HTTPS redirect.'),
        rule('gateway-listener-without-tls', 'Reports Gateway listeners serving plain HTTP.'),
        rule('istio-mtls-not-strict', 'Reports Istio PeerAuthentications that accept plaintext.'),
        rule('istio-destination-rule-tls-disabled', 'Reports Istio DestinationRules that disable TLS.'),
        rule('linkerd-skip-ports', 'Reports ports that bypass the Linkerd proxy and its mTLS.'),
      ],
    ),
    control('network', 'nsa-network-secrets', 'Secrets', 'Encrypt Secrets at rest (KMS) and restrict who can read them.', [
      rule('rbac-secrets-read', 'Reports roles that may read Secrets.'),
    ]),
    control(
      'network',
      'nsa-network-cloud-infrastructure',
      'Protecting sensitive cloud infrastructure',
      'Block pod access to the cloud instance metadata service.',
      [rule('egress-to-metadata-api', 'Reports NetworkPolicies allowing egress to the metadata API address.')],
    ),
    control(
      'auth',
      'nsa-authn-authentication',
      'Authentication',
      'Disable anonymous access and use strong user authentication (OIDC, not static tokens). ' + MANUAL,
    ),
    control(
      'auth',
      'nsa-authz-rbac',
      'Role-based access control',
      'Enable RBAC and grant least privilege; avoid cluster-admin and wildcards.',
      [
        rule('rbac-cluster-admin-binding', 'Reports bindings to cluster-admin.'),
        rule('rbac-wildcard', 'Reports wildcard permissions.'),
        rule('rbac-escalate-bind-impersonate', 'Reports escalate, bind and impersonate grants.'),
        rule(
          'rbac-risky-subjects',
          'Reports bindings granting roles to anonymous, all-authenticated or all-ServiceAccount groups.',
        ),
        rule('rbac-crd-modification', 'Reports grants to change CustomResourceDefinitions.'),
        rule('rbac-node-modification', 'Reports grants to modify Node objects.'),
        rule('rbac-workload-creation', 'Reports grants to create workloads.'),
        rule('rbac-pod-exec', 'Reports grants to exec or attach into pods.'),
        rule('rbac-node-proxy', 'Reports grants to nodes/proxy.'),
        rule('rbac-default-service-account', 'Reports permissions bound to default ServiceAccounts.'),
        rule('rbac-cluster-binding-for-namespaced-use', 'Reports cluster-wide bindings used for namespaced access.'),
      ],
    ),
    control(
      'logging',
      'nsa-logging-audit',
      'Kubernetes native audit logging configuration',
      'Enable API server audit logging with a policy that records security-relevant requests. ' + MANUAL,
    ),
    control(
      'logging',
      'nsa-logging-nodes-containers',
      'Worker node and container logging',
      'Collect container and node logs centrally (SIEM) and keep them tamper-resistant. ' + MANUAL,
    ),
    control(
      'logging',
      'nsa-logging-seccomp-audit',
      'Seccomp: audit mode',
      'Seccomp profiles help detect unexpected system calls.',
      [
        rule(
          'pss-seccomp-profile-restricted',
          'Reports pods without a seccomp profile, where no system call is filtered or audited.',
        ),
      ],
    ),
    control(
      'logging',
      'nsa-logging-fault-tolerance',
      'Fault tolerance',
      'Logging and workloads should tolerate failures; run critical services redundantly.',
      [
        rule('single-replica', 'Reports workloads running a single replica.'),
        rule('pdb-missing', 'Reports replicated workloads without a PodDisruptionBudget.'),
      ],
    ),
    control(
      'logging',
      'nsa-threat-detection',
      'Threat detection',
      'Alert on anomalous activity (audit log, runtime detection). ' + MANUAL,
    ),
    control(
      'upgrading',
      'nsa-upgrading-patching',
      'Upgrading and application security practices',
      'Apply patches promptly, scan images and review configurations regularly.',
      [
        rule('image-tag', 'Reports images without a pinned version, which cannot be tracked for vulnerabilities.'),
        rule('image-pull-policy', 'Reports pull policies that may run stale images.'),
      ],
    ),
  ],
};

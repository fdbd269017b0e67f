/**
 * Pod Security Standards: one control per upstream check of k8s.io/pod-security-admission
 * (policy/check_*.go), id `<level>/<checkId>` with the check id exactly as upstream names it.
 * The restricted level also includes every baseline control.
 */
import { control, rule, type Catalog } from '../types.js';

const PSS = (id: string) => `Pod Security Admission check "${id}" on each pod template.`;

export const PSS_CATALOG: Catalog = {
  id: 'pss',
  name: 'Kubernetes Pod Security Standards',
  version: 'latest (Kubernetes 1.37 checks)',
  source: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
  ruleFramework: 'pss',
  notes:
    'Controls are the upstream Pod Security Admission checks, as <level>/<check id>. The restricted profile is ' +
    'baseline plus the restricted controls. The pss-* rules apply the upstream checks exactly (honouring namespace ' +
    'labels and policy versions); the workload-security rules are their twins with precise paths. Manifests passing ' +
    'here would be admitted by a namespace enforcing that level; whether namespaces do enforce it is cluster state.',
  sections: [
    { id: 'baseline', title: 'Baseline' },
    { id: 'restricted', title: 'Restricted' },
  ],
  controls: [
    control(
      'baseline',
      'baseline/windowsHostProcess',
      'HostProcess',
      'Windows pods must not run HostProcess containers (hostProcess: true).',
      [rule('pss-windows-host-process', PSS('windowsHostProcess'))],
    ),
    control(
      'baseline',
      'baseline/hostNamespaces',
      'Host Namespaces',
      'Sharing the host namespaces (network, PID, IPC) must be disallowed.',
      [
        rule('pss-host-namespaces', PSS('hostNamespaces')),
        rule('host-network', 'Twin rule: reports hostNetwork: true.'),
        rule('host-pid', 'Twin rule: reports hostPID: true.'),
        rule('host-ipc', 'Twin rule: reports hostIPC: true.'),
      ],
    ),
    control(
      'baseline',
      'baseline/privileged',
      'Privileged Containers',
      'Privileged pods disable most security mechanisms and must be disallowed.',
      [
        rule('pss-privileged', PSS('privileged')),
        rule('privileged-container', 'Twin rule: reports securityContext.privileged: true.'),
      ],
    ),
    control(
      'baseline',
      'baseline/capabilities_baseline',
      'Capabilities',
      'Adding capabilities beyond the default set must be disallowed.',
      [rule('pss-capabilities-baseline', PSS('capabilities_baseline'))],
    ),
    control('baseline', 'baseline/hostPathVolumes', 'HostPath Volumes', 'HostPath volumes must be forbidden.', [
      rule('pss-host-path-volumes', PSS('hostPathVolumes')),
      rule('host-path-volume', 'Twin rule: reports hostPath volumes.'),
    ]),
    control(
      'baseline',
      'baseline/hostPorts',
      'Host Ports',
      'HostPorts should be disallowed entirely or restricted to a known list.',
      [rule('pss-host-ports', PSS('hostPorts')), rule('host-port', 'Twin rule: reports containers declaring a hostPort.')],
    ),
    control(
      'baseline',
      'baseline/hostProbesAndHostLifecycle',
      'Host Probes / Lifecycle Hooks',
      'Probes and lifecycle handlers must not target a host other than the pod.',
      [rule('pss-host-probes-and-host-lifecycle', PSS('hostProbesAndHostLifecycle'))],
    ),
    control(
      'baseline',
      'baseline/appArmorProfile',
      'AppArmor',
      'The default AppArmor profile must not be overridden or disabled.',
      [rule('pss-app-armor-profile', PSS('appArmorProfile'))],
    ),
    control(
      'baseline',
      'baseline/seLinuxOptions',
      'SELinux',
      'Setting a custom SELinux user or role, or an unexpected type, must be forbidden.',
      [rule('pss-se-linux-options', PSS('seLinuxOptions'))],
    ),
    control(
      'baseline',
      'baseline/procMount',
      '/proc Mount Type',
      'The default /proc masks must stay in place (procMount: Default).',
      [rule('pss-proc-mount', PSS('procMount'))],
    ),
    control(
      'baseline',
      'baseline/seccompProfile_baseline',
      'Seccomp',
      'The seccomp profile must not be explicitly set to Unconfined.',
      [rule('pss-seccomp-profile-baseline', PSS('seccompProfile_baseline'))],
    ),
    control('baseline', 'baseline/sysctls', 'Sysctls', 'Only the safe subset of sysctls may be set.', [
      rule('pss-sysctls', PSS('sysctls')),
    ]),
    control(
      'restricted',
      'restricted/restrictedVolumes',
      'Volume Types',
      'Only core non-host volume types (configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret) are allowed.',
      [rule('pss-restricted-volumes', PSS('restrictedVolumes'))],
    ),
    control(
      'restricted',
      'restricted/allowPrivilegeEscalation',
      'Privilege Escalation',
      'Privilege escalation (e.g. via setuid) must be disallowed.',
      [
        rule('pss-allow-privilege-escalation', PSS('allowPrivilegeEscalation')),
        rule('allow-privilege-escalation', 'Twin rule: reports containers without allowPrivilegeEscalation: false.'),
      ],
    ),
    control(
      'restricted',
      'restricted/runAsNonRoot',
      'Running as Non-root',
      'Containers must be required to run as non-root users.',
      [
        rule('pss-run-as-non-root', PSS('runAsNonRoot')),
        rule('run-as-non-root', 'Twin rule: reports containers not required to run as non-root.'),
      ],
    ),
    control('restricted', 'restricted/runAsUser', 'Running as Non-root user', 'Containers must not set runAsUser to 0.', [
      rule('pss-run-as-user', PSS('runAsUser')),
      rule('run-as-non-root', 'Twin rule: also reports runAsUser: 0.'),
    ]),
    control(
      'restricted',
      'restricted/seccompProfile_restricted',
      'Seccomp (restricted)',
      'The seccomp profile must be explicitly set to RuntimeDefault or Localhost.',
      [rule('pss-seccomp-profile-restricted', PSS('seccompProfile_restricted'))],
    ),
    control(
      'restricted',
      'restricted/capabilities_restricted',
      'Capabilities (restricted)',
      'Containers must drop ALL capabilities and may only add back NET_BIND_SERVICE.',
      [rule('pss-capabilities-restricted', PSS('capabilities_restricted'))],
    ),
    control(
      'restricted',
      'restricted/procMount_restricted',
      '/proc Mount Type (restricted)',
      'procMount must be Default, also for user-namespaced pods.',
      [rule('pss-proc-mount-restricted', PSS('procMount_restricted'))],
    ),
  ],
};

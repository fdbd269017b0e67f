import { pssControlRule } from './pss-rule.js';

export default pssControlRule({
  id: 'pss-host-namespaces',
  control: 'hostNamespaces',
  level: 'baseline',
  title: 'Pods must not share host namespaces',
  severity: 'high',
  description: 'Sharing the host network, PID or IPC namespace lets a pod see and reach host processes and interfaces.',
  remediation: 'Remove hostNetwork, hostPID and hostIPC (or set them to false).',
  // No CIS id: this one check covers hostNetwork, hostPID and hostIPC, which CIS splits into
  // 5.2.3-5.2.5; host-network, host-pid and host-ipc carry those precisely.
  controls: [],
});

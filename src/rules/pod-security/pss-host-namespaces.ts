import { pssControlRule } from './pss-rule.js';

export default pssControlRule({
  id: 'pss-host-namespaces',
  control: 'hostNamespaces',
  level: 'baseline',
  title: 'Pods must not share host namespaces',
  severity: 'high',
  description: 'Sharing the host network, PID or IPC namespace lets a pod see and reach host processes and interfaces.',
  remediation: 'Remove hostNetwork, hostPID and hostIPC (or set them to false).',
  controls: [{ framework: 'cis-k8s', id: '5.2.5' }],
});

import { pssControlRule } from './pss-rule.js';

export default pssControlRule({
  id: 'pss-windows-host-process',
  control: 'windowsHostProcess',
  level: 'baseline',
  title: 'Windows pods must not run as HostProcess',
  severity: 'critical',
  description: 'A Windows HostProcess container runs directly on the node with host privileges.',
  remediation: 'Remove securityContext.windowsOptions.hostProcess.',
  controls: [{ framework: 'cis-k8s', id: '5.2.11' }],
});

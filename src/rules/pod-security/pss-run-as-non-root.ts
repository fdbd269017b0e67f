import { pssControlRule } from './pss-rule.js';

export default pssControlRule({
  id: 'pss-run-as-non-root',
  control: 'runAsNonRoot',
  level: 'restricted',
  title: 'Containers must run as non-root',
  severity: 'high',
  description: 'Processes running as root in a container are root on the node if they escape.',
  remediation: 'Set securityContext.runAsNonRoot: true at the pod level (or on every container).',
  controls: [{ framework: 'cis-k8s', id: '5.2.7' }],
});

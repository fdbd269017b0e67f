import { pssControlRule } from './pss-rule.js';

export default pssControlRule({
  id: 'pss-privileged',
  control: 'privileged',
  level: 'baseline',
  title: 'Containers must not run privileged',
  severity: 'critical',
  description: 'Privileged containers have every capability and the host devices.',
  remediation: 'Remove securityContext.privileged or set it to false.',
  controls: [{ framework: 'cis-k8s', id: '5.2.2' }],
});

import { pssControlRule } from './pss-rule.js';

export default pssControlRule({
  id: 'pss-proc-mount-restricted',
  control: 'procMount_restricted',
  level: 'restricted',
  title: 'Containers must use the default /proc mount (restricted)',
  severity: 'medium',
  description:
    'From policy v1.35 the restricted profile checks procMount separately, so that pods with user namespaces may relax it only at baseline.',
  remediation: 'Remove securityContext.procMount or set it to Default.',
  controls: [],
});

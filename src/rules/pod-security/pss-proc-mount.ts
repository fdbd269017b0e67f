import { pssControlRule } from './pss-rule.js';

export default pssControlRule({
  id: 'pss-proc-mount',
  control: 'procMount',
  level: 'baseline',
  title: 'Containers must use the default /proc mount',
  severity: 'medium',
  description: 'An Unmasked /proc exposes kernel interfaces that the default mask hides.',
  remediation: 'Remove securityContext.procMount or set it to Default.',
  controls: [],
});

import { pssControlRule } from './pss-rule.js';

export default pssControlRule({
  id: 'pss-sysctls',
  control: 'sysctls',
  level: 'baseline',
  title: 'Pods may set only safe sysctls',
  severity: 'high',
  description: 'Unsafe sysctls change kernel settings shared with every pod on the node.',
  remediation: 'Remove sysctls outside the safe set of the policy version in force.',
  controls: [],
});

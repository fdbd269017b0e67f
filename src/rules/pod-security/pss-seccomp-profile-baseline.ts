import { pssControlRule } from './pss-rule.js';

export default pssControlRule({
  id: 'pss-seccomp-profile-baseline',
  control: 'seccompProfile_baseline',
  level: 'baseline',
  title: 'Seccomp must not be Unconfined',
  severity: 'high',
  description: 'An Unconfined seccomp profile allows every system call, widening the kernel attack surface.',
  remediation: 'Remove Unconfined seccomp profiles; use RuntimeDefault or a Localhost profile.',
  controls: [],
});

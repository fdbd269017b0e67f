import { pssControlRule } from './pss-rule.js';

export default pssControlRule({
  id: 'pss-seccomp-profile-restricted',
  control: 'seccompProfile_restricted',
  level: 'restricted',
  title: 'Pods must set a RuntimeDefault or Localhost seccomp profile',
  severity: 'medium',
  description: 'Without a seccomp profile, containers can make every system call the runtime allows by default.',
  remediation: 'Set spec.securityContext.seccompProfile.type: RuntimeDefault (or Localhost).',
  controls: [],
});

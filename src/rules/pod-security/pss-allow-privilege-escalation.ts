import { pssControlRule } from './pss-rule.js';

export default pssControlRule({
  id: 'pss-allow-privilege-escalation',
  control: 'allowPrivilegeEscalation',
  level: 'restricted',
  title: 'Containers must set allowPrivilegeEscalation: false',
  severity: 'high',
  description: 'Without no_new_privs, setuid binaries and file capabilities let a process gain privileges.',
  remediation: 'Set securityContext.allowPrivilegeEscalation: false on every container.',
  controls: [{ framework: 'cis-k8s', id: '5.2.6' }],
});

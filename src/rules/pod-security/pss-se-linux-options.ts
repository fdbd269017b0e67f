import { pssControlRule } from './pss-rule.js';

export default pssControlRule({
  id: 'pss-se-linux-options',
  control: 'seLinuxOptions',
  level: 'baseline',
  title: 'SELinux options must not escalate',
  severity: 'high',
  description: 'Custom SELinux users, roles or privileged types such as spc_t lift the confinement SELinux gives containers.',
  remediation:
    'Remove seLinuxOptions user and role, and use only the container_t, container_init_t, container_kvm_t or container_engine_t types.',
  controls: [],
});

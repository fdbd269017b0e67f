import { pssControlRule } from './pss-rule.js';

export default pssControlRule({
  id: 'pss-capabilities-baseline',
  control: 'capabilities_baseline',
  level: 'baseline',
  title: 'Containers must not add capabilities beyond the baseline set',
  severity: 'high',
  description:
    'Capabilities outside the default set (for example SYS_ADMIN or NET_ADMIN) give a container powers close to root on the node.',
  remediation:
    'Remove capabilities.add entries outside AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT.',
  controls: [{ framework: 'cis-k8s', id: '5.2.9' }],
});

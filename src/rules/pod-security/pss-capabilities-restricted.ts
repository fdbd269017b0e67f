import { pssControlRule } from './pss-rule.js';

export default pssControlRule({
  id: 'pss-capabilities-restricted',
  control: 'capabilities_restricted',
  level: 'restricted',
  title: 'Containers must drop ALL capabilities and add at most NET_BIND_SERVICE',
  severity: 'medium',
  description: 'The restricted profile runs containers with no Linux capabilities beyond binding low ports.',
  remediation: 'Set capabilities.drop: [ALL] and add only NET_BIND_SERVICE if needed.',
  controls: [{ framework: 'cis-k8s', id: '5.2.10' }],
});

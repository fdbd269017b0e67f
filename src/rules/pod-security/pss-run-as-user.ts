import { pssControlRule } from './pss-rule.js';

export default pssControlRule({
  id: 'pss-run-as-user',
  control: 'runAsUser',
  level: 'restricted',
  title: 'Containers must not set runAsUser to 0',
  severity: 'high',
  description: 'An explicit runAsUser of 0 runs the container as root whatever the image says.',
  remediation: 'Remove runAsUser: 0 or set a non-zero UID.',
  controls: [{ framework: 'cis-k8s', id: '5.2.7' }],
});

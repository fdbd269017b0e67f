import { pssControlRule } from './pss-rule.js';

export default pssControlRule({
  id: 'pss-host-path-volumes',
  control: 'hostPathVolumes',
  level: 'baseline',
  title: 'Pods must not mount hostPath volumes',
  severity: 'high',
  description: 'A hostPath volume exposes the node filesystem to the pod, a common escape path.',
  remediation: 'Replace hostPath volumes with emptyDir, configMap, secret, projected or persistent volumes.',
  controls: [{ framework: 'cis-k8s', id: '5.2.12' }],
});

import { pssControlRule } from './pss-rule.js';

export default pssControlRule({
  id: 'pss-restricted-volumes',
  control: 'restrictedVolumes',
  level: 'restricted',
  title: 'Pods may use only the restricted volume types',
  severity: 'medium',
  description:
    'Volume types outside the restricted set (hostPath, NFS, iSCSI, ...) reach storage the pod should not control directly.',
  remediation: 'Use configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected or secret volumes.',
  controls: [],
});

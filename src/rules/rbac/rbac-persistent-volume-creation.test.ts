import { ruleTester } from '../../testing/rule-tester.js';
import rule from './rbac-persistent-volume-creation.js';

ruleTester(rule, {
  valid: [
    {
      name: 'claims storage, reads volumes',
      doc: true,
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: storage-user}
rules:
- apiGroups: [""]
  resources: [persistentvolumeclaims]
  verbs: [create, get, list]
- apiGroups: [""]
  resources: [persistentvolumes]
  verbs: [get, list, watch]
`,
    },
  ],
  invalid: [
    {
      name: 'creates PersistentVolumes',
      doc: true,
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: volume-maker}
rules:
- apiGroups: [""]
  resources: [persistentvolumes]
  verbs: [create, delete]
`,
      findings: [{ path: 'rules[0]', message: 'can create persistentvolumes: a PersistentVolume can be a hostPath volume' }],
    },
  ],
});

import { defineRule } from '../../core/rule.js';
import { checkRolePermissions, ROLE_RULE_SCOPE, type DangerousAccess } from './permission-check.js';
import { ROLE_KINDS } from './rbac-model.js';

const CATALOG: readonly DangerousAccess[] = [
  {
    access: { verbs: ['create'], apiGroup: '', resource: 'persistentvolumes' },
    why: "a PersistentVolume can be a hostPath volume: a pod whose claim binds to it reads and writes the node's filesystem",
  },
];

export default defineRule({
  meta: {
    id: 'rbac-persistent-volume-creation',
    title: 'Roles should not create PersistentVolumes',
    severity: 'high',
    category: 'rbac',
    targets: ROLE_KINDS,
    needs: 'index',
    scope: ROLE_RULE_SCOPE,
    controls: [
      { framework: 'cis-k8s', id: '5.1.9' },
      { framework: 'mitre', id: 'T1611' },
    ],
    description:
      'Creating arbitrary PersistentVolumes includes hostPath volumes: a claim bound to one gives a pod the underlying ' +
      "node's filesystem (other containers' data, kubelet credentials), even where Pod Security forbids hostPath in pods.",
    remediation:
      'Let storage provisioners and trusted operators create PersistentVolumes; other subjects should use ' +
      'PersistentVolumeClaims.',
    references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#persistent-volume-creation'],
  },
  check(obj, ctx) {
    checkRolePermissions(obj, ctx, CATALOG);
  },
});

import { defineRule } from '../../core/rule.js';
import { checkRolePermissions, ROLE_RULE_SCOPE, type DangerousAccess } from './permission-check.js';
import { ROLE_KINDS } from './rbac-model.js';

const WHY =
  'its pods can run as any ServiceAccount of the namespace and mount any of its Secrets, ConfigMaps and volumes, so it ' +
  'holds all of their access (and node access wherever privileged pods are admitted)';
const WHY_UPDATE =
  "changing a pod's image or a controller's pod template runs new code with that pod's ServiceAccount, Secrets and volumes";

const WORKLOADS: readonly { apiGroup: string; resource: string }[] = [
  { apiGroup: '', resource: 'pods' },
  { apiGroup: 'apps', resource: 'deployments' },
  { apiGroup: 'apps', resource: 'replicasets' },
  { apiGroup: 'apps', resource: 'statefulsets' },
  { apiGroup: 'apps', resource: 'daemonsets' },
  { apiGroup: 'batch', resource: 'jobs' },
  { apiGroup: 'batch', resource: 'cronjobs' },
  { apiGroup: '', resource: 'replicationcontrollers' },
];

const CREATE: readonly DangerousAccess[] = WORKLOADS.map((w) => ({ access: { verbs: ['create'], ...w }, why: WHY }));
const UPDATE: readonly DangerousAccess[] = WORKLOADS.map((w) => ({
  access: { verbs: ['update', 'patch'], ...w },
  why: WHY_UPDATE,
}));

export default defineRule({
  meta: {
    id: 'rbac-workload-creation',
    title: 'Roles should not create pods or workloads without need',
    severity: 'high',
    category: 'rbac',
    targets: ROLE_KINDS,
    needs: 'index',
    scope: ROLE_RULE_SCOPE,
    options: {
      templateUpdates: {
        type: 'boolean',
        default: false,
        description:
          'Also report update and patch on pods and workload controllers (a changed image or pod template runs new code too).',
      },
    },
    controls: [
      { framework: 'cis-k8s', id: '5.1.4' },
      { framework: 'mitre', id: 'T1610' },
    ],
    description:
      'Whoever can create pods, or the controllers that create them (Deployments, ReplicaSets, StatefulSets, DaemonSets, ' +
      'Jobs, CronJobs, ReplicationControllers), in a namespace can run a pod as any ServiceAccount of that namespace and mount ' +
      'any of its Secrets, ConfigMaps and PersistentVolumeClaims: the permission implies all of their access. Where the ' +
      'namespace admits privileged pods, it also means root on a node.',
    remediation:
      'Grant create on workloads only to deployment pipelines and controllers that need it, in the namespaces they manage; ' +
      'enforce the Baseline or Restricted Pod Security Standard where such subjects are not fully trusted.',
    references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation'],
  },
  check(obj, ctx) {
    checkRolePermissions(obj, ctx, ctx.options.templateUpdates ? [...CREATE, ...UPDATE] : CREATE);
  },
});

import { defineRule } from '../../core/rule.js';
import { checkRolePermissions, ROLE_RULE_SCOPE, type DangerousAccess } from './permission-check.js';
import { ROLE_KINDS, type Grant } from './rbac-model.js';

/** Explains a grant of `get` without `create`: enough over WebSocket before Kubernetes 1.35. */
const websocket =
  (why: string) =>
  (g: Grant): string =>
    g.verbs.includes('create') ? why : `${why} (\`get\` alone is enough over WebSocket before Kubernetes 1.35)`;

const CATALOG: readonly DangerousAccess[] = [
  {
    access: { verbs: ['create', 'get'], apiGroup: '', resource: 'pods', subresource: 'exec' },
    why: websocket("runs commands in the pods' containers, with their ServiceAccount tokens and mounted Secrets"),
  },
  {
    access: { verbs: ['create', 'get'], apiGroup: '', resource: 'pods', subresource: 'attach' },
    why: websocket("attaches to the running processes of the pods' containers, reading their output and writing to their stdin"),
  },
  {
    access: { verbs: ['create', 'get'], apiGroup: '', resource: 'pods', subresource: 'portforward' },
    why: websocket('connects to any port of the pods from inside their network namespace, past Services and NetworkPolicies'),
  },
  {
    access: { verbs: ['update', 'patch'], apiGroup: '', resource: 'pods', subresource: 'ephemeralcontainers' },
    why: "adds a container of any image to running pods, with the pod's ServiceAccount, volumes and namespaces",
  },
];

export default defineRule({
  meta: {
    id: 'rbac-pod-exec',
    title: 'Roles should not exec, attach, port-forward or debug into pods without need',
    severity: 'high',
    category: 'rbac',
    targets: ROLE_KINDS,
    needs: 'index',
    scope: ROLE_RULE_SCOPE,
    controls: [{ framework: 'mitre', id: 'T1609' }],
    description:
      'pods/exec, pods/attach and pods/ephemeralcontainers let a subject run code inside existing pods, where it holds the ' +
      "pod's ServiceAccount token, mounted Secrets and network identity; pods/portforward reaches any port of a pod from " +
      'inside it. Until Kubernetes 1.35 (feature gate AuthorizePodWebsocketUpgradeCreatePermission) a WebSocket exec, ' +
      'attach or port-forward was authorized by `get` alone, so a "read-only" get on these subresources is not read-only.',
    remediation:
      'Grant these subresources only to people and tools that must debug pods, in the namespaces they own, preferably ' +
      'through short-lived bindings; never to workloads.',
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
      'https://github.com/kubernetes/kubernetes/pull/134577',
    ],
  },
  check(obj, ctx) {
    checkRolePermissions(obj, ctx, CATALOG);
  },
});

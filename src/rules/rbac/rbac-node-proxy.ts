import { defineRule } from '../../core/rule.js';
import { checkRolePermissions, ROLE_RULE_SCOPE, type DangerousAccess } from './permission-check.js';
import { ROLE_KINDS } from './rbac-model.js';

const CATALOG: readonly DangerousAccess[] = [
  {
    access: { verbs: ['get', 'create', 'update', 'patch', 'delete'], apiGroup: '', resource: 'nodes', subresource: 'proxy' },
    why:
      'reaches the kubelet API, which runs commands in every pod of the nodes, bypassing admission control and API audit ' +
      'logging (`get` is enough: WebSocket upgrades are GET requests)',
  },
];

export default defineRule({
  meta: {
    id: 'rbac-node-proxy',
    title: 'Roles must not grant nodes/proxy',
    severity: 'critical',
    category: 'rbac',
    targets: ROLE_KINDS,
    needs: 'index',
    scope: ROLE_RULE_SCOPE,
    controls: [
      { framework: 'cis-k8s', id: '5.1.10' },
      { framework: 'mitre', id: 'T1609' },
    ],
    description:
      "The nodes/proxy subresource proxies to the kubelet's API, whose exec, attach, run and port-forward endpoints act on " +
      'every pod of the node without admission control or API audit entries. WebSocket requests are plain HTTP GETs, so ' +
      '`get` on nodes/proxy, often granted to monitoring agents for metrics, is not read-only.',
    remediation:
      'Remove nodes/proxy. Monitoring agents need nodes/metrics and nodes/stats (and, with the KubeletFineGrainedAuthz ' +
      'feature, nodes/pods, nodes/healthz, nodes/configz), which the kubelet authorizes separately from nodes/proxy.',
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#access-to-proxy-subresource-of-nodes',
      'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/',
    ],
  },
  check(obj, ctx) {
    checkRolePermissions(obj, ctx, CATALOG);
  },
});

import { defineRule } from '../../core/rule.js';
import { authorizationModes, authorizersPath, authorizerTypes } from './checks.js';
import { isAuthorizationConfiguration } from './component.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

const EFFECT =
  'kubelets are not limited to the objects of their own node: a stolen node credential reaches whatever other authorizers grant to nodes';

export default defineRule({
  meta: {
    id: 'apiserver-authorization-node',
    title: 'The API server must use the Node authorizer',
    severity: 'medium',
    category: 'control-plane',
    targets: [...FLAG_TARGETS, 'AuthorizationConfiguration'],
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '1.2.7' },
      { framework: 'nsa', id: 'nsa-authz-rbac' },
      { framework: 'soc2', id: 'CC6.1' },
    ],
    description:
      'Node authorization limits each kubelet (user system:node:<name>) to the Secrets, ConfigMaps, volumes and pods bound to its own node; together with the NodeRestriction admission plugin it contains a compromised node. Without it kubelets need broad RBAC grants instead. ' +
      'kube-apiserver defaults to AlwaysAllow when --authorization-mode is not set (kubeadm sets Node,RBAC); structured ' +
      'authorization (--authorization-config) is judged on its AuthorizationConfiguration file.',
    remediation: 'Set --authorization-mode=Node,RBAC (or add a Node authorizer to the AuthorizationConfiguration).',
    references: ['https://kubernetes.io/docs/reference/access-authn-authz/node/'],
  },
  check(obj, ctx) {
    if (isAuthorizationConfiguration(obj)) {
      if (!authorizerTypes(obj.value).some((a) => a.type === 'Node'))
        ctx.report({ path: authorizersPath(obj.value), message: `no Node authorizer: ${EFFECT}` });
      return;
    }
    for (const c of componentFlags(obj, 'kube-apiserver')) {
      const modes = authorizationModes(c);
      if (!modes || modes.modes.some((m) => m.item === 'Node')) continue;
      ctx.report({
        path: modes.path,
        message: modes.set
          ? `${c.label}: --authorization-mode does not include Node: ${EFFECT}`
          : `${c.label}: --authorization-mode is not set (AlwaysAllow), so Node is not used: ${EFFECT}`,
      });
    }
  },
});

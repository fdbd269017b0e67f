import { defineRule } from '../../core/rule.js';
import { authorizationModes, authorizersPath, authorizerTypes } from './checks.js';
import { isAuthorizationConfiguration } from './component.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

const EFFECT = 'Roles and RoleBindings have no effect';

export default defineRule({
  meta: {
    id: 'apiserver-authorization-rbac',
    title: 'The API server must use the RBAC authorizer',
    severity: 'high',
    category: 'control-plane',
    targets: [...FLAG_TARGETS, 'AuthorizationConfiguration'],
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '1.2.8' },
      { framework: 'nsa', id: 'nsa-authz-rbac' },
      { framework: 'soc2', id: 'CC6.1' },
    ],
    description:
      'RBAC is how Kubernetes grants least privilege; without the RBAC authorizer Roles and RoleBindings are ignored and access is decided by coarser (or no) means. ' +
      'kube-apiserver defaults to AlwaysAllow when --authorization-mode is not set (kubeadm sets Node,RBAC); structured ' +
      'authorization (--authorization-config) is judged on its AuthorizationConfiguration file.',
    remediation: 'Set --authorization-mode=Node,RBAC (or add a RBAC authorizer to the AuthorizationConfiguration).',
    references: ['https://kubernetes.io/docs/reference/access-authn-authz/rbac/'],
  },
  check(obj, ctx) {
    if (isAuthorizationConfiguration(obj)) {
      if (!authorizerTypes(obj.value).some((a) => a.type === 'RBAC'))
        ctx.report({ path: authorizersPath(obj.value), message: `no RBAC authorizer: ${EFFECT}` });
      return;
    }
    for (const c of componentFlags(obj, 'kube-apiserver')) {
      const modes = authorizationModes(c);
      if (!modes || modes.modes.some((m) => m.item === 'RBAC')) continue;
      ctx.report({
        path: modes.path,
        message: modes.set
          ? `${c.label}: --authorization-mode does not include RBAC: ${EFFECT}`
          : `${c.label}: --authorization-mode is not set (AlwaysAllow), so RBAC is not used: ${EFFECT}`,
      });
    }
  },
});

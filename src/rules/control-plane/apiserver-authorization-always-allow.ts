import { defineRule } from '../../core/rule.js';
import { authorizationModes, authorizerTypes } from './checks.js';
import { isAuthorizationConfiguration } from './component.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

export default defineRule({
  meta: {
    id: 'apiserver-authorization-always-allow',
    title: 'The API server must not authorize every request (AlwaysAllow)',
    severity: 'critical',
    category: 'control-plane',
    targets: [...FLAG_TARGETS, 'AuthorizationConfiguration'],
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '1.2.6' },
      { framework: 'nsa', id: 'nsa-authz-rbac' },
      { framework: 'soc2', id: 'CC6.1' },
    ],
    description:
      'With the AlwaysAllow authorizer every authenticated request is allowed: RBAC and every other authorizer become ' +
      'decoration. Authorizers are asked in order and the first decision wins, so AlwaysAllow anywhere in the list allows ' +
      'whatever the others do not explicitly allow, which is everything. kube-apiserver defaults to AlwaysAllow when ' +
      '--authorization-mode is not set (kubeadm sets Node,RBAC). Structured authorization (--authorization-config) is ' +
      'judged on its AuthorizationConfiguration file.',
    remediation: 'Set --authorization-mode=Node,RBAC (or list Node and RBAC authorizers in the AuthorizationConfiguration).',
    references: ['https://kubernetes.io/docs/reference/access-authn-authz/authorization/#authorization-modules'],
  },
  check(obj, ctx) {
    if (isAuthorizationConfiguration(obj)) {
      for (const a of authorizerTypes(obj.value))
        if (a.type === 'AlwaysAllow') ctx.report({ path: a.path, message: 'an AlwaysAllow authorizer allows every request' });
      return;
    }
    for (const c of componentFlags(obj, 'kube-apiserver')) {
      const modes = authorizationModes(c);
      if (!modes) continue;
      if (!modes.set)
        ctx.report({
          path: modes.path,
          message: `${c.label}: --authorization-mode is not set and defaults to AlwaysAllow: every request is allowed`,
        });
      for (const m of modes.modes)
        if (m.item === 'AlwaysAllow')
          ctx.report({
            path: m.path,
            message: `${c.label}: --authorization-mode includes AlwaysAllow: every request is allowed`,
          });
    }
  },
});

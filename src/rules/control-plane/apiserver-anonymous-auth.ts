import { isRecord } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import { reportBool } from './checks.js';
import { isAuthenticationConfiguration } from './component.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

const WHY =
  'unauthenticated requests reach the API server as system:anonymous, and any RBAC grant to it or to system:unauthenticated is open to the network';

export default defineRule({
  meta: {
    id: 'apiserver-anonymous-auth',
    title: 'The API server must not accept anonymous requests',
    severity: 'medium',
    category: 'control-plane',
    targets: [...FLAG_TARGETS, 'AuthenticationConfiguration'],
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '1.2.1' },
      { framework: 'nsa', id: 'nsa-authn-authentication' },
      { framework: 'soc2', id: 'CC6.1' },
    ],
    description:
      'kube-apiserver accepts anonymous requests unless --anonymous-auth=false (the flag defaults to true). Anonymous ' +
      'requests get the permissions bound to system:anonymous and system:unauthenticated, so one careless binding opens ' +
      'the API to anyone who can reach it. Checked in kube-apiserver static pods and kubeadm ClusterConfiguration; when ' +
      'the API server uses a structured --authentication-config instead, the AuthenticationConfiguration file is checked: ' +
      'anonymous.enabled must be false or limited by conditions to the health endpoints (/livez, /readyz, /healthz), ' +
      'which is how kubeadm-style probes keep working without anonymous access elsewhere (Kubernetes 1.32+).',
    remediation:
      'Set --anonymous-auth=false; or, on Kubernetes 1.32+, use --authentication-config with ' +
      'anonymous: {enabled: true, conditions: [{path: /livez}, {path: /readyz}, {path: /healthz}]} so only probes are anonymous.',
    references: [
      'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests',
      'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-authenticator-configuration',
    ],
  },
  check(obj, ctx) {
    if (isAuthenticationConfiguration(obj)) {
      const anon = obj.value.anonymous;
      if (!isRecord(anon) || anon.enabled !== true) return;
      const conditions = Array.isArray(anon.conditions) ? anon.conditions : [];
      if (conditions.length === 0)
        ctx.report({
          path: ['anonymous', 'enabled'],
          message: `anonymous requests are accepted on every path (no conditions): ${WHY}`,
        });
      return;
    }
    for (const c of componentFlags(obj, 'kube-apiserver')) {
      // With structured authentication the anonymous settings live in that file (checked above).
      if (!c.flags.has('anonymous-auth') && c.flags.get('authentication-config')?.value) continue;
      reportBool(ctx.report, c, 'anonymous-auth', false, true, WHY);
    }
  },
});

import { defineRule } from '../../core/rule.js';
import { isSet } from './checks.js';
import { isAuthenticationConfiguration } from './component.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

export default defineRule({
  meta: {
    id: 'apiserver-external-authentication',
    title: 'People should sign in through an identity provider (OIDC), not with cluster-issued credentials',
    severity: 'low',
    category: 'control-plane',
    targets: [...FLAG_TARGETS, 'AuthenticationConfiguration'],
    needs: 'object',
    optIn: true,
    controls: [
      { framework: 'nsa', id: 'nsa-authn-authentication' },
      { framework: 'soc2', id: 'CC6.1' },
    ],
    description:
      'Kubernetes has no user accounts: without an external identity provider people authenticate with client ' +
      'certificates or tokens the cluster issues, which cannot be revoked individually (certificates), carry no MFA and ' +
      'outlive the people who hold them. An OpenID Connect provider (--oidc-issuer-url, or JWT authenticators in a ' +
      'structured AuthenticationConfiguration given with --authentication-config) brings central accounts, MFA and ' +
      'offboarding. Webhook token authentication (--authentication-token-webhook-config-file) also passes. Opt-in: ' +
      'managed platforms and some teams handle people outside the API server (e.g. an authenticating proxy).',
    remediation:
      'Configure OIDC: --oidc-issuer-url and --oidc-client-id, or (Kubernetes 1.30+) an AuthenticationConfiguration ' +
      'with a jwt authenticator, and give people short-lived credentials through a kubectl exec plugin (e.g. kubelogin).',
    references: [
      'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#openid-connect-tokens',
      'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#using-authentication-configuration',
    ],
  },
  check(obj, ctx) {
    if (isAuthenticationConfiguration(obj)) {
      const jwt = obj.value.jwt;
      if (!Array.isArray(jwt) || jwt.length === 0)
        ctx.report({
          path: Array.isArray(jwt) ? ['jwt'] : [],
          message: 'the AuthenticationConfiguration has no JWT (OIDC) authenticator',
        });
      return;
    }
    for (const c of componentFlags(obj, 'kube-apiserver')) {
      if (isSet(c.flags.get('oidc-issuer-url')) || isSet(c.flags.get('authentication-config'))) continue;
      if (isSet(c.flags.get('authentication-token-webhook-config-file'))) continue;
      ctx.report({
        path: c.anchor,
        message: `${c.label}: neither --oidc-issuer-url nor --authentication-config is set: people authenticate with cluster-issued certificates or tokens (no central accounts, no MFA)`,
      });
    }
  },
});

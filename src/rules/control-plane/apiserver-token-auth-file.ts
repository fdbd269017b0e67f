import { defineRule } from '../../core/rule.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

export default defineRule({
  meta: {
    id: 'apiserver-token-auth-file',
    title: 'The API server must not authenticate with static token or password files',
    severity: 'high',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '1.2.2' },
      { framework: 'nsa', id: 'nsa-authn-authentication' },
      { framework: 'soc2', id: 'CC6.1' },
      { framework: 'mitre', id: 'T1078' },
    ],
    description:
      '--token-auth-file makes the API server accept the bearer tokens listed in a file: they never expire, sit in clear ' +
      'text on every control-plane node, and can only be changed by restarting the API server. --basic-auth-file ' +
      '(passwords in a file) was removed in Kubernetes 1.19; an API server given it does not start.',
    remediation:
      'Remove --token-auth-file (and --basic-auth-file); authenticate people with OIDC or structured authentication, ' +
      'and workloads with ServiceAccount tokens.',
    references: ['https://kubernetes.io/docs/reference/access-authn-authz/authentication/#static-token-file'],
  },
  check(obj, ctx) {
    for (const c of componentFlags(obj, 'kube-apiserver')) {
      const token = c.flags.get('token-auth-file');
      if (token)
        ctx.report({
          path: token.path,
          message: `${c.label}: --token-auth-file accepts static bearer tokens that never expire and cannot be revoked without a restart`,
        });
      const basic = c.flags.get('basic-auth-file');
      if (basic)
        ctx.report({
          path: basic.path,
          message: `${c.label}: --basic-auth-file authenticates with static passwords (removed in Kubernetes 1.19: the API server will not start)`,
        });
    }
  },
});

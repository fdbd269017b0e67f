import { defineRule } from '../../core/rule.js';
import { isKubeconfig } from './component.js';
import { kubeconfigUsers, nonEmpty } from './kubeconfig.js';

export default defineRule({
  meta: {
    id: 'kubeconfig-basic-auth',
    title: 'Kubeconfig files must not hold passwords',
    severity: 'high',
    category: 'control-plane',
    targets: ['Config'],
    needs: 'object',
    controls: [
      { framework: 'nsa', id: 'nsa-authn-authentication' },
      { framework: 'soc2', id: 'CC6.1' },
      { framework: 'mitre', id: 'T1552.001' },
    ],
    description:
      'user.password in a kubeconfig is a clear-text password for HTTP basic authentication. The API server dropped ' +
      'basic authentication in Kubernetes 1.19, so the password is at best useless and at worst valid for a proxy or ' +
      'another system that shares it; either way it is a secret in a file that gets copied around.',
    remediation: 'Remove username/password and use an exec credential plugin or short-lived tokens; change the password.',
    references: ['https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins'],
  },
  check(obj, ctx) {
    if (!isKubeconfig(obj)) return;
    for (const u of kubeconfigUsers(obj.value))
      if (nonEmpty(u.user.password))
        ctx.report({ path: [...u.path, 'password'], message: `user "${u.name}" embeds a password (basic authentication)` });
  },
});

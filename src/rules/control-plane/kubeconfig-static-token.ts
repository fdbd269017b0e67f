import { isRecord } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import { isKubeconfig } from './component.js';
import { kubeconfigUsers, nonEmpty } from './kubeconfig.js';

const AUTH_PROVIDER_SECRETS = ['id-token', 'refresh-token', 'access-token', 'client-secret'];

export default defineRule({
  meta: {
    id: 'kubeconfig-static-token',
    title: 'Kubeconfig files must not hold static bearer tokens',
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
      'A token in a kubeconfig (user.token, a tokenFile, or the tokens and client secret cached in a legacy ' +
      'auth-provider section) is a bearer credential: whoever copies the file, or reads it from Git, acts as that user ' +
      'until the token expires or is revoked, often never (long-lived ServiceAccount token Secrets, static token ' +
      'files). An exec credential plugin fetches short-lived tokens on demand instead, so the file holds no secret.',
    remediation:
      'Remove the token and use an exec credential plugin (kubelogin for OIDC, aws eks get-token, gke-gcloud-auth-plugin, ' +
      'kubelogin for Azure) that issues short-lived tokens; for automation, request bound tokens (kubectl create token) ' +
      'at run time.',
    references: [
      'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins',
      'https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/',
    ],
  },
  check(obj, ctx) {
    if (!isKubeconfig(obj)) return;
    for (const u of kubeconfigUsers(obj.value)) {
      if (nonEmpty(u.user.token))
        ctx.report({ path: [...u.path, 'token'], message: `user "${u.name}" embeds a static bearer token` });
      if (nonEmpty(u.user.tokenFile))
        ctx.report({ path: [...u.path, 'tokenFile'], message: `user "${u.name}" reads a static bearer token from a file` });
      const ap = u.user['auth-provider'];
      const config = isRecord(ap) && isRecord(ap.config) ? ap.config : undefined;
      if (config)
        for (const k of AUTH_PROVIDER_SECRETS)
          if (nonEmpty(config[k]))
            ctx.report({
              path: [...u.path, 'auth-provider', 'config', k],
              message: `user "${u.name}" caches a ${k} in its auth-provider section (auth providers are removed from kubectl: use an exec plugin)`,
            });
    }
  },
});

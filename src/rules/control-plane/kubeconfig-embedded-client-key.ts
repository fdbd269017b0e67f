import { defineRule } from '../../core/rule.js';
import { isKubeconfig } from './component.js';
import { isComponentIdentity, kubeconfigUsers, nonEmpty } from './kubeconfig.js';

export default defineRule({
  meta: {
    id: 'kubeconfig-embedded-client-key',
    title: 'Kubeconfig files must not embed client private keys for people',
    severity: 'high',
    category: 'control-plane',
    targets: ['Config'],
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '3.1.1' },
      { framework: 'nsa', id: 'nsa-authn-authentication' },
      { framework: 'soc2', id: 'CC6.1' },
      { framework: 'mitre', id: 'T1552.001' },
    ],
    description:
      'client-key-data embeds the private key of a client certificate in the file. Kubernetes cannot revoke client ' +
      'certificates: whoever copies the file keeps access until the certificate expires (a year for kubeadm admin.conf), ' +
      'and certificates naming group system:masters bypass RBAC entirely. CIS 3.1.1 advises against client ' +
      'certificates for people. Users named system:* (system:kube-controller-manager, system:node:<name>...) are ' +
      'control-plane components and nodes, which are meant to use client certificates, and are not reported.',
    remediation:
      'Give people OIDC (or cloud IAM) credentials through an exec credential plugin; keep admin.conf offline as a ' +
      'break-glass credential.',
    references: [
      'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#x509-client-certificates',
      'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins',
    ],
  },
  check(obj, ctx) {
    if (!isKubeconfig(obj)) return;
    for (const u of kubeconfigUsers(obj.value))
      if (nonEmpty(u.user['client-key-data']) && !isComponentIdentity(u.name))
        ctx.report({
          path: [...u.path, 'client-key-data'],
          message: `user "${u.name}" embeds a client private key: the certificate cannot be revoked if the file leaks`,
        });
  },
});

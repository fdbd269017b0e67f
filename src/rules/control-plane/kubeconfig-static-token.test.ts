import { ruleTester } from '../../testing/rule-tester.js';
import rule from './kubeconfig-static-token.js';

const kubeconfig = (user: string) => `apiVersion: v1
kind: Config
clusters:
- name: prod
  cluster: {server: https://10.0.0.1:6443, certificate-authority-data: LS0tLS1CRUdJTg==}
contexts:
- name: prod
  context: {cluster: prod, user: me}
current-context: prod
users:
${user}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'exec credential plugin',
      doc: true,
      yaml: kubeconfig(`- name: me
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: kubectl
      args: [oidc-login, get-token, --oidc-issuer-url=https://login.example.com, --oidc-client-id=kubernetes]
      interactiveMode: IfAvailable`),
    },
  ],
  invalid: [
    {
      name: 'embedded token',
      doc: true,
      yaml: kubeconfig('- name: me\n  user:\n    token: eyJhbGciOiJSUzI1NiJ9.e30.sig'),
      findings: [{ path: 'users[0].user.token', message: 'user "me" embeds a static bearer token' }],
    },
    {
      name: 'token file and a legacy OIDC auth-provider with cached tokens',
      yaml: kubeconfig(`- name: me
  user:
    tokenFile: /var/run/token
- name: oidc
  user:
    auth-provider:
      name: oidc
      config: {client-id: k8s, client-secret: s3cr3t, id-token: eyJ.e30.x, refresh-token: r, idp-issuer-url: https://idp}`),
      findings: [
        { path: 'users[0].user.tokenFile' },
        { path: 'users[1].user.auth-provider.config.id-token' },
        { path: 'users[1].user.auth-provider.config.refresh-token' },
        { path: 'users[1].user.auth-provider.config.client-secret' },
      ],
    },
  ],
});

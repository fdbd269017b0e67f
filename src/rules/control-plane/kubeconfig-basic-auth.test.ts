import { ruleTester } from '../../testing/rule-tester.js';
import rule from './kubeconfig-basic-auth.js';

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
      name: 'client certificate files',
      yaml: kubeconfig(
        '- name: me\n  user:\n    client-certificate: /home/me/.kube/me.crt\n    client-key: /home/me/.kube/me.key',
      ),
    },
  ],
  invalid: [
    {
      name: 'username and password',
      doc: true,
      yaml: kubeconfig('- name: me\n  user:\n    username: admin\n    password: hunter2'),
      findings: [{ path: 'users[0].user.password', message: 'embeds a password' }],
    },
  ],
});

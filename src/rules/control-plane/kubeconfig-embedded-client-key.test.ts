import { ruleTester } from '../../testing/rule-tester.js';
import rule from './kubeconfig-embedded-client-key.js';

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
      name: 'a control-plane component identity (kubeadm controller-manager.conf)',
      yaml: kubeconfig(
        '- name: system:kube-controller-manager\n  user:\n    client-certificate-data: LS0tLS1CRUdJTg==\n    client-key-data: LS0tLS1CRUdJTg==',
      ),
    },
    {
      name: 'key in a file',
      yaml: kubeconfig(
        '- name: me\n  user:\n    client-certificate: /home/me/.kube/me.crt\n    client-key: /home/me/.kube/me.key',
      ),
    },
  ],
  invalid: [
    {
      name: 'kubeadm admin.conf',
      doc: true,
      yaml: kubeconfig(
        '- name: kubernetes-admin\n  user:\n    client-certificate-data: LS0tLS1CRUdJTg==\n    client-key-data: LS0tLS1CRUdJTg==',
      ),
      findings: [{ path: 'users[0].user.client-key-data', message: 'user "kubernetes-admin" embeds a client private key' }],
    },
  ],
});

import { ruleTester } from '../../testing/rule-tester.js';
import rule from './apiserver-token-auth-file.js';

const pod = (...flags: string[]) => `
apiVersion: v1
kind: Pod
metadata: {name: kube-apiserver, namespace: kube-system}
spec:
  containers:
  - name: kube-apiserver
    image: registry.k8s.io/kube-apiserver:v1.31.0
    command:
    - kube-apiserver
${flags.map((f) => `    - ${f}`).join('\n')}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'no static credential files',
      yaml: pod('--client-ca-file=/etc/kubernetes/pki/ca.crt', '--oidc-issuer-url=https://idp.example.com'),
    },
    {
      name: 'kubeadm ClusterConfiguration without extraArgs',
      yaml: 'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\n',
    },
  ],
  invalid: [
    {
      name: 'static token file',
      doc: true,
      yaml: pod('--token-auth-file=/etc/kubernetes/tokens.csv', '--authorization-mode=Node,RBAC'),
      findings: [{ path: 'spec.containers[0].command[1]', message: 'static bearer tokens' }],
    },
    {
      name: 'basic-auth-file in the "--flag value" form',
      yaml: pod('--basic-auth-file', '/etc/kubernetes/passwords.csv'),
      findings: [{ path: 'spec.containers[0].command[1]', message: 'removed in Kubernetes 1.19' }],
    },
    {
      name: 'kubeadm extraArgs',
      yaml: `
apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
apiServer:
  extraArgs:
    token-auth-file: /etc/kubernetes/tokens.csv
`,
      findings: [{ path: 'apiServer.extraArgs.token-auth-file' }],
    },
  ],
});

import { ruleTester } from '../../testing/rule-tester.js';
import rule from './apiserver-external-authentication.js';

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
    { name: 'OIDC flags', yaml: pod('--oidc-issuer-url=https://login.example.com', '--oidc-client-id=kubernetes') },
    { name: 'structured authentication', yaml: pod('--authentication-config=/etc/kubernetes/authn.yaml') },
    {
      name: 'AuthenticationConfiguration with a JWT issuer',
      doc: true,
      yaml: `
apiVersion: apiserver.config.k8s.io/v1
kind: AuthenticationConfiguration
jwt:
- issuer:
    url: https://login.example.com
    audiences: [kubernetes]
  claimMappings:
    username: {claim: email, prefix: "oidc:"}
`,
    },
  ],
  invalid: [
    {
      name: 'certificates and tokens only',
      doc: true,
      yaml: pod('--client-ca-file=/etc/kubernetes/pki/ca.crt'),
      findings: [{ path: 'spec.containers[0].command', message: 'neither --oidc-issuer-url nor --authentication-config is set' }],
    },
    {
      name: 'AuthenticationConfiguration used only for anonymous settings',
      yaml: `
apiVersion: apiserver.config.k8s.io/v1
kind: AuthenticationConfiguration
anonymous: {enabled: false}
`,
      findings: [{ path: '', message: 'no JWT (OIDC) authenticator' }],
    },
    {
      name: 'kubeadm defaults',
      yaml: 'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\n',
      findings: [{ path: '' }],
    },
  ],
});

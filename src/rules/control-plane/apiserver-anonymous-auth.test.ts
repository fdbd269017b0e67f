import { ruleTester } from '../../testing/rule-tester.js';
import rule from './apiserver-anonymous-auth.js';

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
    { name: '--anonymous-auth=false', yaml: pod('--anonymous-auth=false', '--secure-port=6443') },
    {
      name: 'structured authentication holds the anonymous settings',
      yaml: pod('--authentication-config=/etc/kubernetes/authn.yaml'),
    },
    {
      name: 'AuthenticationConfiguration allowing anonymous requests only to health endpoints',
      doc: true,
      yaml: `
apiVersion: apiserver.config.k8s.io/v1beta1
kind: AuthenticationConfiguration
anonymous:
  enabled: true
  conditions:
  - path: /livez
  - path: /readyz
  - path: /healthz
`,
    },
    {
      name: 'kubeadm v1beta4 turning anonymous auth off',
      yaml: `
apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
apiServer:
  extraArgs:
  - {name: anonymous-auth, value: "false"}
`,
    },
  ],
  invalid: [
    {
      name: 'kubeadm-style static pod without --anonymous-auth',
      doc: true,
      yaml: pod('--authorization-mode=Node,RBAC', '--client-ca-file=/etc/kubernetes/pki/ca.crt'),
      findings: [{ path: 'spec.containers[0].command', message: '--anonymous-auth is not set and defaults to true' }],
    },
    {
      name: '"--anonymous-auth false" is true (a boolean flag takes its value after "=")',
      yaml: pod('--anonymous-auth', '"false"'),
      findings: [{ path: 'spec.containers[0].command[1]', message: 'leaves "false" as a stray argument' }],
    },
    {
      name: 'kubeadm v1beta3 with anonymous-auth true',
      yaml: `
apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
apiServer:
  extraArgs:
    anonymous-auth: "true"
`,
      findings: [{ path: 'apiServer.extraArgs.anonymous-auth', message: 'kube-apiserver (kubeadm): --anonymous-auth=true' }],
    },
    {
      name: 'AuthenticationConfiguration with anonymous access everywhere',
      yaml: `
apiVersion: apiserver.config.k8s.io/v1
kind: AuthenticationConfiguration
anonymous:
  enabled: true
`,
      findings: [{ path: 'anonymous.enabled', message: 'accepted on every path' }],
    },
  ],
});

import { ruleTester } from '../../testing/rule-tester.js';
import rule from './apiserver-authorization-always-allow.js';

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
    { name: 'Node,RBAC', yaml: pod('--authorization-mode=Node,RBAC') },
    { name: 'structured authorization', yaml: pod('--authorization-config=/etc/kubernetes/authz.yaml') },
    { name: 'kubeadm default Node,RBAC', yaml: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\n' },
    {
      name: 'AuthorizationConfiguration with Node and RBAC',
      yaml: `
apiVersion: apiserver.config.k8s.io/v1
kind: AuthorizationConfiguration
authorizers:
- {type: Node, name: node}
- {type: RBAC, name: rbac}
`,
    },
  ],
  invalid: [
    {
      name: 'AlwaysAllow after RBAC still allows everything',
      doc: true,
      yaml: pod('--authorization-mode=Node,RBAC,AlwaysAllow'),
      findings: [{ path: 'spec.containers[0].command[1]', message: 'includes AlwaysAllow' }],
    },
    {
      name: 'no --authorization-mode: the default is AlwaysAllow',
      yaml: pod('--secure-port=6443'),
      findings: [{ path: 'spec.containers[0].command', message: 'defaults to AlwaysAllow' }],
    },
    {
      name: 'repeated flag appends: the second occurrence adds AlwaysAllow',
      yaml: pod('--authorization-mode=RBAC', '--authorization-mode', 'AlwaysAllow'),
      findings: [{ path: 'spec.containers[0].command[3]' }],
    },
    {
      name: 'kubeadm extraArgs and an AuthorizationConfiguration',
      yaml: `
apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
apiServer:
  extraArgs:
    authorization-mode: AlwaysAllow
---
apiVersion: apiserver.config.k8s.io/v1
kind: AuthorizationConfiguration
authorizers:
- {type: AlwaysAllow, name: all}
`,
      findings: [{ path: 'apiServer.extraArgs.authorization-mode' }, { path: 'authorizers[0].type' }],
    },
  ],
});

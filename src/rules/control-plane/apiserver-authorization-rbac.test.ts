import { ruleTester } from '../../testing/rule-tester.js';
import rule from './apiserver-authorization-rbac.js';

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
    { name: 'structured authorization is judged on its file', yaml: pod('--authorization-config=/etc/kubernetes/authz.yaml') },
    {
      name: 'kubeadm default Node,RBAC',
      yaml: 'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\napiServer: {}\n',
    },
    {
      name: 'AuthorizationConfiguration with a RBAC authorizer',
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
      name: 'only Node',
      doc: true,
      yaml: pod('--authorization-mode=Node'),
      findings: [{ path: 'spec.containers[0].command[1]', message: 'does not include RBAC' }],
    },
    {
      name: 'not set (AlwaysAllow)',
      yaml: pod(),
      findings: [{ path: 'spec.containers[0].command', message: 'is not set (AlwaysAllow)' }],
    },
    {
      name: 'kubeadm extraArgs replace the default',
      yaml: `
apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
apiServer:
  extraArgs:
  - {name: authorization-mode, value: Node}
`,
      findings: [{ path: 'apiServer.extraArgs[0].value' }],
    },
    {
      name: 'AuthorizationConfiguration without it',
      yaml: `
apiVersion: apiserver.config.k8s.io/v1
kind: AuthorizationConfiguration
authorizers:
- {type: Webhook, name: opa}
`,
      findings: [{ path: 'authorizers', message: 'no RBAC authorizer' }],
    },
  ],
});

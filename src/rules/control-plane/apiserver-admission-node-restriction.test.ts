import { ruleTester } from '../../testing/rule-tester.js';
import rule from './apiserver-admission-node-restriction.js';

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
    { name: 'enabled with others', yaml: pod('--enable-admission-plugins=PodSecurity,NodeRestriction') },
    { name: 'kubeadm enables it', yaml: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\n' },
    {
      name: 'enabled in a second occurrence (list flags append)',
      yaml: pod('--enable-admission-plugins=EventRateLimit', '--enable-admission-plugins=NodeRestriction'),
    },
  ],
  invalid: [
    {
      name: 'not enabled (it is off by default)',
      doc: true,
      yaml: pod('--authorization-mode=Node,RBAC'),
      findings: [{ path: 'spec.containers[0].command', message: 'the NodeRestriction admission plugin is not enabled' }],
    },
    {
      name: 'kubeadm extraArgs replace the default list',
      yaml: `
apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
apiServer:
  extraArgs:
    enable-admission-plugins: PodSecurity
`,
      findings: [{ path: 'apiServer.extraArgs.enable-admission-plugins' }],
    },
    {
      name: 'turned off explicitly',
      yaml: pod('--enable-admission-plugins=NodeRestriction', '--disable-admission-plugins=NodeRestriction'),
      findings: [{ path: 'spec.containers[0].command[2]', message: 'turns NodeRestriction off' }],
    },
  ],
});

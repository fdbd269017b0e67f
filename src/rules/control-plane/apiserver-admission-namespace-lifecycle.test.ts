import { ruleTester } from '../../testing/rule-tester.js';
import rule from './apiserver-admission-namespace-lifecycle.js';

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
    { name: 'on by default', yaml: pod('--enable-admission-plugins=NodeRestriction') },
    { name: 'other plugins disabled', yaml: pod('--disable-admission-plugins=DefaultStorageClass') },
    {
      name: 'listed in the legacy --admission-control',
      yaml: pod('--admission-control=NamespaceLifecycle,ServiceAccount,NodeRestriction'),
    },
  ],
  invalid: [
    {
      name: 'disabled',
      doc: true,
      yaml: pod('--disable-admission-plugins=DefaultStorageClass,NamespaceLifecycle'),
      findings: [{ path: 'spec.containers[0].command[1]', message: 'turns NamespaceLifecycle off' }],
    },
    {
      name: 'legacy --admission-control without it',
      yaml: pod('--admission-control=NodeRestriction'),
      findings: [{ path: 'spec.containers[0].command[1]', message: 'does not list NamespaceLifecycle' }],
    },
    {
      name: 'kubeadm v1beta3',
      yaml: `
apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
apiServer:
  extraArgs:
    disable-admission-plugins: NamespaceLifecycle
`,
      findings: [{ path: 'apiServer.extraArgs.disable-admission-plugins' }],
    },
  ],
});

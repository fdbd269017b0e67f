import { ruleTester } from '../../testing/rule-tester.js';
import rule from './apiserver-admission-service-account.js';

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
      yaml: pod('--disable-admission-plugins=DefaultStorageClass,ServiceAccount'),
      findings: [{ path: 'spec.containers[0].command[1]', message: 'turns ServiceAccount off' }],
    },
    {
      name: 'legacy --admission-control without it',
      yaml: pod('--admission-control=NodeRestriction'),
      findings: [{ path: 'spec.containers[0].command[1]', message: 'does not list ServiceAccount' }],
    },
    {
      name: 'kubeadm v1beta3',
      yaml: `
apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
apiServer:
  extraArgs:
    disable-admission-plugins: ServiceAccount
`,
      findings: [{ path: 'apiServer.extraArgs.disable-admission-plugins' }],
    },
  ],
});

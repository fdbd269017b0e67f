import { ruleTester } from '../../testing/rule-tester.js';
import rule from './apiserver-etcd-cafile.js';

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
    { name: 'set', yaml: pod('--etcd-cafile=/etc/kubernetes/pki/x.crt') },
    {
      name: 'kubeadm v1beta4 extraArgs',
      yaml: `
apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
apiServer:
  extraArgs:
  - {name: etcd-cafile, value: /etc/kubernetes/pki/x.crt}
`,
    },
  ],
  invalid: [
    {
      name: 'not set',
      doc: true,
      yaml: pod('--secure-port=6443'),
      findings: [{ path: 'spec.containers[0].command', message: '--etcd-cafile' }],
    },
    {
      name: 'empty value',
      yaml: pod('--etcd-cafile='),
      findings: [{ path: 'spec.containers[0].command[1]', message: 'is set to an empty value' }],
    },
  ],
});

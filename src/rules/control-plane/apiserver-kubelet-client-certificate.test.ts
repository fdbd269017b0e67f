import { ruleTester } from '../../testing/rule-tester.js';
import rule from './apiserver-kubelet-client-certificate.js';

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
      name: 'client certificate and key',
      yaml: pod(
        '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt',
        '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key',
      ),
    },
    { name: 'kubeadm sets both', yaml: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\napiServer: {}\n' },
  ],
  invalid: [
    {
      name: 'neither flag',
      doc: true,
      yaml: pod('--secure-port=6443'),
      findings: [
        {
          path: 'spec.containers[0].command',
          message:
            '--kubelet-client-certificate and --kubelet-client-key are not set: the API server cannot authenticate to kubelets',
        },
      ],
    },
    {
      name: 'key set to an empty value, certificate missing',
      yaml: pod('--kubelet-client-key='),
      findings: [
        { path: 'spec.containers[0].command[1]', message: '--kubelet-client-key is set to an empty value' },
        { path: 'spec.containers[0].command', message: '--kubelet-client-certificate is not set' },
      ],
    },
  ],
});

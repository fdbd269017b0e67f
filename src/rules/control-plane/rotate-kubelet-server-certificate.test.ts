import { ruleTester } from '../../testing/rule-tester.js';
import rule from './rotate-kubelet-server-certificate.js';

const pod = (...flags: string[]) => `
apiVersion: v1
kind: Pod
metadata: {name: kube-controller-manager, namespace: kube-system}
spec:
  containers:
  - name: kube-controller-manager
    image: registry.k8s.io/kube-controller-manager:v1.31.0
    command:
    - kube-controller-manager
${flags.map((f) => `    - ${f}`).join('\n')}
`;

ruleTester(rule, {
  valid: [
    { name: 'no feature gates', yaml: pod('--bind-address=127.0.0.1') },
    { name: 'gate on', yaml: pod('--feature-gates=RotateKubeletServerCertificate=true') },
    {
      name: 'kubelet with serverTLSBootstrap',
      yaml: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nserverTLSBootstrap: true\nfeatureGates:\n  RotateKubeletServerCertificate: true\n',
    },
  ],
  invalid: [
    {
      name: 'controller manager turns the gate off',
      doc: true,
      yaml: pod('--feature-gates=SomeGate=true,RotateKubeletServerCertificate=false'),
      findings: [{ path: 'spec.containers[0].command[1]', message: 'turns RotateKubeletServerCertificate off' }],
    },
    {
      name: 'kubelet turns the gate off',
      yaml: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nfeatureGates:\n  RotateKubeletServerCertificate: false\n',
      findings: [{ path: 'featureGates.RotateKubeletServerCertificate' }],
    },
    {
      name: 'repeated --feature-gates merge: the later mention wins',
      yaml: pod('--feature-gates=RotateKubeletServerCertificate=true', '--feature-gates=RotateKubeletServerCertificate=false'),
      findings: [{ path: 'spec.containers[0].command[2]' }],
    },
  ],
});

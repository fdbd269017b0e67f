import { ruleTester } from '../../testing/rule-tester.js';
import rule from './controller-manager-root-ca-file.js';

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
    { name: 'set', yaml: pod('--root-ca-file=/etc/kubernetes/pki/x') },
    { name: 'kubeadm sets it', yaml: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\n' },
  ],
  invalid: [
    {
      name: 'not set',
      doc: true,
      yaml: pod('--bind-address=127.0.0.1', '--use-service-account-credentials=true'),
      findings: [{ path: 'spec.containers[0].command', message: '--root-ca-file is not set' }],
    },
    {
      name: 'kubeadm override to empty',
      yaml: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\ncontrollerManager:\n  extraArgs:\n    root-ca-file: ""\n',
      findings: [{ path: 'controllerManager.extraArgs.root-ca-file', message: 'empty value' }],
    },
  ],
});

import { ruleTester } from '../../testing/rule-tester.js';
import rule from './controller-manager-use-service-account-credentials.js';

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
    { name: 'true', yaml: pod('--use-service-account-credentials=true') },
    { name: 'bare flag', yaml: pod('--use-service-account-credentials') },
    { name: 'kubeadm sets it', yaml: 'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\ncontrollerManager: {}\n' },
  ],
  invalid: [
    {
      name: 'not set (defaults to false)',
      doc: true,
      yaml: pod('--bind-address=127.0.0.1'),
      findings: [{ path: 'spec.containers[0].command', message: 'is not set and defaults to false' }],
    },
    {
      name: 'false',
      yaml: pod('--use-service-account-credentials=false'),
      findings: [{ path: 'spec.containers[0].command[1]' }],
    },
    {
      name: 'kubeadm override',
      yaml: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\ncontrollerManager:\n  extraArgs:\n    use-service-account-credentials: "false"\n',
      findings: [{ path: 'controllerManager.extraArgs.use-service-account-credentials' }],
    },
  ],
});

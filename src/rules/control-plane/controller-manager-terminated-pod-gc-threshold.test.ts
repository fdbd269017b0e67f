import { ruleTester } from '../../testing/rule-tester.js';
import rule from './controller-manager-terminated-pod-gc-threshold.js';

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
    { name: 'set to 10', yaml: pod('--terminated-pod-gc-threshold=10') },
    {
      name: 'kubeadm v1beta3',
      yaml: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\ncontrollerManager:\n  extraArgs:\n    terminated-pod-gc-threshold: "100"\n',
    },
  ],
  invalid: [
    {
      name: 'not set',
      doc: true,
      yaml: pod('--bind-address=127.0.0.1'),
      findings: [{ path: 'spec.containers[0].command', message: 'default 12500' }],
    },
    {
      name: 'zero turns the collector off',
      yaml: pod('--terminated-pod-gc-threshold=0'),
      findings: [{ path: 'spec.containers[0].command[1]', message: 'off' }],
    },
    {
      name: 'not a number',
      yaml: pod('--terminated-pod-gc-threshold=ten'),
      findings: [{ path: 'spec.containers[0].command[1]', message: 'not a whole number' }],
    },
  ],
});

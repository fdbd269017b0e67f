import { ruleTester } from '../../testing/rule-tester.js';
import rule from './scheduler-bind-address.js';

const pod = (...flags: string[]) => `
apiVersion: v1
kind: Pod
metadata: {name: kube-scheduler, namespace: kube-system}
spec:
  containers:
  - name: kube-scheduler
    image: registry.k8s.io/kube-scheduler:v1.31.0
    command:
    - kube-scheduler
${flags.map((f) => `    - ${f}`).join('\n')}
`;

ruleTester(rule, {
  valid: [
    { name: '127.0.0.1', yaml: pod('--bind-address=127.0.0.1') },
    { name: '::1', yaml: pod('--bind-address=::1') },
    { name: 'kubeadm default', yaml: 'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\n' },
  ],
  invalid: [
    {
      name: 'all interfaces',
      doc: true,
      yaml: pod('--bind-address=0.0.0.0'),
      findings: [{ path: 'spec.containers[0].command[1]', message: 'exposes its HTTPS port' }],
    },
    {
      name: 'not set (defaults to 0.0.0.0)',
      yaml: pod('--leader-elect=true'),
      findings: [{ path: 'spec.containers[0].command', message: 'defaults to 0.0.0.0' }],
    },
    {
      name: 'kubeadm override to the node address',
      yaml: 'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nscheduler:\n  extraArgs:\n  - {name: bind-address, value: 10.0.0.5}\n',
      findings: [{ path: 'scheduler.extraArgs[0].value' }],
    },
  ],
});

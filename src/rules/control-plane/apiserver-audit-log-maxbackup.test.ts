import { ruleTester } from '../../testing/rule-tester.js';
import rule from './apiserver-audit-log-maxbackup.js';

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
    { name: 'at the minimum', yaml: pod('--audit-log-path=/var/log/audit.log', '--audit-log-maxbackup=10') },
    { name: 'no log file (another rule reports it)', yaml: pod('--audit-log-maxbackup=1') },
    { name: 'log to standard output', yaml: pod('--audit-log-path=-') },
    {
      name: 'lower minimum by option',
      yaml: pod('--audit-log-path=/var/log/audit.log', '--audit-log-maxbackup=1'),
      options: { minBackups: 1 },
    },
  ],
  invalid: [
    {
      name: 'log file without --audit-log-maxbackup',
      doc: true,
      yaml: pod('--audit-log-path=/var/log/kubernetes/audit.log'),
      findings: [{ path: 'spec.containers[0].command', message: '--audit-log-maxbackup is not set (want at least 10)' }],
    },
    {
      name: 'below the minimum, "--flag value" form',
      yaml: pod('--audit-log-path=/var/log/audit.log', '--audit-log-maxbackup', '"1"'),
      findings: [{ path: 'spec.containers[0].command[3]', message: 'is below 10' }],
    },
    {
      name: 'not a number (kubeadm)',
      yaml: `
apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
apiServer:
  extraArgs:
  - {name: audit-log-path, value: /var/log/audit.log}
  - {name: audit-log-maxbackup, value: lots}
`,
      findings: [{ path: 'apiServer.extraArgs[1].value', message: 'not a whole number' }],
    },
  ],
});

import { ruleTester } from '../../testing/rule-tester.js';
import rule from './apiserver-audit-log-path.js';

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
      name: 'log file',
      yaml: pod('--audit-log-path=/var/log/kubernetes/audit/audit.log', '--audit-policy-file=/etc/kubernetes/audit/policy.yaml'),
    },
    { name: 'standard output', yaml: pod('--audit-log-path=-') },
    { name: 'webhook backend', yaml: pod('--audit-webhook-config-file=/etc/kubernetes/audit/webhook.yaml') },
  ],
  invalid: [
    {
      name: 'no audit backend',
      doc: true,
      yaml: pod('--authorization-mode=Node,RBAC'),
      findings: [{ path: 'spec.containers[0].command', message: 'API requests are not audited' }],
    },
    {
      name: 'empty path',
      yaml: pod('--audit-log-path='),
      findings: [{ path: 'spec.containers[0].command[1]', message: 'is empty' }],
    },
    {
      name: 'kubeadm without audit flags',
      yaml: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\napiServer:\n  extraArgs:\n    profiling: "false"\n',
      findings: [{ path: 'apiServer.extraArgs' }],
    },
  ],
});

import { ruleTester } from '../../testing/rule-tester.js';
import rule from './apiserver-request-timeout.js';

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
    { name: 'default (not set)', yaml: pod() },
    { name: '300s', yaml: pod('--request-timeout=300s') },
    { name: '1m30s', yaml: pod('--request-timeout=1m30s') },
    { name: '10m with a higher maximum', yaml: pod('--request-timeout=10m'), options: { maxSeconds: 600 } },
  ],
  invalid: [
    {
      name: 'one hour',
      doc: true,
      yaml: pod('--request-timeout=1h'),
      findings: [{ path: 'spec.containers[0].command[1]', message: 'longer than 300s' }],
    },
    {
      name: 'zero',
      yaml: pod('--request-timeout=0s'),
      findings: [{ path: 'spec.containers[0].command[1]', message: 'not a positive duration' }],
    },
    {
      name: 'not a duration',
      yaml: pod('--request-timeout', '"300"'),
      findings: [{ path: 'spec.containers[0].command[2]', message: 'not a duration' }],
    },
  ],
});

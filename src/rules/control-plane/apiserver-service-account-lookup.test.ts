import { ruleTester } from '../../testing/rule-tester.js';
import rule from './apiserver-service-account-lookup.js';

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
    { name: 'default (true)', yaml: pod() },
    { name: 'explicitly true', yaml: pod('--service-account-lookup=true') },
    { name: 'bare flag is true', yaml: pod('--service-account-lookup') },
  ],
  invalid: [
    {
      name: 'turned off',
      doc: true,
      yaml: pod('--service-account-lookup=false'),
      findings: [{ path: 'spec.containers[0].command[1]', message: "deleted ServiceAccounts' tokens keep working" }],
    },
    {
      name: 'kubeadm v1beta4',
      yaml: `
apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
apiServer:
  extraArgs:
  - {name: service-account-lookup, value: "false"}
`,
      findings: [{ path: 'apiServer.extraArgs[0].value' }],
    },
    {
      name: 'not a boolean',
      yaml: pod('--service-account-lookup=yes'),
      findings: [{ path: 'spec.containers[0].command[1]', message: 'is not a boolean' }],
    },
  ],
});

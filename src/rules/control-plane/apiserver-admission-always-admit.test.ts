import { ruleTester } from '../../testing/rule-tester.js';
import rule from './apiserver-admission-always-admit.js';

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
    { name: 'NodeRestriction only', yaml: pod('--enable-admission-plugins=NodeRestriction') },
    { name: 'no admission flags', yaml: pod() },
  ],
  invalid: [
    {
      name: 'AlwaysAdmit among the enabled plugins',
      doc: true,
      yaml: pod('--enable-admission-plugins=NodeRestriction,AlwaysAdmit'),
      findings: [{ path: 'spec.containers[0].command[1]', message: 'admits every request' }],
    },
    {
      name: 'legacy --admission-control and kubeadm v1beta4',
      yaml: `
apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
apiServer:
  extraArgs:
  - {name: admission-control, value: "AlwaysAdmit"}
`,
      findings: [{ path: 'apiServer.extraArgs[0].value' }],
    },
  ],
});

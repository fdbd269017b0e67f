import { ruleTester } from '../../testing/rule-tester.js';
import rule from './apiserver-admission-always-pull-images.js';

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
    { name: 'enabled', yaml: pod('--enable-admission-plugins=NodeRestriction,AlwaysPullImages') },
    {
      name: 'kubeadm v1beta4 extraArgs',
      yaml: `
apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
apiServer:
  extraArgs:
  - {name: enable-admission-plugins, value: "NodeRestriction,AlwaysPullImages"}
`,
    },
  ],
  invalid: [
    {
      name: 'not enabled',
      doc: true,
      yaml: pod('--enable-admission-plugins=NodeRestriction'),
      findings: [{ path: 'spec.containers[0].command[1]', message: 'the AlwaysPullImages admission plugin is not enabled' }],
    },
    {
      name: 'kubeadm default list',
      yaml: 'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\n',
      findings: [{ path: '' }],
    },
  ],
});

import { ruleTester } from '../../testing/rule-tester.js';
import rule from './etcd-peer-auto-tls.js';

const pod = (...flags: string[]) => `
apiVersion: v1
kind: Pod
metadata: {name: etcd, namespace: kube-system}
spec:
  containers:
  - name: etcd
    image: registry.k8s.io/etcd:3.5.15-0
    command:
    - etcd
${flags.map((f) => `    - ${f}`).join('\n')}
`;

ruleTester(rule, {
  valid: [
    { name: 'not set', yaml: pod('--cert-file=/pki/server.crt') },
    { name: 'false', yaml: pod('--peer-auto-tls=false') },
  ],
  invalid: [
    {
      name: 'self-signed certificates',
      doc: true,
      yaml: pod('--peer-auto-tls=true'),
      findings: [{ path: 'spec.containers[0].command[1]', message: '--peer-auto-tls=true' }],
    },
    {
      name: 'bare flag',
      yaml: pod('--peer-auto-tls', '--data-dir=/var/lib/etcd'),
      findings: [{ path: 'spec.containers[0].command[1]' }],
    },
    {
      name: 'kubeadm v1beta4',
      yaml: 'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\netcd:\n  local:\n    extraArgs:\n    - {name: peer-auto-tls, value: "true"}\n',
      findings: [{ path: 'etcd.local.extraArgs[0].value' }],
    },
  ],
});

import { ruleTester } from '../../testing/rule-tester.js';
import rule from './etcd-peer-tls-certificate.js';

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
    { name: 'peer certificate and key', yaml: pod('--peer-cert-file=/pki/peer.crt', '--peer-key-file=/pki/peer.key') },
    { name: 'kubeadm sets both', yaml: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\n' },
  ],
  invalid: [
    {
      name: 'none',
      doc: true,
      yaml: pod('--cert-file=/pki/server.crt', '--key-file=/pki/server.key'),
      findings: [{ path: 'spec.containers[0].command', message: '--peer-cert-file and --peer-key-file are not set' }],
    },
    {
      name: 'kubeadm override to empty',
      yaml: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\netcd:\n  local:\n    extraArgs:\n      peer-key-file: ""\n',
      findings: [{ path: 'etcd.local.extraArgs.peer-key-file' }],
    },
  ],
});

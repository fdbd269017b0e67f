import { ruleTester } from '../../testing/rule-tester.js';
import rule from './etcd-client-cert-auth.js';

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
    { name: 'true', yaml: pod('--client-cert-auth=true') },
    { name: 'bare flag, single dash', yaml: pod('-client-cert-auth') },
    { name: 'kubeadm sets it', yaml: 'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\netcd:\n  local: {}\n' },
    {
      name: 'external etcd is not judged from kubeadm',
      yaml: 'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\netcd:\n  external: {endpoints: [https://10.0.0.1:2379]}\n',
    },
  ],
  invalid: [
    {
      name: 'not set (defaults to false)',
      doc: true,
      yaml: pod('--cert-file=/pki/server.crt', '--key-file=/pki/server.key'),
      findings: [{ path: 'spec.containers[0].command', message: '--client-cert-auth is not set and defaults to false' }],
    },
    {
      name: 'environment variable set to false',
      yaml: pod().replace('    - etcd', '    - etcd\n    env:\n    - {name: ETCD_CLIENT_CERT_AUTH, value: "false"}'),
      findings: [{ path: 'spec.containers[0].env[0].value' }],
    },
    {
      name: 'kubeadm override',
      yaml: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\netcd:\n  local:\n    extraArgs:\n      client-cert-auth: "false"\n',
      findings: [{ path: 'etcd.local.extraArgs.client-cert-auth' }],
    },
  ],
});

import { ruleTester } from '../../testing/rule-tester.js';
import rule from './etcd-tls-certificate.js';

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
    {
      name: 'certificates, https and a loopback http metrics URL',
      yaml: pod(
        '--cert-file=/etc/kubernetes/pki/etcd/server.crt',
        '--key-file=/etc/kubernetes/pki/etcd/server.key',
        '--listen-client-urls=https://127.0.0.1:2379,https://10.0.0.5:2379',
        '--listen-metrics-urls=http://127.0.0.1:2381',
      ),
    },
    {
      name: 'ETCD_* environment variables',
      yaml: pod().replace(
        '    - etcd',
        '    - etcd\n    env:\n    - {name: ETCD_CERT_FILE, value: /pki/server.crt}\n    - {name: ETCD_KEY_FILE, value: /pki/server.key}',
      ),
    },
    {
      name: 'kubeadm local etcd',
      yaml: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\netcd:\n  local: {dataDir: /var/lib/etcd}\n',
    },
  ],
  invalid: [
    {
      name: 'no certificates',
      doc: true,
      yaml: pod('--listen-client-urls=http://0.0.0.0:2379', '--data-dir=/var/lib/etcd'),
      findings: [
        { path: 'spec.containers[0].command', message: '--cert-file and --key-file are not set' },
        { path: 'spec.containers[0].command[1]', message: 'serves http://0.0.0.0:2379 without TLS' },
      ],
    },
    {
      name: 'single-dash key only',
      yaml: pod('-key-file=/pki/server.key'),
      findings: [{ path: 'spec.containers[0].command', message: '--cert-file is not set' }],
    },
  ],
});

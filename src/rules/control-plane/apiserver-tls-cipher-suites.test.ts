import { ruleTester } from '../../testing/rule-tester.js';
import rule from './apiserver-tls-cipher-suites.js';

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
      name: 'ECDHE with AES-GCM and ChaCha20',
      yaml: pod(
        '--tls-cipher-suites=TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305',
      ),
    },
    {
      name: 'a custom allowed list',
      yaml: pod('--tls-cipher-suites=TLS_RSA_WITH_AES_128_GCM_SHA256'),
      options: { allowedCipherSuites: ['TLS_RSA_WITH_AES_128_GCM_SHA256'] },
    },
  ],
  invalid: [
    {
      name: 'RSA key exchange and 3DES',
      doc: true,
      yaml: pod(
        '--tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA',
      ),
      findings: [
        {
          path: 'spec.containers[0].command[1]',
          message: 'TLS_RSA_WITH_AES_128_GCM_SHA256 is weak: RSA key exchange (no forward secrecy)',
        },
        { path: 'spec.containers[0].command[1]', message: 'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA is weak: a broken cipher' },
      ],
    },
    { name: 'not set', yaml: pod(), findings: [{ path: 'spec.containers[0].command', message: 'Go defaults' }] },
    {
      name: 'kubeadm v1beta3',
      yaml: `
apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
apiServer:
  extraArgs:
    tls-cipher-suites: TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256
`,
      findings: [{ path: 'apiServer.extraArgs.tls-cipher-suites', message: 'CBC with SHA-256' }],
    },
  ],
});

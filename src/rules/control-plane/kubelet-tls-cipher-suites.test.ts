import { ruleTester } from '../../testing/rule-tester.js';
import rule from './kubelet-tls-cipher-suites.js';

const kubelet = (body: string) => `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
${body}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'ECDHE AES-GCM suites',
      yaml: kubelet('tlsCipherSuites: [TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]'),
    },
  ],
  invalid: [
    {
      name: 'CBC suite',
      doc: true,
      yaml: kubelet('tlsCipherSuites:\n- TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\n- TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA'),
      findings: [{ path: 'tlsCipherSuites[1]', message: 'CBC mode' }],
    },
    { name: 'not set', yaml: kubelet('readOnlyPort: 0'), findings: [{ path: '', message: 'Go defaults' }] },
    { name: 'empty list', yaml: kubelet('tlsCipherSuites: []'), findings: [{ path: 'tlsCipherSuites' }] },
  ],
});

import { ruleTester } from '../../testing/rule-tester.js';
import rule from './kubelet-streaming-connection-idle-timeout.js';

const kubelet = (body: string) => `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
${body}
`;

ruleTester(rule, {
  valid: [
    { name: 'default (4h)', yaml: kubelet('readOnlyPort: 0') },
    { name: '5m', yaml: kubelet('streamingConnectionIdleTimeout: 5m') },
    { name: '0s as kubeadm writes it: the kubelet defaults it to 4h', yaml: kubelet('streamingConnectionIdleTimeout: 0s') },
    { name: '8h with a higher maximum', yaml: kubelet('streamingConnectionIdleTimeout: 8h'), options: { maxSeconds: 28800 } },
  ],
  invalid: [
    {
      name: 'a day',
      doc: true,
      yaml: kubelet('streamingConnectionIdleTimeout: 24h'),
      findings: [{ path: 'streamingConnectionIdleTimeout', message: 'stay open longer than 14400s' }],
    },
    {
      name: 'not a duration',
      yaml: kubelet('streamingConnectionIdleTimeout: forever'),
      findings: [{ path: 'streamingConnectionIdleTimeout' }],
    },
  ],
});

import { ruleTester } from '../../testing/rule-tester.js';
import rule from './kubelet-pod-pids-limit.js';

const kubelet = (body: string) => `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
${body}
`;

ruleTester(rule, {
  valid: [{ name: '4096', yaml: kubelet('podPidsLimit: 4096') }],
  invalid: [
    {
      name: 'not set',
      doc: true,
      yaml: kubelet('readOnlyPort: 0'),
      findings: [{ path: '', message: 'podPidsLimit is not set' }],
    },
    { name: '-1 (unlimited)', yaml: kubelet('podPidsLimit: -1'), findings: [{ path: 'podPidsLimit' }] },
  ],
});

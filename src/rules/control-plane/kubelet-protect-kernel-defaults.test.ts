import { ruleTester } from '../../testing/rule-tester.js';
import rule from './kubelet-protect-kernel-defaults.js';

const kubelet = (body: string) => `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
${body}
`;

ruleTester(rule, {
  valid: [{ name: 'true', yaml: kubelet('protectKernelDefaults: true') }],
  invalid: [
    { name: 'not set', doc: true, yaml: kubelet('readOnlyPort: 0'), findings: [{ path: '' }] },
    { name: 'false', yaml: kubelet('protectKernelDefaults: false'), findings: [{ path: 'protectKernelDefaults' }] },
  ],
});

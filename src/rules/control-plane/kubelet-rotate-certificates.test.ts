import { ruleTester } from '../../testing/rule-tester.js';
import rule from './kubelet-rotate-certificates.js';

const kubelet = (body: string) => `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
${body}
`;

ruleTester(rule, {
  valid: [{ name: 'true', yaml: kubelet('rotateCertificates: true') }],
  invalid: [
    {
      name: 'not set (defaults to false)',
      doc: true,
      yaml: kubelet('readOnlyPort: 0'),
      findings: [{ path: '', message: 'defaults to false' }],
    },
    { name: 'false', yaml: kubelet('rotateCertificates: false'), findings: [{ path: 'rotateCertificates' }] },
  ],
});

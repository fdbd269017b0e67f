import { ruleTester } from '../../testing/rule-tester.js';
import rule from './kubelet-client-ca-file.js';

const kubelet = (body: string) => `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
${body}
`;

ruleTester(rule, {
  valid: [{ name: 'cluster CA', yaml: kubelet('authentication:\n  x509:\n    clientCAFile: /etc/kubernetes/pki/ca.crt') }],
  invalid: [
    {
      name: 'no authentication section',
      doc: true,
      yaml: kubelet('readOnlyPort: 0'),
      findings: [{ path: '', message: 'clientCAFile is not set' }],
    },
    { name: 'x509 without a file', yaml: kubelet('authentication:\n  x509: {}'), findings: [{ path: 'authentication.x509' }] },
    {
      name: 'empty file',
      yaml: kubelet('authentication:\n  x509:\n    clientCAFile: ""'),
      findings: [{ path: 'authentication.x509.clientCAFile' }],
    },
  ],
});

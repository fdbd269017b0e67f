import { ruleTester } from '../../testing/rule-tester.js';
import rule from './kubelet-read-only-port.js';

const kubelet = (body: string) => `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
${body}
`;

ruleTester(rule, {
  valid: [
    { name: 'default (0 in KubeletConfiguration)', yaml: kubelet('port: 10250') },
    { name: 'explicitly 0', yaml: kubelet('readOnlyPort: 0') },
  ],
  invalid: [
    {
      name: 'read-only port 10255',
      doc: true,
      yaml: kubelet('readOnlyPort: 10255'),
      findings: [{ path: 'readOnlyPort', message: 'without authentication' }],
    },
  ],
});

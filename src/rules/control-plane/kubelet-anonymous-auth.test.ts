import { ruleTester } from '../../testing/rule-tester.js';
import rule from './kubelet-anonymous-auth.js';

const kubelet = (body: string) => `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
${body}
`;

ruleTester(rule, {
  valid: [
    { name: 'default (false in KubeletConfiguration)', yaml: kubelet('readOnlyPort: 0') },
    {
      name: 'explicitly false',
      yaml: kubelet('authentication:\n  anonymous:\n    enabled: false\n  webhook:\n    enabled: true'),
    },
  ],
  invalid: [
    {
      name: 'anonymous requests accepted',
      doc: true,
      yaml: kubelet('authentication:\n  anonymous:\n    enabled: true'),
      findings: [{ path: 'authentication.anonymous.enabled', message: 'accepts anonymous requests' }],
    },
  ],
});

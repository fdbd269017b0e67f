import { ruleTester } from '../../testing/rule-tester.js';
import rule from './kubelet-authorization-mode.js';

const kubelet = (body: string) => `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
${body}
`;

ruleTester(rule, {
  valid: [
    { name: 'default (Webhook)', yaml: kubelet('authentication: {anonymous: {enabled: false}}') },
    { name: 'Webhook', yaml: kubelet('authorization:\n  mode: Webhook') },
  ],
  invalid: [
    {
      name: 'AlwaysAllow',
      doc: true,
      yaml: kubelet('authorization:\n  mode: AlwaysAllow'),
      findings: [{ path: 'authorization.mode', message: 'every request is allowed' }],
    },
  ],
});

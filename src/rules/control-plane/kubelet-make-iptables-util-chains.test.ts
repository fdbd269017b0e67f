import { ruleTester } from '../../testing/rule-tester.js';
import rule from './kubelet-make-iptables-util-chains.js';

const kubelet = (body: string) => `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
${body}
`;

ruleTester(rule, {
  valid: [
    { name: 'default (true)', yaml: kubelet('readOnlyPort: 0') },
    { name: 'true', yaml: kubelet('makeIPTablesUtilChains: true') },
  ],
  invalid: [
    { name: 'false', doc: true, yaml: kubelet('makeIPTablesUtilChains: false'), findings: [{ path: 'makeIPTablesUtilChains' }] },
  ],
});

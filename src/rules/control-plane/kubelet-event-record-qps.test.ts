import { ruleTester } from '../../testing/rule-tester.js';
import rule from './kubelet-event-record-qps.js';

const kubelet = (body: string) => `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
${body}
`;

ruleTester(rule, {
  valid: [
    { name: 'default (50)', yaml: kubelet('readOnlyPort: 0') },
    { name: '0 (no limit)', yaml: kubelet('eventRecordQPS: 0') },
    { name: '5', yaml: kubelet('eventRecordQPS: 5') },
    { name: '2 with a lower minimum', yaml: kubelet('eventRecordQPS: 2'), options: { minQPS: 1 } },
  ],
  invalid: [
    {
      name: 'too low',
      doc: true,
      yaml: kubelet('eventRecordQPS: 1'),
      findings: [{ path: 'eventRecordQPS', message: 'events beyond that rate are dropped' }],
    },
    { name: 'negative', yaml: kubelet('eventRecordQPS: -1'), findings: [{ path: 'eventRecordQPS', message: 'negative' }] },
  ],
});

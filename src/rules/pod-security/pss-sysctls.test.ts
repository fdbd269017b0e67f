import { ruleTester } from '../../testing/rule-tester.js';
import { pssCases } from './pss-cases.js';
import rule from './pss-sysctls.js';

ruleTester(
  rule,
  pssCases({
    level: 'baseline',
    message: 'forbidden sysctls (kernel.msgmax)',
    violating: `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: ns}
spec:
  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}, sysctls: [{name: kernel.msgmax, value: '65536'}]}
  containers:
  - name: app
    image: app:1
    securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
`,
  }),
);

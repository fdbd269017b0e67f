import { ruleTester } from '../../testing/rule-tester.js';
import { pssCases } from './pss-cases.js';
import rule from './pss-allow-privilege-escalation.js';

ruleTester(
  rule,
  pssCases({
    level: 'restricted',
    message: 'allowPrivilegeEscalation != false',
    violating: `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: ns}
spec:
  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
  containers:
  - name: app
    image: app:1
    securityContext: {allowPrivilegeEscalation: true, capabilities: {drop: [ALL]}}
`,
  }),
);

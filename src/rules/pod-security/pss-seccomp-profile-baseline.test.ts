import { ruleTester } from '../../testing/rule-tester.js';
import { pssCases } from './pss-cases.js';
import rule from './pss-seccomp-profile-baseline.js';

ruleTester(
  rule,
  pssCases({
    level: 'baseline',
    message: 'seccompProfile',
    options: { level: 'baseline' },
    violating: `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: ns}
spec:
  securityContext: {runAsNonRoot: true, seccompProfile: {type: Unconfined}}
  containers:
  - name: app
    image: app:1
    securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
`,
  }),
);

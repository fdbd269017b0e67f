import { ruleTester } from '../../testing/rule-tester.js';
import { pssCases } from './pss-cases.js';
import rule from './pss-host-ports.js';

ruleTester(
  rule,
  pssCases({
    level: 'baseline',
    message: 'hostPort',
    violating: `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: ns}
spec:
  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
  containers:
  - name: app
    image: app:1
    ports: [{containerPort: 80, hostPort: 80}]
    securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
`,
  }),
);

import { ruleTester } from '../../testing/rule-tester.js';
import { pssCases } from './pss-cases.js';
import rule from './pss-host-probes-and-host-lifecycle.js';

ruleTester(
  rule,
  pssCases({
    level: 'baseline',
    message: 'probe or lifecycle host',
    violating: `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: ns}
spec:
  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
  containers:
  - name: app
    image: app:1
    readinessProbe: {httpGet: {host: 10.0.0.1, port: 8080, path: /}}
    securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
`,
  }),
);

import { ruleTester } from '../../testing/rule-tester.js';
import rule from './pss-host-path-volumes.js';

const COMPLIANT = `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: ns}
spec:
  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
  containers:
  - name: app
    image: app:1
    securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
`;
const VIOLATING = `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: ns}
spec:
  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
  containers:
  - name: app
    image: app:1
    securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
  volumes: [{name: h, hostPath: {path: /etc}}]
`;

ruleTester(rule, {
  valid: [
    { name: 'a pod that meets the restricted profile', yaml: COMPLIANT },
    { name: 'the privileged level forbids nothing', yaml: VIOLATING, options: { level: 'privileged' } },
    {
      name: 'a labelled namespace that enforces only privileged decides, not the options',
      yaml: `
apiVersion: v1
kind: Namespace
metadata:
  name: team
  labels: {pod-security.kubernetes.io/enforce: privileged}
---
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: team}
spec:
  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
  containers:
  - name: app
    image: app:1
    securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
  volumes: [{name: h, hostPath: {path: /etc}}]
`,
    },
  ],
  invalid: [
    {
      name: 'forbidden at the baseline level',
      doc: true,
      options: { level: 'baseline' },
      yaml: VIOLATING,
      findings: [{ path: 'spec', message: 'hostPath volumes' }],
    },
    {
      name: 'a namespace enforcing baseline rejects it at admission',
      yaml: `
apiVersion: v1
kind: Namespace
metadata:
  name: team
  labels: {pod-security.kubernetes.io/enforce: baseline}
---
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: team}
spec:
  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
  containers:
  - name: app
    image: app:1
    securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
  volumes: [{name: h, hostPath: {path: /etc}}]
`,
      findings: [{ path: 'spec', message: 'would be rejected at admission: namespace "team" enforces baseline:latest' }],
    },
  ],
});

import { ruleTester } from '../../testing/rule-tester.js';
import rule from './automount-token-not-chosen.js';

ruleTester(rule, {
  valid: [
    {
      name: 'the pod chooses: false, or true for a pod that calls the API',
      doc: true,
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      automountServiceAccountToken: false
      containers: [{name: web, image: web:1}]
---
apiVersion: v1
kind: Pod
metadata: {name: operator}
spec:
  serviceAccountName: operator
  automountServiceAccountToken: true
  containers: [{name: op, image: op:1}]
`,
    },
  ],
  invalid: [
    {
      name: 'unset: the ServiceAccount decides (at admission it is not known)',
      doc: true,
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers: [{name: web, image: web:1}]
`,
      findings: [{ path: 'spec.template.spec', message: 'does not set automountServiceAccountToken' }],
    },
    {
      name: 'null, and a CronJob template; a quoted "false" is a string, not a choice',
      yaml: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          automountServiceAccountToken: null
          containers: [{name: r, image: r:1}]
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  automountServiceAccountToken: "false"
  containers: [{name: a, image: a:1}]
`,
      findings: [
        { path: 'spec.jobTemplate.spec.template.spec.automountServiceAccountToken', message: 'does not set' },
        { path: 'spec.automountServiceAccountToken', message: 'does not set' },
      ],
    },
  ],
});

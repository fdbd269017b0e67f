import { ruleTester } from '../../testing/rule-tester.js';
import rule from './selector-template-mismatch.js';

const template = `
  template:
    metadata: {labels: {app: web, tier: front}}
    spec: {containers: [{name: web, image: x:1}]}`;

ruleTester(rule, {
  valid: [
    {
      name: 'a selector that is a subset of the template labels',
      doc: true,
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector:
    matchLabels: {app: web}
    matchExpressions: [{key: tier, operator: In, values: [front, edge]}]${template}
`,
    },
    {
      name: 'a ReplicationController without selector (defaults to the template labels); a Job without manualSelector',
      yaml: `
apiVersion: v1
kind: ReplicationController
metadata: {name: rc}
spec:${template}
---
apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  selector: {matchLabels: {anything: x}}
  template:
    spec: {restartPolicy: Never, containers: [{name: c, image: x:1}]}
---
apiVersion: apps/v1beta1
kind: Deployment
metadata: {name: old}
spec:${template}
`,
    },
  ],
  invalid: [
    {
      name: 'a selector the template labels do not satisfy',
      doc: true,
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector:
    matchLabels: {app: web-frontend}${template}
`,
      findings: [
        {
          path: 'spec.selector',
          message: 'the selector does not match the pod template labels (app=web, tier=front), so the API rejects it',
        },
      ],
    },
    {
      name: 'missing, empty and invalid selectors',
      yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db${template}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {}${template}
---
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: rs}
spec:
  selector: {matchExpressions: [{key: app, operator: Equals, values: [web]}]}${template}
`,
      findings: [
        { path: 'spec', message: 'has no spec.selector, which apps/v1 requires' },
        { path: 'spec.selector', message: 'has an empty selector' },
        { path: 'spec.selector', message: 'the selector is invalid: unknown operator "Equals"' },
      ],
    },
    {
      name: 'ReplicationController and a Job with manualSelector',
      yaml: `
apiVersion: v1
kind: ReplicationController
metadata: {name: rc}
spec:
  selector: {app: api}${template}
---
apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  manualSelector: true
  selector: {matchLabels: {job: j}}
  template:
    metadata: {labels: {job: k}}
    spec: {restartPolicy: Never, containers: [{name: c, image: x:1}]}
`,
      findings: [
        { path: 'spec.selector', message: 'app=web, tier=front' },
        { path: 'spec.selector', message: 'job=k' },
      ],
    },
  ],
});

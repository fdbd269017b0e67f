import { ruleTester } from '../../testing/rule-tester.js';
import rule from './priority-class.js';

ruleTester(rule, {
  valid: [
    {
      name: 'a workload with a priority class',
      doc: true,
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: checkout}
spec:
  template:
    spec:
      priorityClassName: business-critical
      containers: [{name: checkout, image: x:1}]
`,
    },
    {
      name: 'Jobs and bare Pods are not targeted',
      yaml: `
apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  template:
    spec: {restartPolicy: Never, containers: [{name: c, image: x:1}]}
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {containers: [{name: c, image: x:1}]}
`,
    },
  ],
  invalid: [
    {
      name: 'a Deployment without priorityClassName',
      doc: true,
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: checkout}
spec:
  template:
    spec:
      containers: [{name: checkout, image: nginx:1.27}]
`,
      findings: [{ path: 'spec.template.spec', message: 'sets no priorityClassName' }],
    },
    {
      name: 'StatefulSet and DaemonSet with an empty priorityClassName',
      yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  template:
    spec: {priorityClassName: "", containers: [{name: db, image: x:1}]}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  template:
    spec: {containers: [{name: agent, image: x:1}]}
`,
      findings: [{ path: 'spec.template.spec' }, { path: 'spec.template.spec' }],
    },
  ],
});

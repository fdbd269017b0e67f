import { ruleTester } from '../../testing/rule-tester.js';
import rule from './host-pid.js';

ruleTester(rule, {
  valid: [
    {
      name: 'unset',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: x:1}]
`,
    },
    {
      name: 'false, YAML 1.1 "off", and a quoted "true" (a string, not a boolean)',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: a}
spec:
  template:
    spec:
      hostPID: false
      containers: [{name: app, image: x:1}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: b}
spec:
  template:
    spec:
      hostPID: off
      containers: [{name: app, image: x:1}]
---
apiVersion: v1
kind: Pod
metadata: {name: c}
spec:
  hostPID: "true"
  containers: [{name: app, image: x:1}]
`,
    },
  ],
  invalid: [
    {
      name: 'DaemonSet with hostPID: true',
      doc: true,
      yaml: `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      hostPID: true
      containers:
      - name: agent
        image: agent:1.0
`,
      findings: [
        { path: 'spec.template.spec.hostPID', message: "the pod shares the host's process ID namespace: hostPID is true" },
      ],
    },
    {
      name: 'bare Pod with YAML 1.1 "yes"',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostPID: yes
  containers: [{name: app, image: x:1}]
`,
      findings: [{ path: 'spec.hostPID' }],
    },
    {
      name: 'CronJob template with "on"',
      yaml: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          hostPID: on
          containers: [{name: job, image: x:1}]
`,
      findings: [{ path: 'spec.jobTemplate.spec.template.spec.hostPID' }],
    },
    {
      name: 'Windows pods are not exempt',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: win}
spec:
  template:
    spec:
      os: {name: windows}
      hostPID: true
      containers: [{name: iis, image: iis:1}]
`,
      findings: [{ path: 'spec.template.spec.hostPID' }],
    },
  ],
});

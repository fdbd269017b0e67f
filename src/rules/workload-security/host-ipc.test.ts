import { ruleTester } from '../../testing/rule-tester.js';
import rule from './host-ipc.js';

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
      hostIPC: false
      containers: [{name: app, image: x:1}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: b}
spec:
  template:
    spec:
      hostIPC: off
      containers: [{name: app, image: x:1}]
---
apiVersion: v1
kind: Pod
metadata: {name: c}
spec:
  hostIPC: "true"
  containers: [{name: app, image: x:1}]
`,
    },
  ],
  invalid: [
    {
      name: 'DaemonSet with hostIPC: true',
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
      hostIPC: true
      containers:
      - name: agent
        image: agent:1.0
`,
      findings: [{ path: 'spec.template.spec.hostIPC', message: "the pod shares the host's IPC namespace: hostIPC is true" }],
    },
    {
      name: 'bare Pod with YAML 1.1 "yes"',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostIPC: yes
  containers: [{name: app, image: x:1}]
`,
      findings: [{ path: 'spec.hostIPC' }],
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
          hostIPC: on
          containers: [{name: job, image: x:1}]
`,
      findings: [{ path: 'spec.jobTemplate.spec.template.spec.hostIPC' }],
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
      hostIPC: true
      containers: [{name: iis, image: iis:1}]
`,
      findings: [{ path: 'spec.template.spec.hostIPC' }],
    },
  ],
});

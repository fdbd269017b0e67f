import { ruleTester } from '../../testing/rule-tester.js';
import rule from './readiness-probe.js';

ruleTester(rule, {
  valid: [
    {
      name: 'containers and a native sidecar with readiness probes; plain init containers need none',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      initContainers:
      - {name: migrate, image: x:1}
      - {name: proxy, image: x:1, restartPolicy: Always, readinessProbe: {tcpSocket: {port: 15001}}}
      containers:
      - {name: web, image: x:1, readinessProbe: {httpGet: {path: /ready, port: 8080}}}
`,
    },
    {
      name: 'workloads that run to completion: CronJob, Job, and Pods with restartPolicy Never or OnFailure',
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
          containers: [{name: job, image: x:1}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: job, image: x:1}]
---
apiVersion: v1
kind: Pod
metadata: {name: once}
spec:
  restartPolicy: Never
  containers: [{name: task, image: x:1}]
---
apiVersion: v1
kind: Pod
metadata: {name: retry}
spec:
  restartPolicy: OnFailure
  containers: [{name: task, image: x:1}]
`,
    },
    {
      name: 'ephemeral containers are debug sessions',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: x:1, readinessProbe: {exec: {command: [cat, /tmp/ready]}}}]
  ephemeralContainers: [{name: debug, image: x:1}]
`,
    },
  ],
  invalid: [
    {
      name: 'Deployment container without a readiness probe',
      doc: true,
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
      - name: web
        image: nginx:1.27
        livenessProbe:
          httpGet: {path: /healthz, port: 80}
`,
      findings: [{ path: 'spec.template.spec.containers[0]', message: 'container "web" has no readiness probe' }],
    },
    {
      name: 'native sidecar and second container of a StatefulSet',
      yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  template:
    spec:
      initContainers:
      - {name: init, image: x:1}
      - {name: proxy, image: x:1, restartPolicy: Always}
      containers:
      - {name: db, image: x:1, readinessProbe: {tcpSocket: {port: 5432}}}
      - {name: exporter, image: x:1}
`,
      findings: [
        { path: 'spec.template.spec.initContainers[1]', message: 'sidecar container "proxy" has no readiness probe' },
        { path: 'spec.template.spec.containers[1]', message: 'container "exporter" has no readiness probe' },
      ],
    },
    {
      name: 'bare Pod with the default restartPolicy (Always), and a DaemonSet',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: x:1}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  template:
    spec:
      containers: [{name: agent, image: x:1, startupProbe: {tcpSocket: {port: 9100}}}]
`,
      findings: [
        { path: 'spec.containers[0]', message: 'container "app" has no readiness probe' },
        { path: 'spec.template.spec.containers[0]', message: 'container "agent" has no readiness probe' },
      ],
    },
  ],
});

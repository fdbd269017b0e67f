import { ruleTester } from '../../testing/rule-tester.js';
import rule from './liveness-probe.js';

ruleTester(rule, {
  valid: [
    {
      name: 'containers and a native sidecar with liveness probes; plain init containers need none',
      yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  template:
    spec:
      initContainers:
      - {name: init, image: x:1}
      - {name: proxy, image: x:1, restartPolicy: Always, livenessProbe: {tcpSocket: {port: 15001}}}
      containers:
      - {name: db, image: x:1, livenessProbe: {exec: {command: [pg_isready]}}}
`,
    },
    {
      name: 'CronJob and a Pod with restartPolicy Never run to completion',
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
apiVersion: v1
kind: Pod
metadata: {name: once}
spec:
  restartPolicy: Never
  containers: [{name: task, image: x:1}]
`,
    },
  ],
  invalid: [
    {
      name: 'Deployment container with only a readiness probe',
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
        readinessProbe:
          httpGet: {path: /ready, port: 80}
`,
      findings: [{ path: 'spec.template.spec.containers[0]', message: 'container "web" has no liveness probe' }],
    },
    {
      name: 'native sidecar of a bare Pod with restartPolicy Always; plain init container skipped',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  restartPolicy: Always
  initContainers:
  - {name: setup, image: x:1}
  - {name: logs, image: x:1, restartPolicy: Always}
  containers:
  - {name: app, image: x:1, livenessProbe: {grpc: {port: 9000}}}
  - {name: helper, image: x:1, livenessProbe: null}
`,
      findings: [
        { path: 'spec.initContainers[1]', message: 'sidecar container "logs" has no liveness probe' },
        { path: 'spec.containers[1]', message: 'container "helper" has no liveness probe' },
      ],
    },
  ],
});

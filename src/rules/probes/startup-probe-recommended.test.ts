import { ruleTester } from '../../testing/rule-tester.js';
import rule from './startup-probe-recommended.js';

ruleTester(rule, {
  valid: [
    {
      name: 'a startup probe covers the slow start',
      doc: true,
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: app}
spec:
  template:
    spec:
      containers:
      - name: app
        image: x:1
        startupProbe: {httpGet: {path: /livez, port: 8080}, failureThreshold: 30, periodSeconds: 10}
        livenessProbe: {httpGet: {path: /livez, port: 8080}}
`,
    },
    {
      name: 'a delay at the threshold; a long readiness delay; no liveness probe',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: a, image: x:1, livenessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: 60}}
  - {name: b, image: x:1, readinessProbe: {tcpSocket: {port: 81}, initialDelaySeconds: 300}}
  - {name: c, image: x:1}
`,
    },
  ],
  invalid: [
    {
      name: 'a two-minute liveness delay',
      doc: true,
      yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: es}
spec:
  template:
    spec:
      containers:
      - name: elasticsearch
        image: elasticsearch:8.15.0
        livenessProbe:
          tcpSocket: {port: 9300}
          initialDelaySeconds: 120
`,
      findings: [
        {
          path: 'spec.template.spec.containers[0].livenessProbe.initialDelaySeconds',
          message: 'container "elasticsearch" delays its liveness probe by 120s (more than 60s) without a startupProbe',
        },
      ],
    },
    {
      name: 'a lower threshold through the option; native sidecars count',
      options: { initialDelaySeconds: 20 },
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: app}
spec:
  template:
    spec:
      initContainers:
      - {name: proxy, image: x:1, restartPolicy: Always, livenessProbe: {tcpSocket: {port: 15000}, initialDelaySeconds: 30}}
      - {name: migrate, image: x:1}
      containers:
      - {name: app, image: x:1, livenessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: 10}}
`,
      findings: [
        {
          path: 'spec.template.spec.initContainers[0].livenessProbe.initialDelaySeconds',
          message: 'sidecar container "proxy" delays its liveness probe by 30s (more than 20s)',
        },
      ],
    },
  ],
});

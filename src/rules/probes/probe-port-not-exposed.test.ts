import { ruleTester } from '../../testing/rule-tester.js';
import rule from './probe-port-not-exposed.js';

ruleTester(rule, {
  valid: [
    {
      name: 'named and numeric probe ports the container declares',
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
        image: x:1
        ports: [{name: http, containerPort: 8080}, {containerPort: 9090}]
        livenessProbe: {httpGet: {path: /livez, port: http}}
        readinessProbe: {tcpSocket: {port: 8080}}
        startupProbe: {grpc: {port: 9090}}
`,
    },
    {
      name: 'numbers are not judged without declared ports; a sibling container declares the number; explicit host; exec',
      options: { numericPorts: true },
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: x:1
    livenessProbe: {httpGet: {path: /, port: 8081}}
  - name: proxy
    image: x:1
    ports: [{containerPort: 15000}]
    readinessProbe: {httpGet: {path: /, port: 8081}}
  - name: envoy
    image: x:1
    ports: [{containerPort: 8081}]
    livenessProbe: {tcpSocket: {port: 5000, host: 10.0.0.1}}
    readinessProbe: {exec: {command: [check]}}
`,
    },
    {
      name: 'an undeclared health port is not reported by default (ingress-nginx probes 10254)',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ingress-nginx-controller}
spec:
  template:
    spec:
      containers:
      - name: controller
        image: x:1
        ports: [{name: http, containerPort: 80}, {name: https, containerPort: 443}]
        livenessProbe: {httpGet: {path: /healthz, port: 10254}}
        readinessProbe: {httpGet: {path: /healthz, port: 10254}, failureThreshold: 3}
`,
    },
  ],
  invalid: [
    {
      name: 'a probe names a port the container does not have',
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
        ports:
        - {name: http, containerPort: 80}
        readinessProbe:
          httpGet: {path: /ready, port: web}
`,
      findings: [
        {
          path: 'spec.template.spec.containers[0].readinessProbe.httpGet.port',
          message: 'container "web": the readiness probe\'s httpGet port "web" is not the name of one of its ports (http (80))',
        },
      ],
    },
    {
      name: "a name only a sibling container has (names resolve in the probe's own container); a quoted number",
      yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  template:
    spec:
      initContainers:
      - name: proxy
        image: x:1
        restartPolicy: Always
        livenessProbe: {tcpSocket: {port: pg}}
      containers:
      - name: db
        image: x:1
        ports: [{name: pg, containerPort: 5432}]
        livenessProbe: {tcpSocket: {port: "5432"}}
`,
      findings: [
        { path: 'spec.template.spec.initContainers[0].livenessProbe.tcpSocket.port', message: 'sidecar container "proxy"' },
        {
          path: 'spec.template.spec.containers[0].livenessProbe.tcpSocket.port',
          message: 'a quoted number is read as a port name',
        },
      ],
    },
    {
      name: 'numbers no container of the pod declares (numericPorts)',
      options: { numericPorts: true },
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
          containers:
          - name: api
            image: x:1
            ports: [{containerPort: 8080}, {name: metrics, containerPort: 9090, protocol: UDP}]
            livenessProbe: {httpGet: {path: /, port: 8000}}
            startupProbe: {grpc: {port: 9091}}
`,
      findings: [
        {
          path: 'spec.jobTemplate.spec.template.spec.containers[0].livenessProbe.httpGet.port',
          message:
            "the liveness probe's httpGet port 8000 is not among the ports the pod's containers declare (8080, metrics (9090/UDP))",
        },
        { path: 'spec.jobTemplate.spec.template.spec.containers[0].startupProbe.grpc.port', message: 'port 9091' },
      ],
    },
  ],
});

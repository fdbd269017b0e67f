import { ruleTester } from '../../testing/rule-tester.js';
import rule from './liveness-equals-readiness.js';

ruleTester(rule, {
  valid: [
    {
      name: 'liveness on a cheap endpoint, readiness on a deep one',
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
        livenessProbe: {httpGet: {path: /livez, port: 8080}}
        readinessProbe: {httpGet: {path: /readyz, port: 8080}}
`,
    },
    {
      name: 'same endpoint, but the liveness probe waits clearly longer; different handler types; one probe only',
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
        livenessProbe: {httpGet: {path: /health, port: 8080}, failureThreshold: 6}
        readinessProbe: {httpGet: {path: /health, port: 8080}}
      - name: sidecar
        image: x:1
        livenessProbe: {tcpSocket: {port: 9000}}
        readinessProbe: {httpGet: {path: /, port: 9000}}
      - name: worker
        image: x:1
        livenessProbe: {exec: {command: [cat, /tmp/alive]}}
`,
    },
    {
      name: 'same port, other scheme, other path, or another host header',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: a
    image: x:1
    livenessProbe: {httpGet: {path: /, port: 8443, scheme: HTTPS}}
    readinessProbe: {httpGet: {path: /, port: 8443}}
  - name: b
    image: x:1
    livenessProbe: {httpGet: {path: /, port: 80, httpHeaders: [{name: Host, value: a}]}}
    readinessProbe: {httpGet: {path: /, port: 80, httpHeaders: [{name: Host, value: b}]}}
  - name: c
    image: x:1
    livenessProbe: {grpc: {port: 9090, service: liveness}}
    readinessProbe: {grpc: {port: 9090}}
`,
    },
  ],
  invalid: [
    {
      name: 'identical probes',
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
          periodSeconds: 10
        readinessProbe:
          httpGet: {path: /healthz, port: 80}
          periodSeconds: 10
`,
      findings: [
        {
          path: 'spec.template.spec.containers[0].livenessProbe',
          message:
            'container "web" has a liveness probe that checks the same thing as its readiness probe with the same timing (3 × 10s)',
        },
      ],
    },
    {
      name: 'a named port resolves to the same number; defaults spelled out; liveness gives up first; exec in a sidecar',
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
        livenessProbe: {exec: {command: [/bin/check]}}
        readinessProbe: {exec: {command: [/bin/check]}, successThreshold: 2}
      containers:
      - name: db
        image: x:1
        ports: [{name: pg, containerPort: 5432}]
        livenessProbe: {tcpSocket: {port: pg}, periodSeconds: 5}
        readinessProbe: {tcpSocket: {port: 5432}, failureThreshold: 3, timeoutSeconds: 1}
`,
      findings: [
        { path: 'spec.template.spec.initContainers[0].livenessProbe', message: 'sidecar container "proxy"' },
        {
          path: 'spec.template.spec.containers[0].livenessProbe',
          message: 'and gives up no later (3 × 5s against 3 × 10s)',
        },
      ],
    },
    {
      name: 'ignoreTiming reports any identical handler',
      options: { ignoreTiming: true },
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: x:1
    livenessProbe: {httpGet: {path: /health, port: 8080}, failureThreshold: 10}
    readinessProbe: {httpGet: {path: /health, port: 8080}}
`,
      findings: [{ path: 'spec.containers[0].livenessProbe', message: '(failure windows 10 × 10s against 3 × 10s)' }],
    },
  ],
});

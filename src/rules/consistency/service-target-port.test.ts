import { ruleTester } from '../../testing/rule-tester.js';
import rule from './service-target-port.js';

const deployment = (ports: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: x:1, ports: ${ports}}]
`;

ruleTester(rule, {
  valid: [
    {
      name: 'a named and a numeric targetPort the pods declare',
      doc: true,
      yaml: `${deployment('[{name: http, containerPort: 8080}, {containerPort: 9090}]')}---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports:
  - {name: http, port: 80, targetPort: http}
  - {name: metrics, port: 9090}
`,
    },
    {
      name: 'numbers cannot be judged when the pods declare no ports; a Service that selects nothing is not judged',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: x:1}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: other, namespace: shop}
spec: {selector: {app: other}, ports: [{port: 80, targetPort: http}]}
`,
    },
    {
      name: 'a port of a native sidecar; one of two selected workloads declares the name',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, tier: front}}
    spec:
      initContainers: [{name: proxy, image: x:1, restartPolicy: Always, ports: [{name: proxy, containerPort: 15001}]}]
      containers: [{name: web, image: x:1}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: legacy, namespace: shop}
spec:
  selector: {matchLabels: {tier: front}}
  template:
    metadata: {labels: {tier: front}}
    spec: {containers: [{name: web, image: x:1, ports: [{name: http, containerPort: 80}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: front, namespace: shop}
spec:
  selector: {tier: front}
  ports: [{name: a, port: 80, targetPort: http}, {name: b, port: 15001, targetPort: proxy}]
`,
    },
  ],
  invalid: [
    {
      name: 'a targetPort name the pods do not have',
      doc: true,
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports: [{name: http, containerPort: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports:
  - port: 80
    targetPort: web
`,
      findings: [
        {
          path: 'spec.ports[0].targetPort',
          message:
            'targetPort "web" (TCP) is not the name of a container port of the pods it selects (Deployment shop/web: http (80))',
        },
      ],
    },
    {
      name: 'a name with another protocol; an undeclared number; an unset targetPort that defaults to port',
      yaml: `${deployment('[{name: dns, containerPort: 53, protocol: TCP}, {containerPort: 8080}]')}---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports:
  - {name: dns, port: 53, protocol: UDP, targetPort: dns}
  - {name: http, port: 80, targetPort: 8000}
  - {name: alt, port: 8081}
`,
      findings: [
        { path: 'spec.ports[0].targetPort', message: 'targetPort "dns" (UDP) is not the name' },
        {
          path: 'spec.ports[1].targetPort',
          message: 'targetPort 8000 is not a port the selected pods declare (Deployment shop/web: dns (53), 8080)',
        },
        { path: 'spec.ports[2]', message: 'targetPort 8081 (unset, so the same as port)' },
      ],
    },
  ],
});

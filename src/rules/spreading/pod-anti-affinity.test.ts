import { ruleTester } from '../../testing/rule-tester.js';
import rule from './pod-anti-affinity.js';

const meta = `
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}`;

ruleTester(rule, {
  valid: [
    {
      name: 'preferred pod anti-affinity on the hostname',
      doc: true,
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3${meta}
    spec:
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 100
            podAffinityTerm:
              labelSelector: {matchLabels: {app: web}}
              topologyKey: kubernetes.io/hostname
      containers: [{name: web, image: x:1}]
`,
    },
    {
      name: 'a topology spread constraint on the hostname; required anti-affinity',
      yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 3
  serviceName: db${meta}
    spec:
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}
      containers: [{name: db, image: x:1}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  replicas: 2${meta}
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - {labelSelector: {matchLabels: {app: web}}, topologyKey: kubernetes.io/hostname}
      containers: [{name: api, image: x:1}]
`,
    },
    {
      name: 'one replica (unset), zero replicas, and other kinds need no spreading',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: one}
spec:${meta}
    spec: {containers: [{name: web, image: x:1}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: off}
spec:
  replicas: 0${meta}
    spec: {containers: [{name: web, image: x:1}]}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:${meta}
    spec: {containers: [{name: agent, image: x:1}]}
`,
    },
    {
      name: 'a custom node topology key through the option',
      options: { topologyKeys: ['example.com/rack-node'] },
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2${meta}
    spec:
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: example.com/rack-node, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: web}}}
      containers: [{name: web, image: x:1}]
`,
    },
  ],
  invalid: [
    {
      name: 'three replicas and no spreading',
      doc: true,
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3${meta}
    spec:
      containers: [{name: web, image: nginx:1.27}]
`,
      findings: [
        {
          path: 'spec.template.spec',
          message:
            'runs 3 replicas with nothing spreading them over nodes: add podAntiAffinity or a topologySpreadConstraint on kubernetes.io/hostname',
        },
      ],
    },
    {
      name: 'zone spreading and pod affinity do not spread over nodes (the fix appends to the preferred terms)',
      yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 2
  serviceName: db${meta}
    spec:
      affinity:
        podAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - {labelSelector: {matchLabels: {app: cache}}, topologyKey: kubernetes.io/hostname}
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 50
            podAffinityTerm: {labelSelector: {matchLabels: {app: web}}, topologyKey: topology.kubernetes.io/zone}
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: web}}}
      containers: [{name: db, image: x:1}]
`,
      findings: [{ path: 'spec.template.spec', message: 'runs 2 replicas' }],
    },
    {
      name: 'no usable selector: reported, but no fix is offered',
      fixIsPartial: true,
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 4
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: x:1}]}
`,
      findings: [{ path: 'spec.template.spec', message: 'runs 4 replicas' }],
    },
  ],
});

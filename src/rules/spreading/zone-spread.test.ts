import { ruleTester } from '../../testing/rule-tester.js';
import rule from './zone-spread.js';

const meta = `
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}`;

ruleTester(rule, {
  valid: [
    {
      name: 'a topology spread constraint on the zone',
      doc: true,
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3${meta}
    spec:
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: web}}}
      - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: web}}}
      containers: [{name: web, image: x:1}]
`,
    },
    {
      name: 'anti-affinity on the deprecated zone label; a single replica',
      yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 3
  serviceName: db${meta}
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - {labelSelector: {matchLabels: {app: web}}, topologyKey: failure-domain.beta.kubernetes.io/zone}
      containers: [{name: db, image: x:1}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: one}
spec:
  replicas: 1${meta}
    spec: {containers: [{name: web, image: x:1}]}
`,
    },
  ],
  invalid: [
    {
      name: 'spread over nodes only',
      doc: true,
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3${meta}
    spec:
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: web}}}
      containers: [{name: web, image: nginx:1.27}]
`,
      findings: [
        {
          path: 'spec.template.spec',
          message:
            'runs 3 replicas with nothing spreading them over zones: add a topologySpreadConstraint on topology.kubernetes.io/zone',
        },
      ],
    },
    {
      name: 'a custom zone key through the option',
      options: { topologyKeys: ['example.com/datacenter'] },
      yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 2
  serviceName: db${meta}
    spec:
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: web}}}
      containers: [{name: db, image: x:1}]
`,
      findings: [{ path: 'spec.template.spec', message: 'on example.com/datacenter' }],
    },
  ],
});

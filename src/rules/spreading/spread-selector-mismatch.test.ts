import { ruleTester } from '../../testing/rule-tester.js';
import rule from './spread-selector-mismatch.js';

ruleTester(rule, {
  valid: [
    {
      name: "constraints and anti-affinity that select the workload's own pods",
      doc: true,
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, tier: front}}
    spec:
      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: topology.kubernetes.io/zone
        whenUnsatisfiable: ScheduleAnyway
        labelSelector: {matchLabels: {app: web}}
        matchLabelKeys: [pod-template-hash]
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 100
            podAffinityTerm:
              labelSelector: {matchExpressions: [{key: tier, operator: In, values: [front, edge]}]}
              topologyKey: kubernetes.io/hostname
      containers: [{name: web, image: x:1}]
`,
    },
    {
      name: 'anti-affinity that keeps away from another workload, next to one that spreads the own pods',
      yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: kafka, namespace: data}
spec:
  replicas: 3
  serviceName: kafka
  selector: {matchLabels: {app: kafka}}
  template:
    metadata: {labels: {app: kafka}}
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - {labelSelector: {matchLabels: {app: kafka}}, topologyKey: kubernetes.io/hostname, namespaces: [data]}
          - {labelSelector: {matchLabels: {app: zookeeper}}, topologyKey: kubernetes.io/hostname}
      containers: [{name: kafka, image: x:1}]
`,
    },
    {
      name: 'single-replica anti-affinity to others, mismatchLabelKeys, namespaceSelector, controller-added labels',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: batch}
spec:
  replicas: 1
  selector: {matchLabels: {app: batch}}
  template:
    metadata: {labels: {app: batch, tenant: a}}
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - {labelSelector: {matchLabels: {app: db}}, topologyKey: kubernetes.io/hostname}
      containers: [{name: c, image: x:1}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: tenant}
spec:
  replicas: 2
  selector: {matchLabels: {app: t}}
  template:
    metadata: {labels: {app: t, tenant: a}}
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - {labelSelector: {matchExpressions: [{key: tenant, operator: Exists}]}, mismatchLabelKeys: [tenant], topologyKey: kubernetes.io/hostname}
          - {labelSelector: {matchLabels: {app: t}}, topologyKey: kubernetes.io/hostname, namespaces: [elsewhere], namespaceSelector: {matchLabels: {team: a}}}
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: t, pod-template-hash: abc123}}}
      containers: [{name: c, image: x:1}]
`,
    },
    {
      name: 'DaemonSets and bare Pods are not targeted',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: p}}
spec:
  topologySpreadConstraints:
  - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: group}}}
  containers: [{name: c, image: x:1}]
`,
    },
  ],
  invalid: [
    {
      name: 'a spread constraint whose selector kept an old label value',
      doc: true,
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app.kubernetes.io/name: web}}
  template:
    metadata:
      labels: {app.kubernetes.io/name: web}
    spec:
      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: kubernetes.io/hostname
        whenUnsatisfiable: DoNotSchedule
        labelSelector:
          matchLabels: {app.kubernetes.io/name: web-frontend}
      containers: [{name: web, image: nginx:1.27}]
`,
      findings: [
        {
          path: 'spec.template.spec.topologySpreadConstraints[0].labelSelector',
          message:
            "topologySpreadConstraints[0] does not select the workload's own pods, so it spreads nothing: its labelSelector does not match the pod template labels (app.kubernetes.io/name=web)",
        },
      ],
    },
    {
      name: 'no labelSelector, an invalid one, and the only anti-affinity term of a multi-replica workload',
      yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 3
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway}
      - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchExpressions: [{key: app, operator: In}]}}
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 100
            podAffinityTerm: {labelSelector: {matchLabels: {app: database}}, topologyKey: kubernetes.io/hostname}
      containers: [{name: db, image: x:1}]
`,
      findings: [
        { path: 'spec.template.spec.topologySpreadConstraints[0]', message: 'it has no labelSelector' },
        {
          path: 'spec.template.spec.topologySpreadConstraints[1].labelSelector',
          message: 'its labelSelector is invalid (operator In on "app" needs at least one value)',
        },
        {
          path: 'spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector',
          message:
            "preferred podAntiAffinity term [0] does not select the workload's own pods, so it does not keep the workload's replicas apart",
        },
      ],
    },
    {
      name: "anti-affinity limited to other namespaces; a parallel Job's constraint",
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - {labelSelector: {matchLabels: {app: web}}, topologyKey: kubernetes.io/hostname, namespaces: [default]}
      containers: [{name: web, image: x:1}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: crunch}
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      parallelism: 4
      template:
        metadata: {labels: {app: crunch}}
        spec:
          restartPolicy: Never
          topologySpreadConstraints:
          - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: cruncher}}}
          containers: [{name: c, image: x:1}]
`,
      findings: [
        {
          path: 'spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].namespaces',
          message: 'it only looks at namespace default',
        },
        { path: 'spec.jobTemplate.spec.template.spec.topologySpreadConstraints[0].labelSelector', message: 'app=crunch' },
      ],
    },
  ],
});

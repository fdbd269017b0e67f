import { ruleTester } from '../../testing/rule-tester.js';
import rule from './single-replica.js';

const template = `
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: x:1}]`;

ruleTester(rule, {
  valid: [
    {
      name: 'two or more replicas; scaled to zero is switched off',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3${template}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 2
  serviceName: db${template}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: off}
spec:
  replicas: 0${template}
`,
    },
    {
      name: 'an HPA with minReplicas 2 decides, whatever spec.replicas says',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 1${template}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 10
`,
    },
    {
      name: 'a lower minimum through the option',
      options: { minReplicas: 1 },
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:${template}
`,
    },
    {
      name: 'CronJobs and bare Pods are not targeted',
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
metadata: {name: p}
spec:
  containers: [{name: app, image: x:1}]
`,
    },
  ],
  invalid: [
    {
      name: 'Deployment with one replica',
      doc: true,
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1${template}
`,
      findings: [{ path: 'spec.replicas', message: 'runs 1 replica; at least 2' }],
    },
    {
      name: 'unset replicas default to 1 (StatefulSet)',
      yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db${template}
`,
      findings: [{ path: 'spec', message: 'runs 1 replica (spec.replicas is unset)' }],
    },
    {
      name: 'a higher minimum through the option',
      options: { minReplicas: 3 },
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2${template}
`,
      findings: [{ path: 'spec.replicas', message: 'runs 2 replicas; at least 3' }],
    },
    {
      name: 'an HPA with the default minReplicas (1) overrides replicas: 3',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 3${template}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web-hpa, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 5
`,
      findings: [
        { path: 'spec.replicas', message: 'HorizontalPodAutoscaler shop/web-hpa scales it down to 1 replica (minReplicas)' },
      ],
    },
    {
      name: 'HPA minReplicas 1 on a StatefulSet without spec.replicas; a VPA and an HPA in another namespace do not count',
      yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db${template}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: db}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: db}
  minReplicas: 1
  maxReplicas: 4
---
apiVersion: autoscaling.k8s.io/v1
kind: VerticalPodAutoscaler
metadata: {name: cache}
spec:
  targetRef: {apiVersion: apps/v1, kind: Deployment, name: cache}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: cache}
spec:
  replicas: 1${template}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: cache, namespace: other}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: cache}
  minReplicas: 3
  maxReplicas: 4
`,
      findings: [
        { path: 'spec', message: 'HorizontalPodAutoscaler default/db scales it down to 1 replica' },
        { path: 'spec.replicas', message: 'runs 1 replica' },
      ],
    },
    {
      name: 'a replica count that is not a number',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: "3"${template}
`,
      findings: [{ path: 'spec.replicas', message: 'spec.replicas "3" is not a whole number' }],
    },
  ],
});

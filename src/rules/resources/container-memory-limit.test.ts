import { ruleTester } from '../../testing/rule-tester.js';
import rule from './container-memory-limit.js';

ruleTester(rule, {
  valid: [
    {
      name: 'limits as strings and numbers; ephemeral containers cannot have resources',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
  - {name: setup, image: x:1, resources: {limits: {memory: 64Mi}}}
  - {name: proxy, image: x:1, restartPolicy: Always, resources: {limits: {memory: "1e9"}}}
  containers:
  - {name: app, image: x:1, resources: {limits: {memory: 1Gi}}}
  - {name: other, image: x:1, resources: {limits: {memory: 1e9}}}
  ephemeralContainers:
  - {name: debug, image: x:1}
`,
    },
    {
      name: 'a pod-level memory limit covers every container (StatefulSet)',
      yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  template:
    spec:
      resources: {limits: {memory: 4Gi}}
      containers: [{name: db, image: x:1}, {name: exporter, image: x:1}]
`,
    },
  ],
  invalid: [
    {
      name: 'container with requests but no memory limit in a Deployment',
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
        resources:
          requests: {cpu: 100m, memory: 128Mi}
`,
      findings: [{ path: 'spec.template.spec.containers[0].resources', message: 'container "web" sets no memory limit' }],
    },
    {
      name: 'init and sidecar containers; a CPU-only limit; an invalid quantity',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      initContainers:
      - {name: migrate, image: x:1}
      - {name: proxy, image: x:1, restartPolicy: Always, resources: {limits: {cpu: 0.5}}}
      containers:
      - {name: web, image: x:1, resources: {limits: {memory: 512MB}}}
`,
      findings: [
        { path: 'spec.template.spec.initContainers[0]', message: 'init container "migrate" sets no memory limit' },
        {
          path: 'spec.template.spec.initContainers[1].resources.limits',
          message: 'sidecar container "proxy" sets no memory limit',
        },
        {
          path: 'spec.template.spec.containers[0].resources.limits.memory',
          message: 'container "web" has an invalid memory limit: "512MB"',
        },
      ],
    },
    {
      name: 'CronJob, and an invalid pod-level limit in a bare Pod',
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
          containers: [{name: job, image: x:1, resources: {limits: {memory: null}}}]
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  resources: {limits: {memory: 1K}}
  containers: [{name: app, image: x:1}]
`,
      findings: [
        {
          path: 'spec.jobTemplate.spec.template.spec.containers[0].resources.limits.memory',
          message: 'container "job" sets no memory limit',
        },
        { path: 'spec.resources.limits.memory', message: 'pod has an invalid memory limit: "1K" is not a valid quantity' },
      ],
    },
  ],
});

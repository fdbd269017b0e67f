import { ruleTester } from '../../testing/rule-tester.js';
import rule from './requests-exceed-limits.js';

ruleTester(rule, {
  valid: [
    {
      name: 'equal quantities in different notations, and requests below limits',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      initContainers:
      - {name: setup, image: x:1, resources: {requests: {cpu: 0.5, memory: 1e3}, limits: {cpu: 500m, memory: 1k}}}
      containers:
      - {name: web, image: x:1, resources: {requests: {cpu: 1, memory: 1Gi, ephemeral-storage: 1G}, limits: {cpu: "1000m", memory: "1073741824", ephemeral-storage: 1Gi}}}
      - {name: scaled, image: x:1, resources: {requests: {memory: "1e3"}, limits: {memory: "1.5k"}}}
`,
    },
    {
      name: 'only one side set, and unparseable values are left to the rules that read them',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: a, image: x:1, resources: {requests: {cpu: 4}, limits: {memory: 1Gi}}}
  - {name: b, image: x:1, resources: {requests: {memory: 1K}, limits: {memory: 1Mi}}}
`,
    },
  ],
  invalid: [
    {
      name: 'CPU request above its limit in a Deployment',
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
          requests: {cpu: "2", memory: 256Mi}
          limits: {cpu: 1, memory: 512Mi}
`,
      findings: [
        {
          path: 'spec.template.spec.containers[0].resources.requests.cpu',
          message: 'container "web" requests 2 CPU, above its limit of 1',
        },
      ],
    },
    {
      name: 'memory (1Gi > 1G) and ephemeral-storage in init and sidecar containers of a StatefulSet',
      yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  template:
    spec:
      initContainers:
      - {name: init, image: x:1, resources: {requests: {ephemeral-storage: 2Gi}, limits: {ephemeral-storage: 1Gi}}}
      - {name: proxy, image: x:1, restartPolicy: Always, resources: {requests: {memory: 1Gi}, limits: {memory: 1G}}}
      containers:
      - {name: db, image: x:1, resources: {requests: {memory: "1e3"}, limits: {memory: 999}}}
`,
      findings: [
        {
          path: 'spec.template.spec.initContainers[0].resources.requests.ephemeral-storage',
          message: 'init container "init" requests 2Gi ephemeral-storage',
        },
        {
          path: 'spec.template.spec.initContainers[1].resources.requests.memory',
          message: 'sidecar container "proxy" requests 1Gi memory, above its limit of 1G',
        },
        {
          path: 'spec.template.spec.containers[0].resources.requests.memory',
          message: 'requests 1e3 memory, above its limit of 999',
        },
      ],
    },
    {
      name: 'CronJob container and pod-level resources of a bare Pod',
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
          containers: [{name: job, image: x:1, resources: {requests: {cpu: 0.75}, limits: {cpu: 500m}}}]
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  resources: {requests: {memory: 2Gi}, limits: {memory: 1Gi}}
  containers: [{name: app, image: x:1}]
`,
      findings: [
        {
          path: 'spec.jobTemplate.spec.template.spec.containers[0].resources.requests.cpu',
          message: 'container "job" requests 0.75 CPU, above its limit of 500m',
        },
        { path: 'spec.resources.requests.memory', message: 'pod requests 2Gi memory, above its limit of 1Gi' },
      ],
    },
  ],
});

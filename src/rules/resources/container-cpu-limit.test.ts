import { ruleTester } from '../../testing/rule-tester.js';
import rule from './container-cpu-limit.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CPU limits as numbers and strings, on init, sidecar and regular containers',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      initContainers:
      - {name: setup, image: x:1, resources: {limits: {cpu: 1}}}
      - {name: proxy, image: x:1, restartPolicy: Always, resources: {limits: {cpu: 0.5}}}
      containers:
      - {name: web, image: x:1, resources: {limits: {cpu: 500m}}}
      - {name: batch, image: x:1, resources: {limits: {cpu: "1e1"}}}
`,
    },
    {
      name: 'a pod-level CPU limit covers every container (bare Pod)',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  resources: {limits: {cpu: 2}}
  containers: [{name: a, image: x:1}]
  ephemeralContainers: [{name: debug, image: x:1}]
`,
    },
  ],
  invalid: [
    {
      name: 'container with a memory limit only in a StatefulSet',
      doc: true,
      yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  template:
    spec:
      containers:
      - name: db
        image: postgres:16
        resources:
          limits: {memory: 2Gi}
`,
      findings: [{ path: 'spec.template.spec.containers[0].resources.limits', message: 'container "db" sets no CPU limit' }],
    },
    {
      name: 'CronJob with an init container and an invalid CPU limit',
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
          initContainers: [{name: init, image: x:1}]
          containers: [{name: job, image: x:1, resources: {limits: {cpu: 1K}}}]
`,
      findings: [
        { path: 'spec.jobTemplate.spec.template.spec.initContainers[0]', message: 'init container "init" sets no CPU limit' },
        { path: 'spec.jobTemplate.spec.template.spec.containers[0].resources.limits.cpu', message: 'invalid CPU limit: "1K"' },
      ],
    },
  ],
});

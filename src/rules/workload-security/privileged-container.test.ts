import { ruleTester } from '../../testing/rule-tester.js';
import rule from './privileged-container.js';

ruleTester(rule, {
  valid: [
    {
      name: 'no securityContext',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: nginx:1.27}]
`,
    },
    {
      name: 'privileged: false, and a quoted "true" is a string, not a boolean',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
      - {name: a, image: x:1, securityContext: {privileged: false}}
      - {name: b, image: x:1, securityContext: {privileged: "true"}}
`,
    },
  ],
  invalid: [
    {
      name: 'privileged container in a Deployment',
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
        securityContext:
          privileged: true
`,
      findings: [
        { path: 'spec.template.spec.containers[0].securityContext.privileged', message: 'container "web" runs privileged' },
      ],
    },
    {
      name: 'YAML 1.1 "on" is true for Kubernetes; init and ephemeral containers count',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers: [{name: init, image: x:1, securityContext: {privileged: on}}]
  containers: [{name: app, image: x:1}]
  ephemeralContainers: [{name: debug, image: x:1, securityContext: {privileged: yes}}]
`,
      findings: [
        { path: 'spec.initContainers[0].securityContext.privileged', message: 'init container "init"' },
        { path: 'spec.ephemeralContainers[0].securityContext.privileged', message: 'ephemeral container "debug"' },
      ],
    },
    {
      name: 'CronJob template',
      yaml: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers: [{name: job, image: x:1, securityContext: {privileged: true}}]
`,
      findings: [{ path: 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.privileged' }],
    },
  ],
});

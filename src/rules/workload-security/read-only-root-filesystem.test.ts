import { ruleTester } from '../../testing/rule-tester.js';
import rule from './read-only-root-filesystem.js';

ruleTester(rule, {
  valid: [
    {
      name: 'init and app containers set it; ephemeral containers are not held to it',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers: [{name: init, image: x:1, securityContext: {readOnlyRootFilesystem: true}}]
  containers: [{name: app, image: x:1, securityContext: {readOnlyRootFilesystem: true}}]
  ephemeralContainers: [{name: debug, image: busybox:1.36}]
`,
    },
    {
      name: 'YAML 1.1 "yes" and "on" are true for Kubernetes (CronJob)',
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
          containers:
          - {name: a, image: x:1, securityContext: {readOnlyRootFilesystem: yes}}
          - {name: b, image: x:1, securityContext: {readOnlyRootFilesystem: on}}
`,
    },
    {
      name: 'Windows pods are exempt (the field does not apply to them)',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: win}
spec:
  os: {name: windows}
  containers: [{name: iis, image: iis:1}]
`,
    },
  ],
  invalid: [
    {
      name: 'Deployment container with a securityContext but no readOnlyRootFilesystem',
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
          runAsNonRoot: true
`,
      findings: [
        {
          path: 'spec.template.spec.containers[0].securityContext',
          message: 'container "web" has a writable root filesystem: set securityContext.readOnlyRootFilesystem=true',
        },
      ],
    },
    {
      name: 'no securityContext, explicit false (YAML 1.1 "off"), a quoted "true"; init containers count',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers: [{name: init, image: x:1}]
  containers:
  - {name: a, image: x:1, securityContext: {readOnlyRootFilesystem: off}}
  - {name: b, image: x:1, securityContext: {readOnlyRootFilesystem: "true"}}
  - {name: c, image: x:1, securityContext: {readOnlyRootFilesystem: true}}
  ephemeralContainers: [{name: debug, image: busybox:1.36}]
`,
      findings: [
        { path: 'spec.initContainers[0]', message: 'init container "init" has a writable root filesystem' },
        {
          path: 'spec.containers[0].securityContext.readOnlyRootFilesystem',
          message: 'container "a" has a writable root filesystem',
        },
        { path: 'spec.containers[1].securityContext.readOnlyRootFilesystem', message: 'sets readOnlyRootFilesystem to "true"' },
      ],
    },
    {
      name: 'pod-level securityContext has no such field: it does not count',
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
          securityContext: {readOnlyRootFilesystem: true}
          containers: [{name: job, image: x:1}]
`,
      findings: [{ path: 'spec.jobTemplate.spec.template.spec.containers[0]', message: 'container "job"' }],
    },
  ],
});

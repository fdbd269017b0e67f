import { ruleTester } from '../../testing/rule-tester.js';
import rule from './image-pull-policy.js';

const DIGEST = 'sha256:' + '0123456789abcdef'.repeat(4);

ruleTester(rule, {
  valid: [
    {
      name: 'default policy for latest, IfNotPresent for version tags and digests, Always for latest',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      initContainers:
      - {name: proxy, image: "envoyproxy/envoy@${DIGEST}", imagePullPolicy: IfNotPresent, restartPolicy: Always}
      containers:
      - {name: a, image: "nginx:latest"}
      - {name: b, image: "nginx:1.27", imagePullPolicy: IfNotPresent}
      - {name: c, image: "localhost:5000/app:2.0", imagePullPolicy: Never}
      - {name: d, image: "nginx", imagePullPolicy: Always}
`,
    },
    {
      name: 'an unparseable image is left to image-tag',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: a, image: "Nginx", imagePullPolicy: IfNotPresent}]
`,
    },
  ],
  invalid: [
    {
      name: 'IfNotPresent with the latest tag in a Deployment',
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
        image: nginx:latest
        imagePullPolicy: IfNotPresent
`,
      findings: [
        {
          path: 'spec.template.spec.containers[0].imagePullPolicy',
          message: 'container "web" uses imagePullPolicy IfNotPresent with the mutable image "nginx:latest"',
        },
      ],
    },
    {
      name: 'Never without a tag, a registry port is not a tag; init and sidecar containers in a StatefulSet',
      yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  template:
    spec:
      initContainers:
      - {name: init, image: "localhost:5000/init", imagePullPolicy: Never}
      - {name: side, image: "registry.local:443/side:latest", imagePullPolicy: IfNotPresent, restartPolicy: Always}
      containers:
      - {name: db, image: "postgres:16", imagePullPolicy: IfNotPresent}
`,
      findings: [
        {
          path: 'spec.template.spec.initContainers[0].imagePullPolicy',
          message: 'init container "init" uses imagePullPolicy Never',
        },
        { path: 'spec.template.spec.initContainers[1].imagePullPolicy', message: 'sidecar container "side"' },
      ],
    },
    {
      name: 'CronJob and bare Pod',
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
          restartPolicy: Never
          containers: [{name: job, image: busybox, imagePullPolicy: IfNotPresent}]
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: "app:latest", imagePullPolicy: IfNotPresent}]
`,
      findings: [
        { path: 'spec.jobTemplate.spec.template.spec.containers[0].imagePullPolicy' },
        { path: 'spec.containers[0].imagePullPolicy', message: '"app:latest"' },
      ],
    },
  ],
});

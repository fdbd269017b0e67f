import { ruleTester } from '../../testing/rule-tester.js';
import rule from './image-tag.js';

const DIGEST = 'sha256:' + '0123456789abcdef'.repeat(4);

ruleTester(rule, {
  valid: [
    {
      name: 'version tags, a registry port, and digests',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      initContainers:
      - {name: migrate, image: "localhost:5000/migrate:2.1"}
      - {name: proxy, image: "envoyproxy/envoy@${DIGEST}", restartPolicy: Always}
      containers:
      - {name: web, image: "nginx:1.27.3"}
      - {name: pinned, image: "nginx:latest@${DIGEST}"}
      - {name: ghcr, image: "ghcr.io/org/app:v1"}
`,
    },
    {
      name: 'a template leaving the image to later tooling',
      yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  template:
    spec:
      containers: [{name: db}]
`,
    },
  ],
  invalid: [
    {
      name: 'image without a tag in a Deployment',
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
        image: nginx
`,
      findings: [{ path: 'spec.template.spec.containers[0].image', message: 'container "web" uses image "nginx" without a tag' }],
    },
    {
      name: 'latest tag and a host port without a tag in a StatefulSet',
      yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  template:
    spec:
      containers:
      - {name: db, image: "postgres:latest"}
      - {name: exporter, image: "localhost:5000/exporter"}
`,
      findings: [
        { path: 'spec.template.spec.containers[0].image', message: 'mutable tag "latest"' },
        { path: 'spec.template.spec.containers[1].image', message: '"localhost:5000/exporter" without a tag' },
      ],
    },
    {
      name: 'init, sidecar and ephemeral containers of a bare Pod count',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
  - {name: setup, image: busybox}
  - {name: logs, image: "fluent/fluent-bit:latest", restartPolicy: Always}
  containers:
  - {name: app, image: "app:1.0"}
  ephemeralContainers:
  - {name: debug, image: busybox}
`,
      findings: [
        { path: 'spec.initContainers[0].image', message: 'init container "setup"' },
        { path: 'spec.initContainers[1].image', message: 'sidecar container "logs"' },
        { path: 'spec.ephemeralContainers[0].image', message: 'ephemeral container "debug"' },
      ],
    },
    {
      name: 'invalid references in a CronJob',
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
          - {name: a, image: "Backup:1.0"}
          - {name: b, image: "backup@sha256:abc"}
`,
      findings: [
        { path: 'spec.jobTemplate.spec.template.spec.containers[0].image', message: 'must be lowercase' },
        { path: 'spec.jobTemplate.spec.template.spec.containers[1].image', message: 'invalid image' },
      ],
    },
  ],
});

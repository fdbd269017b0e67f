import { ruleTester } from '../../testing/rule-tester.js';
import rule from './image-digest.js';

const DIGEST = 'sha256:4c1e0a4a6b1e8f0f5a2b6c7d8e9f00112233445566778899aabbccddeeff0011';

ruleTester(rule, {
  valid: [
    {
      name: 'tag and digest; digest only',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: a, image: "nginx:1.27@${DIGEST}"}
  - {name: b, image: "registry.example.com:5000/app@${DIGEST}"}
`,
    },
  ],
  invalid: [
    {
      name: 'a version tag is still mutable; init containers count',
      doc: true,
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
          initContainers: [{name: init, image: "busybox:1.36"}]
          containers: [{name: job, image: "registry.example.com/job:2.0"}]
`,
      findings: [
        {
          path: 'spec.jobTemplate.spec.template.spec.initContainers[0].image',
          message: 'init container "init" uses "busybox:1.36" without a digest',
        },
        { path: 'spec.jobTemplate.spec.template.spec.containers[0].image' },
      ],
    },
  ],
});

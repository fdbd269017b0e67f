import { ruleTester } from '../../testing/rule-tester.js';
import rule from './image-registry.js';

const pod = (image: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers: [{name: init, image: "registry.example.com/tools/init:1.0"}]
  containers: [{name: app, image: "${image}"}]
`;
const options = { allow: ['registry.example.com/**', 'docker.io/library/*'], deny: ['docker.io/library/ubuntu'] };

ruleTester(rule, {
  valid: [
    { name: 'no lists configured: nothing to enforce', yaml: pod('evil.example.org/miner:1') },
    { name: 'allowed registry, with a port-less host and nested path', yaml: pod('registry.example.com/team/app:1.2'), options },
    { name: 'an official image resolves to docker.io/library', yaml: pod('nginx:1.27'), options },
  ],
  invalid: [
    {
      name: 'image from a registry that is not allowed',
      doc: true,
      options,
      yaml: pod('quay.io/someone/app:1.0'),
      findings: [{ path: 'spec.containers[0].image', message: '"quay.io/someone/app", which is not from an allowed registry' }],
    },
    {
      name: 'denied image even though its registry is allowed; Docker Hub user images are not library images',
      options,
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
      - {name: a, image: "ubuntu:24.04"}
      - {name: b, image: "someone/tool:1"}
`,
      findings: [
        { path: 'spec.template.spec.containers[0].image', message: 'matches the denied pattern "docker.io/library/ubuntu"' },
        { path: 'spec.template.spec.containers[1].image', message: '"docker.io/someone/tool"' },
      ],
    },
  ],
});

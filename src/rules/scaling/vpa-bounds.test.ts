import { ruleTester } from '../../testing/rule-tester.js';
import rule from './vpa-bounds.js';

const vpa = (policies: string) => `
apiVersion: autoscaling.k8s.io/v1
kind: VerticalPodAutoscaler
metadata: {name: web, namespace: shop}
spec:
  targetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  resourcePolicy:
    containerPolicies:${policies}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'minAllowed below maxAllowed, compared as quantities',
      yaml: vpa(`
    - containerName: "*"
      minAllowed: {cpu: 100m, memory: 1Gi}
      maxAllowed: {cpu: "2", memory: 1024Mi}
    - containerName: app
      minAllowed: {cpu: 0.5}
      maxAllowed: {memory: 2Gi}`),
    },
    {
      name: 'no resource policy',
      yaml: `
apiVersion: autoscaling.k8s.io/v1
kind: VerticalPodAutoscaler
metadata: {name: web}
spec:
  targetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
`,
    },
  ],
  invalid: [
    {
      name: 'minAllowed above maxAllowed',
      doc: true,
      yaml: vpa(`
    - containerName: app
      minAllowed: {cpu: "1", memory: 2Gi}
      maxAllowed: {cpu: 500m, memory: 4Gi}`),
      findings: [
        {
          path: 'spec.resourcePolicy.containerPolicies[0].minAllowed.cpu',
          message: 'policy for container "app": minAllowed.cpu (1) is above maxAllowed.cpu (500m)',
        },
      ],
    },
    {
      name: 'decimal and binary suffixes; an invalid quantity',
      yaml: vpa(`
    - containerName: "*"
      minAllowed: {memory: 1G}
      maxAllowed: {memory: 900Mi, cpu: 1 core}`),
      findings: [
        { path: 'spec.resourcePolicy.containerPolicies[0].minAllowed.memory', message: 'minAllowed.memory (1G) is above' },
        { path: 'spec.resourcePolicy.containerPolicies[0].maxAllowed.cpu', message: 'maxAllowed.cpu is invalid' },
      ],
    },
  ],
});

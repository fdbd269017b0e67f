import { ruleTester } from '../../testing/rule-tester.js';
import rule from './hpa-min-replicas.js';

const hpa = (spec: string, apiVersion = 'autoscaling/v2') => `
apiVersion: ${apiVersion}
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 10${spec}
`;

ruleTester(rule, {
  valid: [
    { name: 'minReplicas 2', yaml: hpa('\n  minReplicas: 2') },
    { name: 'autoscaling/v1, minReplicas 3', yaml: hpa('\n  minReplicas: 3', 'autoscaling/v1') },
    { name: 'a lower minimum through the option', options: { minReplicas: 1 }, yaml: hpa('') },
  ],
  invalid: [
    {
      name: 'minReplicas 1',
      doc: true,
      yaml: hpa('\n  minReplicas: 1'),
      findings: [
        {
          path: 'spec.minReplicas',
          message: 'scales its target down to 1 replica; at least 2 keep it available through drains and crashes',
        },
      ],
    },
    {
      name: 'minReplicas unset defaults to 1',
      yaml: hpa(''),
      findings: [{ path: 'spec', message: 'down to 1 replica (spec.minReplicas is unset and defaults to 1)' }],
    },
    {
      name: 'a higher minimum through the option',
      options: { minReplicas: 3 },
      yaml: hpa('\n  minReplicas: 2'),
      findings: [{ path: 'spec.minReplicas', message: 'down to 2 replicas; at least 3' }],
    },
    {
      name: 'scale to zero (HPAScaleToZero) is reported too',
      yaml: hpa('\n  minReplicas: 0'),
      findings: [{ path: 'spec.minReplicas', message: 'down to 0 replicas (scale to zero)' }],
    },
    {
      name: 'a quoted minReplicas is not a number',
      yaml: hpa('\n  minReplicas: "2"'),
      findings: [{ path: 'spec.minReplicas', message: 'spec.minReplicas "2" is not a whole number' }],
    },
  ],
});

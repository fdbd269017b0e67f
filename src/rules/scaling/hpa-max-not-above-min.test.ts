import { ruleTester } from '../../testing/rule-tester.js';
import rule from './hpa-max-not-above-min.js';

const hpa = (spec: string) => `
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}${spec}
`;

ruleTester(rule, {
  valid: [
    { name: 'maxReplicas above minReplicas', yaml: hpa('\n  minReplicas: 2\n  maxReplicas: 6') },
    { name: 'maxReplicas 2 above the default minReplicas 1', yaml: hpa('\n  maxReplicas: 2') },
  ],
  invalid: [
    {
      name: 'maxReplicas equal to minReplicas',
      doc: true,
      yaml: hpa('\n  minReplicas: 3\n  maxReplicas: 3'),
      findings: [
        {
          path: 'spec.maxReplicas',
          message: 'spec.maxReplicas (3) equals spec.minReplicas (3): the HPA can never change the replica count',
        },
      ],
    },
    {
      name: 'maxReplicas 1 with the default minReplicas',
      yaml: hpa('\n  maxReplicas: 1'),
      findings: [{ path: 'spec.maxReplicas', message: 'equals spec.minReplicas (unset: 1)' }],
    },
    {
      name: 'maxReplicas below minReplicas',
      yaml: hpa('\n  minReplicas: 4\n  maxReplicas: 2'),
      findings: [{ path: 'spec.maxReplicas', message: 'is below spec.minReplicas (4): the API server rejects this HPA' }],
    },
    {
      name: 'maxReplicas missing',
      yaml: hpa('\n  minReplicas: 2'),
      findings: [{ path: 'spec', message: 'spec.maxReplicas is not set' }],
    },
  ],
});

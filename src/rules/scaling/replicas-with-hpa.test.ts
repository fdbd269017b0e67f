import { ruleTester } from '../../testing/rule-tester.js';
import rule from './replicas-with-hpa.js';

const workload = (replicas: string, kind = 'Deployment', name = 'web') => `
apiVersion: apps/v1
kind: ${kind}
metadata: {name: ${name}, namespace: shop}
spec:${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: app, image: x:1}]}`;

const hpa = (kind = 'Deployment', name = 'web', ns = 'shop') => `
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: ${name}, namespace: ${ns}}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: ${kind}, name: ${name}}
  minReplicas: 2
  maxReplicas: 10`;

ruleTester(rule, {
  valid: [
    { name: 'an HPA-scaled Deployment without spec.replicas', yaml: `${workload('')}\n---${hpa()}` },
    { name: 'replicas without an HPA', yaml: workload('\n  replicas: 3') },
    { name: 'replicas: 0 switches the workload (and its HPA) off', yaml: `${workload('\n  replicas: 0')}\n---${hpa()}` },
    { name: 'an HPA of another namespace', yaml: `${workload('\n  replicas: 3')}\n---${hpa('Deployment', 'web', 'other')}` },
    {
      name: 'a VPA is not an HPA',
      yaml: `${workload('\n  replicas: 3')}
---
apiVersion: autoscaling.k8s.io/v1
kind: VerticalPodAutoscaler
metadata: {name: web, namespace: shop}
spec:
  targetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
`,
    },
  ],
  invalid: [
    {
      name: 'a Deployment sets replicas while an HPA scales it',
      doc: true,
      yaml: `${workload('\n  replicas: 3')}\n---${hpa()}`,
      findings: [
        {
          path: 'spec.replicas',
          message:
            'sets spec.replicas (3) while HorizontalPodAutoscaler shop/web scales it: every apply or sync resets the replica count the HPA chose',
        },
      ],
    },
    {
      name: 'a StatefulSet',
      yaml: `${workload('\n  replicas: 2\n  serviceName: db', 'StatefulSet', 'db')}\n---${hpa('StatefulSet', 'db')}`,
      findings: [{ path: 'spec.replicas', message: 'HorizontalPodAutoscaler shop/db scales it' }],
    },
  ],
});

import { ruleTester } from '../../testing/rule-tester.js';
import rule from './pdb-missing.js';

const workload = (replicas: string, kind = 'Deployment', name = 'web', labels = `{app: ${name}}`) => `
apiVersion: apps/v1
kind: ${kind}
metadata: {name: ${name}, namespace: shop}
spec:${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: ${labels}}
    spec: {containers: [{name: app, image: x:1}]}`;

const pdb = (selector: string, ns = 'shop') => `
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: pdb, namespace: ${ns}}
spec:
  maxUnavailable: 1
  selector: ${selector}`;

const hpa = (min: number) => `
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: ${min}
  maxReplicas: 10`;

ruleTester(rule, {
  valid: [
    { name: 'a PDB selects the pods', yaml: `${workload('\n  replicas: 3')}\n---${pdb('{matchLabels: {app: web}}')}` },
    {
      name: 'an empty selector selects every pod of the namespace (policy/v1)',
      yaml: `${workload('\n  replicas: 3')}\n---${pdb('{}')}`,
    },
    {
      name: 'matchExpressions over the template labels',
      yaml: `${workload('\n  replicas: 2', 'StatefulSet', 'db', '{app: db, tier: data}')}
---${pdb('{matchExpressions: [{key: tier, operator: In, values: [data, cache]}]}')}`,
    },
    {
      name: 'single replica (unset) and switched off (0)',
      yaml: `${workload('')}\n---${workload('\n  replicas: 0', 'Deployment', 'off')}`,
    },
    { name: 'an HPA with minReplicas 1 decides over replicas: 3', yaml: `${workload('\n  replicas: 3')}\n---${hpa(1)}` },
    {
      name: 'DaemonSets are not targeted',
      yaml: workload('', 'DaemonSet', 'agent'),
    },
  ],
  invalid: [
    {
      name: 'a Deployment with 3 replicas and no PDB in the input',
      doc: true,
      yaml: workload('\n  replicas: 3'),
      findings: [
        {
          path: 'spec.selector',
          message:
            'runs 3 replicas and no PodDisruptionBudget in the input selects its pods: a node drain or autoscaler scale-down may evict all of them at once',
        },
      ],
    },
    {
      name: 'PDBs that select other labels, or live in another namespace',
      yaml: `${workload('\n  replicas: 2')}\n---${pdb('{matchLabels: {app: api}}')}\n---${pdb('{matchLabels: {app: web}}', 'other')}`,
      findings: [{ path: 'spec.selector', message: 'runs 2 replicas' }],
    },
    {
      name: 'the HPA minimum counts',
      yaml: `${workload('')}\n---${hpa(2)}`,
      findings: [{ path: 'spec.selector', message: 'runs at least 2 replicas (HPA minReplicas)' }],
    },
    {
      name: 'a PDB with a null selector selects nothing',
      yaml: `${workload('\n  replicas: 2', 'StatefulSet', 'db')}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: pdb, namespace: shop}
spec: {minAvailable: 1}
`,
      findings: [{ path: 'spec.selector' }],
    },
  ],
});

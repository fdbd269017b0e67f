import { ruleTester } from '../../testing/rule-tester.js';
import rule from './pdb-blocks-eviction.js';

const workload = (replicas: string, kind = 'Deployment', name = 'web') => `
apiVersion: apps/v1
kind: ${kind}
metadata: {name: ${name}, namespace: shop}
spec:${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}, team: a}}
    spec: {containers: [{name: app, image: x:1}]}`;

const pdb = (budget: string, selector = '{matchLabels: {app: web}}') => `
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: pdb, namespace: shop}
spec:
  ${budget}
  selector: ${selector}`;

const hpa = (min: number) => `
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: ${min}
  maxReplicas: 10`;

const barePod = `
apiVersion: v1
kind: Pod
metadata: {name: solo, namespace: shop, labels: {app: solo}}
spec: {containers: [{name: app, image: x:1}]}`;

ruleTester(rule, {
  valid: [
    { name: 'maxUnavailable 1', yaml: `${workload('\n  replicas: 3')}\n---${pdb('maxUnavailable: 1')}` },
    { name: 'maxUnavailable 10% rounds up to 1', yaml: `${workload('\n  replicas: 2')}\n---${pdb('maxUnavailable: 10%')}` },
    { name: 'minAvailable below the replicas', yaml: `${workload('\n  replicas: 3')}\n---${pdb('minAvailable: 2')}` },
    { name: 'minAvailable 50% of 3 rounds up to 2', yaml: `${workload('\n  replicas: 3')}\n---${pdb('minAvailable: 50%')}` },
    {
      name: 'minAvailable summed over every workload selected',
      yaml: `${workload('\n  replicas: 2')}\n---${workload('\n  replicas: 2', 'Deployment', 'api')}\n---${pdb('minAvailable: 2', '{matchLabels: {team: a}}')}`,
    },
    {
      name: 'the workload is not in the input: an integer minAvailable cannot be judged',
      yaml: pdb('minAvailable: 3'),
    },
    {
      name: 'a DaemonSet has no known pod count',
      yaml: `${workload('', 'DaemonSet', 'web')}\n---${pdb('minAvailable: 1')}`,
    },
    {
      name: 'an integer minAvailable over a bare pod is counted against pods',
      yaml: `${barePod}\n---${pdb('minAvailable: 0', '{matchLabels: {app: solo}}')}`,
    },
    { name: 'a PDB without selector selects nothing', yaml: `${workload('')}\n---${pdb('maxUnavailable: 0', 'null')}` },
    { name: 'a workload scaled to zero', yaml: `${workload('\n  replicas: 0')}\n---${pdb('minAvailable: 1')}` },
  ],
  invalid: [
    {
      name: 'maxUnavailable 0',
      doc: true,
      yaml: `${workload('\n  replicas: 3')}\n---${pdb('maxUnavailable: 0')}`,
      findings: [
        {
          path: 'spec.maxUnavailable',
          message:
            'maxUnavailable 0 allows no voluntary disruption: no selected pod can be evicted, so node drains and cluster-autoscaler scale-down stall',
        },
      ],
    },
    {
      name: 'maxUnavailable "0%" and minAvailable "100%", wherever the workloads are',
      yaml: `${pdb('maxUnavailable: 0%')}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: all, namespace: shop}
spec:
  minAvailable: 100%
  selector: {}`,
      findings: [
        { path: 'spec.maxUnavailable', message: 'maxUnavailable 0% allows no voluntary disruption' },
        { path: 'spec.minAvailable', message: 'minAvailable 100% keeps every selected pod' },
      ],
    },
    {
      name: 'an integer minAvailable equal to the replicas',
      yaml: `${workload('\n  replicas: 2')}\n---${pdb('minAvailable: 2')}`,
      findings: [
        {
          path: 'spec.minAvailable',
          message: 'minAvailable 2 is not below the 2 pods it selects: Deployment shop/web (2 replicas); no pod can be evicted',
        },
      ],
    },
    {
      name: 'minAvailable against the HPA minimum',
      yaml: `${workload('\n  replicas: 4')}\n---${hpa(2)}\n---${pdb('minAvailable: 2')}`,
      findings: [
        {
          path: 'spec.minAvailable',
          message: 'Deployment shop/web (2 replicas: the minReplicas of HorizontalPodAutoscaler shop/web)',
        },
      ],
    },
    {
      name: 'minAvailable 50% of a single replica rounds up to 1',
      yaml: `${workload('')}\n---${pdb('minAvailable: 50%')}`,
      findings: [
        {
          path: 'spec.minAvailable',
          message:
            'minAvailable 50% of 1 pod rounds up to 1 (the disruption controller rounds up), which keeps the 1 pod it selects',
        },
      ],
    },
    {
      name: 'minAvailable 90% of 2 pods rounds up to 2',
      yaml: `${workload('\n  replicas: 2', 'StatefulSet')}\n---${pdb('minAvailable: 90%')}`,
      findings: [{ path: 'spec.minAvailable', message: 'minAvailable 90% of 2 pods rounds up to 2' }],
    },
    {
      name: 'a cluster export: the ReplicaSet and pods are counted through their Deployment',
      yaml: `${workload('\n  replicas: 2')}
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web-5d9c
  namespace: shop
  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: u1, controller: true}]
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, pod-template-hash: 5d9c}}
    spec: {containers: [{name: app, image: x:1}]}
---
apiVersion: v1
kind: Pod
metadata:
  name: web-5d9c-a
  namespace: shop
  labels: {app: web, pod-template-hash: 5d9c}
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d9c, uid: u2, controller: true}]
spec: {containers: [{name: app, image: x:1}]}
---
apiVersion: v1
kind: Pod
metadata:
  name: web-5d9c-b
  namespace: shop
  labels: {app: web, pod-template-hash: 5d9c}
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d9c, uid: u2, controller: true}]
spec: {containers: [{name: app, image: x:1}]}
---${pdb('minAvailable: 2')}`,
      findings: [
        {
          path: 'spec.minAvailable',
          message: 'minAvailable 2 is not below the 2 pods it selects: Deployment shop/web (2 replicas); no pod can be evicted',
        },
      ],
    },
    {
      name: 'maxUnavailable over bare pods only: the controller expects 0 pods',
      yaml: `${barePod}\n---${pdb('maxUnavailable: 1', '{matchLabels: {app: solo}}')}`,
      findings: [
        {
          path: 'spec.maxUnavailable',
          message:
            'with maxUnavailable 1 the disruption controller counts only pods run by a controller, and none of the 1 pod it selects: Pod shop/solo (a bare pod) is',
        },
      ],
    },
  ],
});

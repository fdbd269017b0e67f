import { ruleTester } from '../../testing/rule-tester.js';
import rule from './pdb-overlap.js';

const workload = (name: string, labels: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: shop}
spec:
  replicas: 3
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: ${labels}}
    spec: {containers: [{name: app, image: x:1}]}`;

const pdb = (name: string, selector: string, ns = 'shop') => `
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: ${name}, namespace: ${ns}}
spec:
  maxUnavailable: 1
  selector: ${selector}`;

const web = workload('web', '{app: web, team: shop}');
const api = workload('api', '{app: api, team: shop}');

ruleTester(rule, {
  valid: [
    {
      name: 'one PDB per workload',
      yaml: `${web}\n---${api}\n---${pdb('web', '{matchLabels: {app: web}}')}\n---${pdb('api', '{matchLabels: {app: api}}')}`,
    },
    {
      name: 'a PDB of another namespace with the same selector',
      yaml: `${web}\n---${pdb('web', '{matchLabels: {app: web}}')}\n---${pdb('web', '{matchLabels: {app: web}}', 'other')}`,
    },
    {
      name: 'PDBs that could overlap, but no workload of the input is selected by both',
      yaml: `${web}\n---${pdb('web', '{matchLabels: {app: web}}')}\n---${pdb('canary', '{matchLabels: {app: web, track: canary}}')}`,
    },
  ],
  invalid: [
    {
      name: 'a team-wide PDB next to a per-application one',
      doc: true,
      yaml: `${web}\n---${pdb('web', '{matchLabels: {app: web}}')}\n---${pdb('team', '{matchLabels: {team: shop}}')}`,
      findings: [
        {
          path: 'spec.selector',
          message:
            'selects the same pods as PodDisruptionBudget shop/web (both select the pods of Deployment shop/web): the eviction API refuses to evict a pod covered by more than one PodDisruptionBudget',
        },
      ],
    },
    {
      name: 'a catch-all PDB overlapping two others: reported once, naming both',
      yaml: `${web}\n---${api}\n---${pdb('web', '{matchLabels: {app: web}}')}\n---${pdb('api', '{matchLabels: {app: api}}')}\n---${pdb('all', '{}')}`,
      findings: [
        {
          path: 'spec.selector',
          message:
            'same pods as PodDisruptionBudget shop/web (both select the pods of Deployment shop/web), PodDisruptionBudget shop/api (both select the pods of Deployment shop/api)',
        },
      ],
    },
    {
      name: 'three PDBs on one workload: each later one names the earlier ones',
      yaml: `${web}\n---${pdb('a', '{matchLabels: {app: web}}')}\n---${pdb('b', '{matchLabels: {team: shop}}')}\n---${pdb('c', '{matchExpressions: [{key: app, operator: Exists}]}')}`,
      findings: [
        { path: 'spec.selector', message: 'same pods as PodDisruptionBudget shop/a (both' },
        {
          path: 'spec.selector',
          message:
            'same pods as PodDisruptionBudget shop/a (both select the pods of Deployment shop/web), PodDisruptionBudget shop/b',
        },
      ],
    },
  ],
});

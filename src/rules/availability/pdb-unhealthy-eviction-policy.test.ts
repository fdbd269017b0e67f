import { ruleTester } from '../../testing/rule-tester.js';
import rule from './pdb-unhealthy-eviction-policy.js';

ruleTester(rule, {
  valid: [
    {
      name: 'AlwaysAllow',
      yaml: `
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  maxUnavailable: 1
  selector: {matchLabels: {app: web}}
  unhealthyPodEvictionPolicy: AlwaysAllow
`,
    },
  ],
  invalid: [
    {
      name: 'unset (IfHealthyBudget by default)',
      doc: true,
      yaml: `
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  maxUnavailable: 1
  selector: {matchLabels: {app: web}}
`,
      findings: [{ path: 'spec', message: 'unhealthyPodEvictionPolicy is unset (IfHealthyBudget)' }],
    },
    {
      name: 'IfHealthyBudget set explicitly',
      yaml: `
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  minAvailable: 1
  selector: {matchLabels: {app: web}}
  unhealthyPodEvictionPolicy: IfHealthyBudget
`,
      findings: [{ path: 'spec.unhealthyPodEvictionPolicy', message: 'unhealthyPodEvictionPolicy is "IfHealthyBudget"' }],
    },
  ],
});

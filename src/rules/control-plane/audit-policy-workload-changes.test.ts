import { ruleTester } from '../../testing/rule-tester.js';
import rule from './audit-policy-workload-changes.js';

const policy = (rules: string) => `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
${rules}
`;

ruleTester(rule, {
  valid: [
    { name: 'catch-all Metadata', yaml: policy('- level: Metadata') },
    {
      name: 'reads dropped, writes logged',
      yaml: policy(`- level: None
  verbs: [get, list, watch]
- level: Request
  verbs: [create, update, patch, delete]
  resources: [{group: ""}, {group: apps}]`),
    },
  ],
  invalid: [
    {
      name: 'only secrets are logged',
      doc: true,
      yaml: policy('- level: Metadata\n  resources: [{group: "", resources: [secrets]}]'),
      findings: [{ path: 'rules', message: 'pods, deployments.apps' }],
    },
    {
      name: 'None for a namespace',
      yaml: policy('- level: None\n  namespaces: [kube-system]\n- level: Metadata'),
      findings: [
        { path: 'rules[0].level', message: 'rules[0] does not log pods, deployments.apps (for namespaces kube-system)' },
      ],
    },
  ],
});

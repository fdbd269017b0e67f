import { ruleTester } from '../../testing/rule-tester.js';
import rule from './audit-policy-request-bodies.js';

const policy = (rules: string) => `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
${rules}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'Metadata for secrets before RequestResponse for everything',
      yaml: policy(`- level: Metadata
  resources:
  - {group: "", resources: [secrets, configmaps]}
  - {group: authentication.k8s.io, resources: [tokenreviews]}
- level: RequestResponse`),
    },
    {
      name: 'Request level for deletecollection carries no object',
      yaml: policy(`- level: Request
  users: ["system:serviceaccount:kube-system:namespace-controller"]
  verbs: [deletecollection]
- level: Metadata`),
    },
  ],
  invalid: [
    {
      name: 'RequestResponse catch-all logs Secret bodies',
      doc: true,
      yaml: policy('- level: RequestResponse'),
      findings: [
        {
          path: 'rules[0].level',
          message: 'rules[0] logs secrets, configmaps, tokenreviews.authentication.k8s.io at level RequestResponse',
        },
      ],
    },
    {
      name: 'Request level on secret writes for a group',
      yaml: policy(`- level: Request
  userGroups: [ops]
  verbs: [create, update]
  resources: [{group: "", resources: ["*"]}]
- level: Metadata`),
      findings: [
        {
          path: 'rules[0].level',
          message:
            'secrets (for userGroups ops; verbs create, update), configmaps (for userGroups ops; verbs create, update) at level Request',
        },
      ],
    },
  ],
});

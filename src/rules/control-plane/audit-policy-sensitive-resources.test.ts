import { ruleTester } from '../../testing/rule-tester.js';
import rule from './audit-policy-sensitive-resources.js';

const policy = (rules: string) => `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
${rules}
`;

ruleTester(rule, {
  valid: [
    { name: 'catch-all Metadata', yaml: policy('- level: Metadata') },
    {
      name: 'Metadata for the sensitive resources first, then more detail for others',
      yaml: policy(`- level: None
  nonResourceURLs: ["/healthz*", /version]
- level: None
  resources: [{group: "", resources: [events]}]
- level: Metadata
  resources:
  - {group: "", resources: [secrets, configmaps, serviceaccounts/token]}
  - {group: authentication.k8s.io, resources: [tokenreviews]}
- level: RequestResponse`),
    },
    {
      name: 'a system component excluded by user (allowed unless reportUserScopedNone)',
      yaml: policy(`- level: None
  users: [cluster-autoscaler]
  verbs: [get, update]
  namespaces: [kube-system]
  resources: [{group: "", resources: [configmaps, endpoints]}]
- level: Metadata`),
    },
  ],
  invalid: [
    {
      name: 'no rule for secrets: not logged',
      doc: true,
      yaml: policy(`- level: Metadata
  resources: [{group: "", resources: [pods]}]`),
      findings: [
        { path: 'rules', message: 'no rule logs every request to secrets, configmaps, tokenreviews.authentication.k8s.io' },
      ],
    },
    {
      name: 'a None rule for "*" before the catch-all',
      yaml: policy(`- level: None
  resources: [{group: "", resources: ["*"]}]
- level: Metadata`),
      findings: [{ path: 'rules[0].level', message: 'rules[0] does not log secrets, configmaps: access' }],
    },
    {
      name: 'None for some verbs, then nothing else',
      yaml: policy(`- level: None
  verbs: [watch, list]
  resources: [{group: authentication.k8s.io}]`),
      findings: [
        { path: 'rules[0].level', message: 'does not log tokenreviews.authentication.k8s.io (for verbs watch, list)' },
        { path: 'rules', message: 'secrets, configmaps, tokenreviews.authentication.k8s.io' },
      ],
    },
    {
      name: 'user-scoped None reported on request, and omitStages that drop everything',
      options: { reportUserScopedNone: true },
      yaml: policy(`- level: None
  userGroups: ["system:nodes"]
  resources: [{group: "", resources: [secrets]}]
- level: Metadata
  omitStages: [RequestReceived, ResponseComplete]`),
      findings: [
        { path: 'rules[0].level', message: 'for userGroups system:nodes' },
        { path: 'rules[1].level', message: 'rules[1] does not log secrets' },
      ],
    },
  ],
});

import { ruleTester } from '../../testing/rule-tester.js';
import rule from './audit-policy-exec.js';

const policy = (rules: string) => `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
${rules}
`;

ruleTester(rule, {
  valid: [
    { name: 'catch-all Metadata', yaml: policy('- level: Metadata\n  omitStages: [RequestReceived]') },
    {
      name: 'explicit rule for the streaming subresources',
      yaml: policy(`- level: Metadata
  resources:
  - {group: "", resources: [pods/exec, pods/attach, pods/portforward, pods/proxy, services/proxy]}`),
    },
    {
      name: '"*/exec"-style subresource wildcards and "pods/*"',
      yaml: policy('- level: Request\n  resources: [{group: "", resources: ["pods/*", "*/proxy"]}]'),
    },
  ],
  invalid: [
    {
      name: 'only pods are logged',
      doc: true,
      yaml: policy('- level: Metadata\n  resources: [{group: "", resources: [pods]}]'),
      findings: [
        {
          path: 'rules',
          message: 'no rule logs every request to pods/exec, pods/attach, pods/portforward, pods/proxy, services/proxy',
        },
      ],
    },
    {
      name: 'exec logged for create only (WebSocket exec used get)',
      yaml: policy(`- level: Metadata
  verbs: [create]
  resources: [{group: "", resources: [pods/exec, pods/attach, pods/portforward, pods/proxy, services/proxy]}]`),
      findings: [{ path: 'rules', message: 'pods/exec, pods/attach, pods/portforward, pods/proxy, services/proxy' }],
    },
    {
      name: 'exec dropped before the catch-all',
      yaml: policy('- level: None\n  resources: [{group: "", resources: [pods/exec]}]\n- level: Metadata'),
      findings: [{ path: 'rules[0].level', message: 'rules[0] does not log pods/exec' }],
    },
  ],
});

import { ruleTester } from '../../testing/rule-tester.js';
import rule from './namespace-resource-governance.js';

ruleTester(rule, {
  valid: [
    {
      name: 'namespace with both',
      yaml: `
apiVersion: v1
kind: Namespace
metadata: {name: team}
---
apiVersion: v1
kind: LimitRange
metadata: {name: defaults, namespace: team}
spec: {limits: [{type: Container, defaultRequest: {cpu: 100m, memory: 128Mi}, default: {memory: 256Mi}}]}
---
apiVersion: v1
kind: ResourceQuota
metadata: {name: quota, namespace: team}
spec: {hard: {requests.cpu: "10", requests.memory: 20Gi}}
`,
    },
  ],
  invalid: [
    {
      name: 'a quota in another namespace does not count',
      doc: true,
      yaml: `
apiVersion: v1
kind: Namespace
metadata: {name: team}
---
apiVersion: v1
kind: ResourceQuota
metadata: {name: quota, namespace: other}
spec: {hard: {pods: "10"}}
`,
      findings: [{ path: 'metadata.name', message: 'namespace "team" has no LimitRange and no ResourceQuota' }],
    },
  ],
});

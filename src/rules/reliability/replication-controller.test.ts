import { ruleTester } from '../../testing/rule-tester.js';
import rule from './replication-controller.js';

ruleTester(rule, {
  valid: [
    {
      name: 'a Deployment',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec: {template: {spec: {containers: [{name: c, image: x:1}]}}}
`,
    },
  ],
  invalid: [
    {
      name: 'a ReplicationController',
      doc: true,
      yaml: `
apiVersion: v1
kind: ReplicationController
metadata: {name: web}
spec:
  replicas: 2
  selector: {app: web}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: x:1}]}
`,
      findings: [{ path: 'kind', message: 'legacy replication API' }],
    },
  ],
});

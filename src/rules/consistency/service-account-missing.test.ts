import { ruleTester } from '../../testing/rule-tester.js';
import rule from './service-account-missing.js';

const deployment = (ns: string, sa: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      serviceAccountName: ${sa}
      containers: [{name: web, image: x:1}]
`;

ruleTester(rule, {
  valid: [
    {
      name: 'the ServiceAccount is in the input',
      doc: true,
      yaml: `
apiVersion: v1
kind: ServiceAccount
metadata: {name: web, namespace: shop}
---${deployment('shop', 'web')}`,
    },
    {
      name: 'no ServiceAccounts of the namespace in the input; "default" always exists',
      yaml: `
apiVersion: v1
kind: ServiceAccount
metadata: {name: web, namespace: other}
---${deployment('shop', 'web')}---${deployment('other', 'default')}`,
    },
  ],
  invalid: [
    {
      name: 'a ServiceAccount name that the manifests do not define',
      doc: true,
      yaml: `
apiVersion: v1
kind: ServiceAccount
metadata: {name: web, namespace: shop}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      serviceAccountName: web-sa
      containers: [{name: web, image: nginx:1.27}]
`,
      findings: [
        {
          path: 'spec.template.spec.serviceAccountName',
          message:
            'ServiceAccount "web-sa" does not exist in namespace shop among the scanned objects: the API refuses to create the pods',
        },
      ],
    },
    {
      name: 'the deprecated serviceAccount field; a CronJob',
      yaml: `
apiVersion: v1
kind: ServiceAccount
metadata: {name: runner}
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  serviceAccount: builder
  containers: [{name: c, image: x:1}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          serviceAccountName: reporter
          restartPolicy: Never
          containers: [{name: c, image: x:1}]
`,
      findings: [
        { path: 'spec.serviceAccount', message: 'ServiceAccount "builder"' },
        { path: 'spec.jobTemplate.spec.template.spec.serviceAccountName', message: 'ServiceAccount "reporter"' },
      ],
    },
  ],
});

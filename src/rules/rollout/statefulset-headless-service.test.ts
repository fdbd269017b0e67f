import { ruleTester } from '../../testing/rule-tester.js';
import rule from './statefulset-headless-service.js';

const sts = (ns: string, serviceName: string) => `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: ${ns}}
spec:
  serviceName: ${serviceName}
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: x:1}]}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'a headless Service that selects the pods',
      doc: true,
      yaml: `${sts('data', 'db')}---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: data}
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{port: 5432}]
`,
    },
    {
      name: 'no Services of the namespace in the input: the Service may live elsewhere',
      yaml: `${sts('data', 'db')}---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: other}
spec: {clusterIP: None, selector: {app: db}}
`,
    },
    {
      name: 'no serviceName; a selector-less headless Service (manual endpoints)',
      yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: cache}
spec:
  selector: {matchLabels: {app: cache}}
  template:
    metadata: {labels: {app: cache}}
    spec: {containers: [{name: c, image: x:1}]}
---${sts('default', 'db-peers')}---
apiVersion: v1
kind: Service
metadata: {name: db-peers}
spec: {clusterIP: None}
`,
    },
  ],
  invalid: [
    {
      name: 'serviceName names a ClusterIP Service',
      doc: true,
      yaml: `${sts('data', 'db')}---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: data}
spec:
  selector: {app: db}
  ports: [{port: 5432}]
`,
      findings: [{ path: 'spec.serviceName', message: 'Service data/db is not headless (it needs clusterIP: None)' }],
    },
    {
      name: 'a missing Service while the namespace has others; a headless Service selecting other pods',
      yaml: `${sts('data', 'db-headless')}---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: data}
spec: {selector: {app: db}, ports: [{port: 5432}]}
---${sts('prod', 'db')}---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: prod}
spec: {clusterIP: None, selector: {app: database}}
`,
      findings: [
        {
          path: 'spec.serviceName',
          message: 'serviceName "db-headless" names no Service in namespace data among the scanned objects',
        },
        { path: 'spec.serviceName', message: "Service prod/db does not select the StatefulSet's pods" },
      ],
    },
  ],
});

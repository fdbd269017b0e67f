import { ruleTester } from '../../testing/rule-tester.js';
import rule from './service-selects-nothing.js';

const deployment = (ns: string, labels: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ${ns}}
spec:
  selector: {matchLabels: ${labels}}
  template:
    metadata: {labels: ${labels}}
    spec: {containers: [{name: web, image: x:1}]}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'the Service selects the Deployment',
      doc: true,
      yaml: `${deployment('shop', '{app: web, tier: front}')}---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
`,
    },
    {
      name: 'no pod-bearing objects in the namespace: the pods may be managed elsewhere',
      yaml: `${deployment('other', '{app: web}')}---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec: {selector: {app: api}, ports: [{port: 80}]}
`,
    },
    {
      name: 'no selector (manual endpoints), ExternalName, and an ignored label',
      options: { ignoredLabels: ['release'] },
      yaml: `${deployment('shop', '{app: web}')}---
apiVersion: v1
kind: Service
metadata: {name: external-db, namespace: shop}
spec: {ports: [{port: 5432}]}
---
apiVersion: v1
kind: Service
metadata: {name: alias, namespace: shop}
spec: {type: ExternalName, externalName: db.example.com, selector: {app: nothing}}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web, release: blue}, ports: [{port: 80}]}
`,
    },
  ],
  invalid: [
    {
      name: 'a selector with a typo',
      doc: true,
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx:1.27}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: wbe}
  ports: [{port: 80}]
`,
      findings: [
        {
          path: 'spec.selector',
          message:
            'selects no pods: nothing in namespace shop among the scanned objects runs pods labelled app=wbe, so the Service has no endpoints',
        },
      ],
    },
    {
      name: 'pods of another namespace do not count; a selector with more labels than the pods carry',
      yaml: `${deployment('shop', '{app: web}')}---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web, version: v2}, ports: [{port: 80}]}
---${deployment('staging', '{app: api}')}---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: staging}
spec: {selector: {app: web}, ports: [{port: 80}]}
`,
      findings: [
        { path: 'spec.selector', message: 'app=web, version=v2' },
        { path: 'spec.selector', message: 'nothing in namespace staging' },
      ],
    },
  ],
});

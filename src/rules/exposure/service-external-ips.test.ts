import { ruleTester } from '../../testing/rule-tester.js';
import rule from './service-external-ips.js';

ruleTester(rule, {
  valid: [
    {
      name: 'no externalIPs, or an empty list',
      doc: true,
      yaml: `
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec:
  selector: {app: api}
  ports: [{port: 80}]
  externalIPs: []
`,
    },
  ],
  invalid: [
    {
      name: 'a Service claiming an external address',
      doc: true,
      yaml: `
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 80}]
  externalIPs: [203.0.113.10]
`,
      findings: [
        {
          path: 'spec.externalIPs',
          message:
            'the Service claims externalIPs 203.0.113.10: kube-proxy on every node sends traffic for these addresses to it (CVE-2020-8554)',
        },
      ],
    },
  ],
});

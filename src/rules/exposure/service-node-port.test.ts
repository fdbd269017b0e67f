import { ruleTester } from '../../testing/rule-tester.js';
import rule from './service-node-port.js';

ruleTester(rule, {
  valid: [
    {
      name: 'ClusterIP (explicit or default) and LoadBalancer Services',
      doc: true,
      yaml: `
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: Service
metadata: {name: lb, namespace: shop}
spec:
  type: LoadBalancer
  selector: {app: web}
  ports: [{port: 443, nodePort: 30443}]
`,
    },
  ],
  invalid: [
    {
      name: 'NodePort Service',
      doc: true,
      yaml: `
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  type: NodePort
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080, nodePort: 30080}]
`,
      findings: [{ path: 'spec.type', message: 'type NodePort opens port 30080 on every node of the cluster' }],
    },
    {
      name: 'NodePort with allocated ports',
      yaml: `
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  type: NodePort
  ports: [{port: 80}]
`,
      findings: [{ path: 'spec.type', message: 'opens a port on every node' }],
    },
  ],
});

import { ruleTester } from '../../testing/rule-tester.js';
import rule from './ingress-backend-missing.js';

const service = `
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}]
`;

ruleTester(rule, {
  valid: [
    {
      name: 'backends by port number and by port name',
      doc: true,
      yaml: `${service}---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  defaultBackend:
    service: {name: web, port: {name: http}}
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service: {name: web, port: {number: 80}}
`,
    },
    {
      name: 'no Services of the namespace in the input; resource backends',
      yaml: `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  rules:
  - http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
      - {path: /static, pathType: Prefix, backend: {resource: {apiGroup: k8s.example.com, kind: StorageBucket, name: static}}}
`,
    },
  ],
  invalid: [
    {
      name: 'a backend port the Service does not define (targetPort is not a Service port)',
      doc: true,
      yaml: `${service}---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port: {number: 8080}
`,
      findings: [
        {
          path: 'spec.rules[0].http.paths[0].backend.service.port.number',
          message: 'Service shop/web has no port 8080 (its ports: 80 (http))',
        },
      ],
    },
    {
      name: 'a missing Service; a port name the Service lacks; the legacy backend fields',
      yaml: `${service}---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  defaultBackend:
    service: {name: web, port: {name: https}}
  rules:
  - http:
      paths:
      - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}
---
apiVersion: extensions/v1beta1
kind: Ingress
metadata: {name: legacy, namespace: shop}
spec:
  backend: {serviceName: web, servicePort: 443}
  rules:
  - http:
      paths:
      - {path: /, backend: {serviceName: old, servicePort: 80}}
`,
      findings: [
        { path: 'spec.defaultBackend.service.port.name', message: 'has no port named "https"' },
        {
          path: 'spec.rules[0].http.paths[0].backend.service.name',
          message: 'backend Service "api" does not exist in namespace shop among the scanned objects',
        },
        { path: 'spec.backend.servicePort', message: 'has no port 443' },
        { path: 'spec.rules[0].http.paths[0].backend.serviceName', message: 'backend Service "old"' },
      ],
    },
  ],
});

import { ruleTester } from '../../testing/rule-tester.js';
import rule from './ingress-tls.js';

const backend = '{service: {name: web, port: {number: 80}}}';

ruleTester(rule, {
  valid: [
    {
      name: 'every rule host covered by tls hosts (a wildcard covers one label)',
      doc: true,
      yaml: `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  ingressClassName: nginx
  tls:
  - hosts: [shop.example.com, "*.shop.example.com"]
    secretName: shop-tls
  rules:
  - host: shop.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: ${backend}}]}
  - host: API.shop.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: ${backend}}]}
  - host: "*.shop.example.com"
    http: {paths: [{path: /, pathType: Prefix, backend: ${backend}}]}
`,
    },
    {
      name: 'a tls entry without hosts (default certificate); rules without host',
      yaml: `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  tls: [{secretName: default-tls}]
  rules:
  - host: shop.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: ${backend}}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: catch-all}
spec:
  tls: [{hosts: [shop.example.com], secretName: shop-tls}]
  defaultBackend: ${backend}
  rules:
  - http: {paths: [{path: /, pathType: Prefix, backend: ${backend}}]}
`,
    },
    {
      name: 'controllers that take certificates from annotations (ALB, GKE, AGIC)',
      yaml: `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: alb
  annotations:
    alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:123456789012:certificate/abc
spec:
  rules: [{host: a.example.com, http: {paths: [{path: /, pathType: Prefix, backend: ${backend}}]}}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: alb-discovery
  annotations:
    alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS": 443}]'
spec:
  rules: [{host: b.example.com, http: {paths: [{path: /, pathType: Prefix, backend: ${backend}}]}}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: gke
  annotations: {networking.gke.io/managed-certificates: shop-cert}
spec:
  defaultBackend: ${backend}
`,
    },
  ],
  invalid: [
    {
      name: 'an Ingress without tls',
      doc: true,
      yaml: `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend: {service: {name: web, port: {number: 80}}}
`,
      findings: [{ path: 'spec', message: 'the Ingress has no spec.tls: its hosts are served over plain HTTP' }],
    },
    {
      name: 'hosts the tls hosts do not cover: the apex of a wildcard, two labels deep, another domain',
      yaml: `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  tls: [{hosts: ["*.example.com"], secretName: wildcard}, {hosts: [admin.example.org], secretName: admin}]
  rules:
  - host: example.com
    http: {paths: [{path: /, pathType: Prefix, backend: ${backend}}]}
  - host: a.b.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: ${backend}}]}
  - host: shop.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: ${backend}}]}
  - host: "*.example.org"
    http: {paths: [{path: /, pathType: Prefix, backend: ${backend}}]}
`,
      findings: [
        { path: 'spec.rules[0].host', message: 'host "example.com" is not in any spec.tls[].hosts' },
        { path: 'spec.rules[1].host', message: 'host "a.b.example.com"' },
        { path: 'spec.rules[3].host', message: 'host "*.example.org"' },
      ],
    },
  ],
});

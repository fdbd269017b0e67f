import { ruleTester } from '../../testing/rule-tester.js';
import rule from './ingress-ssl-redirect-disabled.js';

const TLS = '  tls: [{hosts: [shop.example.com], secretName: shop-tls}]';
const ingress = (annotations: string, tls = TLS, name = 'web') => `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
  namespace: shop
  annotations: ${annotations}
spec:
  ingressClassName: nginx
${tls}
  rules:
  - host: shop.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'TLS with the default redirect',
      doc: true,
      yaml: ingress('{}'),
    },
    {
      name: 'ssl-redirect off but force-ssl-redirect on; an unparsable value keeps the default',
      yaml: `
${ingress('{nginx.ingress.kubernetes.io/ssl-redirect: "false", nginx.ingress.kubernetes.io/force-ssl-redirect: "true"}')}
---
${ingress('{nginx.ingress.kubernetes.io/ssl-redirect: "no"}', TLS, 'web2')}
`,
    },
    {
      name: 'no TLS on the Ingress (left to ingress-tls), force-ssl-redirect explicitly false',
      yaml: ingress(
        '{nginx.ingress.kubernetes.io/ssl-redirect: "false", nginx.ingress.kubernetes.io/force-ssl-redirect: "false"}',
        '',
      ),
    },
  ],
  invalid: [
    {
      name: 'ssl-redirect "false" on an Ingress with TLS',
      doc: true,
      yaml: `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: shop
  annotations:
    nginx.ingress.kubernetes.io/ssl-redirect: "false"
spec:
  ingressClassName: nginx
  tls: [{hosts: [shop.example.com], secretName: shop-tls}]
  rules:
  - host: shop.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
`,
      findings: [
        {
          path: 'metadata.annotations["nginx.ingress.kubernetes.io/ssl-redirect"]',
          message: 'ssl-redirect is "false": the TLS hosts are also served over plain HTTP, without a redirect to HTTPS',
        },
      ],
    },
    {
      name: 'Go booleans: "0" and "False"; force-ssl-redirect "false" does not help',
      yaml: `
${ingress('{nginx.ingress.kubernetes.io/ssl-redirect: "0"}')}
---
${ingress('{nginx.ingress.kubernetes.io/ssl-redirect: "False", nginx.ingress.kubernetes.io/force-ssl-redirect: "false"}', TLS, 'web2')}
`,
      findings: [
        { path: 'metadata.annotations["nginx.ingress.kubernetes.io/ssl-redirect"]', message: 'ssl-redirect is "0"' },
        { path: 'metadata.annotations["nginx.ingress.kubernetes.io/ssl-redirect"]', message: 'ssl-redirect is "False"' },
      ],
    },
  ],
});

import { ruleTester } from '../../testing/rule-tester.js';
import rule from './gateway-listener-without-tls.js';

const gateway = `
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: infra}
spec:
  gatewayClassName: istio
  listeners:
  - name: http
    protocol: HTTP
    port: 80
  - name: https
    protocol: HTTPS
    port: 443
    hostname: "*.example.com"
    tls: {mode: Terminate, certificateRefs: [{name: wildcard-example-com}]}
    allowedRoutes: {namespaces: {from: All}}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'HTTPS listener for the apps; the HTTP listener only redirects to HTTPS',
      doc: true,
      yaml: `
${gateway}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: https-redirect, namespace: infra}
spec:
  parentRefs: [{name: public, sectionName: http}]
  rules:
  - filters:
    - type: RequestRedirect
      requestRedirect: {scheme: https, statusCode: 301}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop, namespace: shop}
spec:
  parentRefs: [{name: public, namespace: infra, sectionName: https}]
  hostnames: [shop.example.com]
  rules: [{backendRefs: [{name: web, port: 80}]}]
`,
    },
    {
      name: 'Istio Gateway: HTTPS server, and an HTTP server that only redirects',
      yaml: `
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: istio-ingress}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*.example.com"]
    tls: {httpsRedirect: true}
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["*.example.com"]
    tls: {mode: SIMPLE, credentialName: wildcard-example-com}
`,
    },
    {
      name: 'TLS passthrough and TCP listeners',
      yaml: `
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: db, namespace: infra}
spec:
  gatewayClassName: envoy
  listeners:
  - {name: tls, protocol: TLS, port: 443, tls: {mode: Passthrough}}
  - {name: pg, protocol: TCP, port: 5432}
`,
    },
  ],
  invalid: [
    {
      name: 'an HTTP listener whose routes are not in the input',
      doc: true,
      yaml: `
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: infra}
spec:
  gatewayClassName: istio
  listeners:
  - name: http
    protocol: HTTP
    port: 80
    allowedRoutes: {namespaces: {from: All}}
`,
      findings: [
        {
          path: 'spec.listeners[0].protocol',
          message:
            'listener "http" (port 80) accepts plain HTTP: if it only redirects to HTTPS, the HTTPRoute doing so is not in the input',
        },
      ],
    },
    {
      name: 'a route serving the application on the HTTP listener (no sectionName: every listener)',
      yaml: `
${gateway}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: https-redirect, namespace: infra}
spec:
  parentRefs: [{name: public, sectionName: http}]
  rules: [{filters: [{type: RequestRedirect, requestRedirect: {scheme: https}}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: admin, namespace: infra}
spec:
  parentRefs: [{name: public}]
  rules: [{backendRefs: [{name: admin, port: 8080}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: not-allowed, namespace: shop}
spec:
  parentRefs: [{name: public, namespace: infra, sectionName: http}]
  rules: [{filters: [{type: RequestRedirect, requestRedirect: {scheme: https}}]}]
`,
      findings: [
        { path: 'spec.listeners[0].protocol', message: 'HTTPRoute infra/admin serves on it without redirecting to HTTPS' },
      ],
    },
    {
      name: 'Istio Gateway servers on plain HTTP and gRPC',
      yaml: `
apiVersion: networking.istio.io/v1beta1
kind: Gateway
metadata: {name: public, namespace: istio-ingress}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: http}
    hosts: ["*"]
  - port: {number: 9000, name: grpc, protocol: GRPC}
    hosts: ["*"]
    tls: {httpsRedirect: false}
`,
      findings: [
        {
          path: 'spec.servers[0].port.protocol',
          message: 'server "http" (port 80) accepts plain HTTP and does not set tls.httpsRedirect',
        },
        { path: 'spec.servers[1].port.protocol', message: 'accepts plain GRPC' },
      ],
    },
  ],
});

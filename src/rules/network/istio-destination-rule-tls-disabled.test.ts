import { ruleTester } from '../../testing/rule-tester.js';
import rule from './istio-destination-rule-tls-disabled.js';

ruleTester(rule, {
  valid: [
    {
      name: 'ISTIO_MUTUAL, or no tls block (auto mTLS)',
      doc: true,
      yaml: `
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: shop}
spec:
  host: reviews.shop.svc.cluster.local
  trafficPolicy:
    tls: {mode: ISTIO_MUTUAL}
  subsets:
  - name: v1
    labels: {version: v1}
---
apiVersion: networking.istio.io/v1beta1
kind: DestinationRule
metadata: {name: ratings, namespace: shop}
spec:
  host: ratings
  trafficPolicy: {loadBalancer: {simple: LEAST_REQUEST}}
`,
    },
    {
      name: 'an external host where the application does TLS itself',
      yaml: `
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: payments-api, namespace: shop}
spec:
  host: api.payments.example.com
  trafficPolicy:
    tls: {mode: DISABLE}
`,
    },
  ],
  invalid: [
    {
      name: 'TLS disabled to an in-mesh service',
      doc: true,
      yaml: `
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: shop}
spec:
  host: reviews.shop.svc.cluster.local
  trafficPolicy:
    tls:
      mode: DISABLE
`,
      findings: [
        {
          path: 'spec.trafficPolicy.tls.mode',
          message: 'TLS to "reviews.shop.svc.cluster.local" is disabled: sidecars send plain text instead of mutual TLS',
        },
      ],
    },
    {
      name: 'per port and per subset; external hosts with the option on',
      options: { externalHosts: true },
      yaml: `
apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata: {name: db, namespace: shop}
spec:
  host: db.shop
  trafficPolicy:
    portLevelSettings:
    - port: {number: 5432}
      tls: {mode: DISABLE}
  subsets:
  - name: legacy
    labels: {version: v0}
    trafficPolicy:
      tls: {mode: DISABLE}
      portLevelSettings:
      - port: {number: 8080}
        tls: {mode: DISABLE}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: ext, namespace: shop}
spec:
  host: api.example.com
  trafficPolicy: {tls: {mode: DISABLE}}
`,
      findings: [
        { path: 'spec.trafficPolicy.portLevelSettings[0].tls.mode', message: 'disabled on port 5432' },
        { path: 'spec.subsets[0].trafficPolicy.tls.mode', message: 'disabled for subset "legacy"' },
        { path: 'spec.subsets[0].trafficPolicy.portLevelSettings[0].tls.mode', message: 'for subset "legacy" on port 8080' },
        { path: 'spec.trafficPolicy.tls.mode', message: '"api.example.com"' },
      ],
    },
  ],
});

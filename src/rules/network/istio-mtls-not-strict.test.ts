import { ruleTester } from '../../testing/rule-tester.js';
import rule from './istio-mtls-not-strict.js';

ruleTester(rule, {
  valid: [
    {
      name: 'mesh-wide STRICT',
      doc: true,
      yaml: `
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: istio-system}
spec:
  mtls: {mode: STRICT}
`,
    },
    {
      name: 'UNSET and no mode inherit; STRICT ports; other API groups',
      yaml: `
apiVersion: security.istio.io/v1beta1
kind: PeerAuthentication
metadata: {name: inherit, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  mtls: {mode: UNSET}
  portLevelMtls:
    8080: {mode: STRICT}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: empty, namespace: shop}
spec: {}
---
apiVersion: example.com/v1
kind: PeerAuthentication
metadata: {name: other, namespace: shop}
spec:
  mtls: {mode: DISABLE}
`,
    },
  ],
  invalid: [
    {
      name: 'mesh-wide PERMISSIVE in the root namespace',
      doc: true,
      yaml: `
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: istio-system}
spec:
  mtls:
    mode: PERMISSIVE
`,
      findings: [
        { path: 'spec.mtls.mode', message: 'mutual TLS is optional (PERMISSIVE: plain text is accepted too) mesh-wide' },
      ],
    },
    {
      name: 'namespace-wide DISABLE; workload PERMISSIVE port; a custom root namespace',
      options: { rootNamespace: 'mesh-root' },
      yaml: `
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: legacy}
spec:
  mtls: {mode: DISABLE}
---
apiVersion: security.istio.io/v1beta1
kind: PeerAuthentication
metadata: {name: metrics, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  mtls: {mode: STRICT}
  portLevelMtls:
    9090: {mode: PERMISSIVE}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: mesh-root}
spec:
  mtls: {mode: PERMISSIVE}
`,
      findings: [
        { path: 'spec.mtls.mode', message: 'mutual TLS is disabled (DISABLE) for namespace "legacy"' },
        {
          path: 'spec.portLevelMtls["9090"].mode',
          message: 'on port 9090 for the workloads labelled app=web in namespace "shop"',
        },
        { path: 'spec.mtls.mode', message: 'mesh-wide' },
      ],
    },
  ],
});

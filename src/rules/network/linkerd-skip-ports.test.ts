import { ruleTester } from '../../testing/rule-tester.js';
import rule from './linkerd-skip-ports.js';

ruleTester(rule, {
  valid: [
    {
      name: 'meshed pods with opaque ports instead of skipped ones',
      doc: true,
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  template:
    metadata:
      annotations:
        linkerd.io/inject: enabled
        config.linkerd.io/opaque-ports: "3306"
    spec:
      containers: [{name: api, image: api:1.4}]
`,
    },
    {
      name: 'only allowed ports skipped; annotations on the Deployment itself are not read by Linkerd',
      options: { allowedPorts: ['25', '4567-4568'] },
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: mailer
  annotations: {config.linkerd.io/skip-outbound-ports: "443"}
spec:
  template:
    metadata:
      annotations: {config.linkerd.io/skip-outbound-ports: "25, 4567-4568"}
    spec:
      containers: [{name: mailer, image: mailer:2}]
`,
    },
  ],
  invalid: [
    {
      name: 'outbound ports skipped in a pod template',
      doc: true,
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  template:
    metadata:
      annotations:
        linkerd.io/inject: enabled
        config.linkerd.io/skip-outbound-ports: "5432,6379"
    spec:
      containers: [{name: api, image: api:1.4}]
`,
      findings: [
        {
          path: 'spec.template.metadata.annotations["config.linkerd.io/skip-outbound-ports"]',
          message:
            'outbound traffic of the pods on ports 5432, 6379 bypasses the Linkerd proxy: no mutual TLS, no Linkerd policy',
        },
      ],
    },
    {
      name: 'a Namespace skipping inbound ports for all its pods; a bare Pod; allowed ports left out of the message',
      options: { allowedPorts: ['25'] },
      yaml: `
apiVersion: v1
kind: Namespace
metadata:
  name: legacy
  annotations: {linkerd.io/inject: enabled, config.linkerd.io/skip-inbound-ports: "8080"}
---
apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations: {config.linkerd.io/skip-outbound-ports: "25,1-65535"}
spec:
  containers: [{name: app, image: x:1}]
`,
      findings: [
        {
          path: 'metadata.annotations["config.linkerd.io/skip-inbound-ports"]',
          message: 'every pod of namespace "legacy" on port 8080',
        },
        { path: 'metadata.annotations["config.linkerd.io/skip-outbound-ports"]', message: 'on port 1-65535 bypasses' },
      ],
    },
  ],
});

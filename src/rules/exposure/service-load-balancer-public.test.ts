import { ruleTester } from '../../testing/rule-tester.js';
import rule from './service-load-balancer-public.js';

const svc = (annotations: string, spec = '', name = 'api') => `
apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: shop
  annotations: ${annotations}
spec:
  type: LoadBalancer
  selector: {app: api}
  ports: [{port: 443, targetPort: 8443}]
${spec}`;

ruleTester(rule, {
  valid: [
    {
      name: 'AKS internal load balancer',
      doc: true,
      yaml: `
apiVersion: v1
kind: Service
metadata:
  name: api
  namespace: shop
  annotations:
    service.beta.kubernetes.io/azure-load-balancer-internal: "true"
spec:
  type: LoadBalancer
  selector: {app: api}
  ports: [{port: 443, targetPort: 8443}]
`,
    },
    {
      name: 'EKS: legacy internal annotation, scheme internal, AWS Load Balancer Controller default',
      yaml: `
${svc('{service.beta.kubernetes.io/aws-load-balancer-internal: "true"}')}
---
${svc('{service.beta.kubernetes.io/aws-load-balancer-scheme: internal}', '', 'api2')}
---
${svc('{service.beta.kubernetes.io/aws-load-balancer-type: external}', '', 'api3')}
---
${svc('{}', '  loadBalancerClass: service.k8s.aws/nlb', 'api4')}
`,
    },
    {
      name: 'GKE: current and legacy annotations (any case), internal loadBalancerClass',
      yaml: `
${svc('{networking.gke.io/load-balancer-type: Internal}')}
---
${svc('{cloud.google.com/load-balancer-type: internal}', '', 'api2')}
---
${svc('{}', '  loadBalancerClass: networking.gke.io/l4-regional-internal', 'api3')}
`,
    },
    {
      name: 'public, but restricted to known source ranges (spec field or annotation)',
      yaml: `
${svc('{}', '  loadBalancerSourceRanges: [203.0.113.0/24, 198.51.100.7/32]')}
---
${svc('{service.beta.kubernetes.io/load-balancer-source-ranges: "203.0.113.0/24, 2001:db8::/32"}', '', 'api2')}
`,
    },
    {
      name: 'other Service types; a platform annotation from the options',
      options: { internalAnnotations: ['service.beta.kubernetes.io/oci-load-balancer-internal=true'] },
      yaml: `
apiVersion: v1
kind: Service
metadata: {name: internal}
spec:
  type: ClusterIP
  selector: {app: api}
  ports: [{port: 80}]
---
${svc('{service.beta.kubernetes.io/oci-load-balancer-internal: "TRUE"}')}
`,
    },
  ],
  invalid: [
    {
      name: 'LoadBalancer without an internal annotation or source ranges',
      doc: true,
      yaml: `
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec:
  type: LoadBalancer
  selector: {app: api}
  ports: [{port: 443, targetPort: 8443}]
`,
      findings: [
        {
          path: 'spec.type',
          message:
            'type LoadBalancer gets a public load balancer: no internal load-balancer annotation (AKS, EKS, GKE) and no loadBalancerSourceRanges',
        },
      ],
    },
    {
      name: 'annotations that say "not internal", an explicit internet-facing scheme, the in-tree NLB',
      yaml: `
${svc('{service.beta.kubernetes.io/azure-load-balancer-internal: "false", service.beta.kubernetes.io/aws-load-balancer-internal: "false"}')}
---
${svc('{service.beta.kubernetes.io/aws-load-balancer-type: external, service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing}', '', 'api2')}
---
${svc('{service.beta.kubernetes.io/aws-load-balancer-type: nlb}', '', 'api3')}
`,
      findings: [
        { path: 'spec.type' },
        {
          path: 'metadata.annotations["service.beta.kubernetes.io/aws-load-balancer-scheme"]',
          message: 'aws-load-balancer-scheme: "internet-facing"',
        },
        { path: 'spec.type' },
      ],
    },
    {
      name: 'source ranges that include the whole address space (the spec field wins over the annotation)',
      yaml: `
${svc('{service.beta.kubernetes.io/load-balancer-source-ranges: "10.0.0.0/8"}', '  loadBalancerSourceRanges: [10.0.0.0/8, "::/0"]')}
---
${svc('{service.beta.kubernetes.io/load-balancer-source-ranges: "10.0.0.0/8,0.0.0.0/0"}', '', 'api2')}
`,
      findings: [
        { path: 'spec.loadBalancerSourceRanges[1]', message: 'its source ranges include ::/0' },
        {
          path: 'metadata.annotations["service.beta.kubernetes.io/load-balancer-source-ranges"]',
          message: 'include 0.0.0.0/0',
        },
      ],
    },
  ],
});

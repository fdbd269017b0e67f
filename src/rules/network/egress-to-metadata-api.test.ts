import { ruleTester } from '../../testing/rule-tester.js';
import rule from './egress-to-metadata-api.js';

ruleTester(rule, {
  valid: [
    {
      name: 'internet egress with the metadata API excepted',
      doc: true,
      yaml: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: internet, namespace: shop}
spec:
  podSelector: {matchLabels: {app: crawler}}
  policyTypes: [Egress]
  egress:
  - to:
    - ipBlock:
        cidr: 0.0.0.0/0
        except: [10.0.0.0/8, 169.254.0.0/16]
`,
    },
    {
      name: 'broad ipBlocks restricted to ports other than TCP 80; named ports; peers without ipBlock',
      yaml: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: https-only, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to: [{ipBlock: {cidr: 0.0.0.0/0}}]
    ports: [{port: 443}, {port: 80, protocol: UDP}, {port: 8000, endPort: 9000}, {port: http}]
  - to: [{namespaceSelector: {}}]
  - to: [{ipBlock: {cidr: 10.0.0.0/8}}]
`,
    },
    {
      name: 'an ingress-only policy; an IPv6 block that excepts the AWS IMDS address',
      yaml: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ingress, namespace: shop}
spec:
  podSelector: {}
  ingress: [{}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: v6, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to: [{ipBlock: {cidr: "::/0", except: ["fd00:ec2::/64"]}}]
`,
    },
  ],
  invalid: [
    {
      name: '0.0.0.0/0 without an except covering 169.254.169.254',
      doc: true,
      yaml: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: internet, namespace: shop}
spec:
  podSelector: {matchLabels: {app: crawler}}
  policyTypes: [Egress]
  egress:
  - to:
    - ipBlock:
        cidr: 0.0.0.0/0
        except: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16]
`,
      findings: [
        {
          path: 'spec.egress[0].to[0].ipBlock.cidr',
          message:
            'egress rule 0 allows 0.0.0.0/0, which includes the cloud metadata API 169.254.169.254 (no `except` covers it)',
        },
      ],
    },
    {
      name: 'explicit /32, a port range over 80, a rule without `to`, IPv6 IMDS',
      yaml: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: metadata, namespace: shop}
spec:
  podSelector: {}
  egress:
  - to: [{ipBlock: {cidr: 169.254.169.254/32}}]
    ports: [{port: 1, endPort: 1024, protocol: TCP}]
  - ports: [{protocol: TCP}]
  - to: [{ipBlock: {cidr: "fd00::/8"}}]
`,
      findings: [
        { path: 'spec.egress[0].to[0].ipBlock.cidr', message: '169.254.169.254/32' },
        { path: 'spec.egress[1]', message: 'egress rule 1 allows every destination' },
        { path: 'spec.egress[2].to[0].ipBlock.cidr', message: 'fd00:ec2::254' },
      ],
    },
    {
      name: 'an extra address from the options (Alibaba Cloud)',
      options: { addresses: ['100.100.100.200'] },
      yaml: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: cgnat, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to: [{ipBlock: {cidr: 100.64.0.0/10}}]
`,
      findings: [{ path: 'spec.egress[0].to[0].ipBlock.cidr', message: '100.100.100.200' }],
    },
  ],
});

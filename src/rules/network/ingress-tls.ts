import { annotationsOf, apiGroup, isRecord, str } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import { listOf } from './policies.js';
import { tlsHostCovers } from './tls.js';

/** Controllers that terminate TLS with certificates named in annotations instead of spec.tls. */
const CERT_ANNOTATIONS: readonly string[] = [
  'alb.ingress.kubernetes.io/certificate-arn', // AWS Load Balancer Controller (ACM)
  'ingress.gcp.kubernetes.io/pre-shared-cert', // GKE Ingress
  'networking.gke.io/managed-certificates', // GKE Ingress, Google-managed certificates
  'appgw.ingress.kubernetes.io/appgw-ssl-certificate', // Azure Application Gateway Ingress Controller
];
const ALB_LISTEN_PORTS = 'alb.ingress.kubernetes.io/listen-ports';

export default defineRule({
  meta: {
    id: 'ingress-tls',
    title: 'Ingresses must serve their hosts over TLS',
    severity: 'medium',
    category: 'network',
    targets: ['Ingress'],
    needs: 'object',
    controls: [
      { framework: 'nsa', id: 'nsa-network-encryption' },
      { framework: 'soc2', id: 'CC6.7' },
      { framework: 'pci-dss', id: '4.2.1' },
      { framework: 'mitre', id: 'T1040' },
    ],
    description:
      'An Ingress without spec.tls serves its hosts over plain HTTP: credentials, session cookies and data cross the ' +
      'network readable and modifiable by anyone on the path. An Ingress with spec.tls only encrypts the hosts its TLS ' +
      'entries name; a rule host that no tls.hosts entry covers is served with the default certificate or without TLS. ' +
      'Wildcards cover exactly one label (*.example.com covers shop.example.com, not example.com or a.b.example.com); ' +
      "a tls entry without hosts uses the controller's default certificate for any host. Ingresses whose controller " +
      'takes certificates from annotations (AWS Load Balancer Controller certificate-arn or an HTTPS listen-port, GKE ' +
      'pre-shared or managed certificates, Azure Application Gateway ssl-certificate) pass.',
    remediation:
      'Add spec.tls with a Secret holding the certificate (cert-manager can issue and renew it) and list every rule host ' +
      'in tls[].hosts; redirect HTTP to HTTPS.',
    references: ['https://kubernetes.io/docs/concepts/services-networking/ingress/#tls'],
  },
  check(obj, ctx) {
    const group = apiGroup(obj.id.apiVersion);
    if (group !== 'networking.k8s.io' && group !== 'extensions') return;
    const spec = isRecord(obj.value.spec) ? obj.value.spec : undefined;
    if (!spec) return;
    const annotations = annotationsOf(obj.value.metadata);
    if (CERT_ANNOTATIONS.some((k) => annotations[k]?.trim())) return;
    if (annotations[ALB_LISTEN_PORTS]?.includes('HTTPS')) return;

    const tls = listOf(spec.tls).filter(isRecord);
    if (tls.length === 0) {
      ctx.report({ path: ['spec'], message: 'the Ingress has no spec.tls: its hosts are served over plain HTTP' });
      return;
    }
    if (tls.some((t) => listOf(t.hosts).length === 0)) return; // the default certificate, for any host
    const tlsHosts = tls.flatMap((t) => listOf(t.hosts).filter((h): h is string => typeof h === 'string'));
    listOf(spec.rules).forEach((rule, i) => {
      const host = isRecord(rule) ? str(rule.host) : undefined;
      if (!host || tlsHosts.some((t) => tlsHostCovers(t, host))) return;
      ctx.report({
        path: ['spec', 'rules', i, 'host'],
        message: `host "${host}" is not in any spec.tls[].hosts: it is served without a matching certificate (plain HTTP or the default certificate)`,
      });
    });
  },
});

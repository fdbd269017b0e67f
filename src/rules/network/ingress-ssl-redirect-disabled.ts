import { annotationsOf, apiGroup, isRecord } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import { listOf } from './policies.js';
import { parseGoBool } from './tls.js';

const SSL_REDIRECT = 'nginx.ingress.kubernetes.io/ssl-redirect';
const FORCE_SSL_REDIRECT = 'nginx.ingress.kubernetes.io/force-ssl-redirect';

export default defineRule({
  meta: {
    id: 'ingress-ssl-redirect-disabled',
    title: 'Ingresses with TLS must not also serve plain HTTP',
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
      'ingress-nginx redirects HTTP to HTTPS for every Ingress that has spec.tls, unless ' +
      'nginx.ingress.kubernetes.io/ssl-redirect is "false". With the redirect off, the same hosts answer on plain HTTP ' +
      'too: a mistyped link, an old bookmark or a downgrade attack sends credentials and cookies in clear text. ' +
      'force-ssl-redirect: "true" redirects even then and so passes. Values are read as ingress-nginx reads them (Go ' +
      'booleans: "false", "0", "f", "False"...). Ingresses without spec.tls are left to ingress-tls; an explicit ' +
      'force-ssl-redirect: "false" is the default and is not reported on its own.',
    remediation:
      'Remove the ssl-redirect annotation (or set it to "true"); where TLS ends at a load balancer in front of the ' +
      'controller, set force-ssl-redirect: "true". Serve HSTS so browsers stop trying HTTP.',
    references: [
      'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#server-side-https-enforcement-through-redirect',
    ],
  },
  check(obj, ctx) {
    const group = apiGroup(obj.id.apiVersion);
    if (group !== 'networking.k8s.io' && group !== 'extensions') return;
    const spec = isRecord(obj.value.spec) ? obj.value.spec : undefined;
    if (!spec || listOf(spec.tls).length === 0) return;
    const annotations = annotationsOf(obj.value.metadata);
    if (parseGoBool(annotations[FORCE_SSL_REDIRECT]) === true) return;
    if (parseGoBool(annotations[SSL_REDIRECT]) !== false) return;
    ctx.report({
      path: ['metadata', 'annotations', SSL_REDIRECT],
      message: `ssl-redirect is "${annotations[SSL_REDIRECT]}": the TLS hosts are also served over plain HTTP, without a redirect to HTTPS`,
    });
  },
});

import { defineRule } from '../../core/rule.js';
import { reportPluginRequired } from './checks.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

export default defineRule({
  meta: {
    id: 'apiserver-admission-deny-service-external-ips',
    title: 'The API server should reject Service externalIPs (DenyServiceExternalIPs)',
    severity: 'low',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    optIn: true,
    controls: [{ framework: 'cis-k8s', id: '1.2.3' }],
    description:
      'A Service with spec.externalIPs makes every node route traffic for those IPs to its endpoints, so a user who can create Services can capture traffic meant for other addresses (CVE-2020-8554). DenyServiceExternalIPs rejects new externalIPs. Opt-in: some clusters use externalIPs on purpose (CIS marks it manual).',
    remediation: 'Add DenyServiceExternalIPs to --enable-admission-plugins (or restrict externalIPs with a policy).',
    references: ['https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#denyserviceexternalips'],
  },
  check(obj, ctx) {
    for (const c of componentFlags(obj, 'kube-apiserver'))
      reportPluginRequired(
        ctx.report,
        c,
        'DenyServiceExternalIPs',
        'anyone who can create a Service can set externalIPs and intercept traffic to those addresses (CVE-2020-8554)',
      );
  },
});

import { defineRule } from '../../core/rule.js';
import { admissionPlugins } from './checks.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

export default defineRule({
  meta: {
    id: 'apiserver-admission-always-admit',
    title: 'The API server must not enable the AlwaysAdmit admission plugin',
    severity: 'high',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    controls: [{ framework: 'cis-k8s', id: '1.2.10' }],
    description:
      'AlwaysAdmit (deprecated) admits every request whatever the other plugins would decide, switching off the ' +
      'admission chain that enforces Pod Security, quotas, NodeRestriction and webhooks.',
    remediation: 'Remove AlwaysAdmit from --enable-admission-plugins.',
    references: ['https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#alwaysadmit'],
  },
  check(obj, ctx) {
    for (const c of componentFlags(obj, 'kube-apiserver'))
      for (const p of admissionPlugins(c).enabled)
        if (p.item === 'AlwaysAdmit')
          ctx.report({ path: p.path, message: `${c.label}: the AlwaysAdmit admission plugin admits every request` });
  },
});

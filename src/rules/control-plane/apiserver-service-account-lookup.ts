import { defineRule } from '../../core/rule.js';
import { reportBool } from './checks.js';
import { componentFlags, componentsAt, FLAG_TARGETS, setFlagPatch } from './flags.js';

export default defineRule({
  meta: {
    id: 'apiserver-service-account-lookup',
    title: 'The API server must check that ServiceAccount tokens still belong to an existing account',
    severity: 'medium',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '1.2.21' },
      { framework: 'soc2', id: 'CC6.1' },
    ],
    description:
      'With --service-account-lookup (the default) the API server checks, for every ServiceAccount token, that the ServiceAccount (and, for legacy tokens, the Secret) still exists. Turning it off means a token stays valid after its ServiceAccount or Secret is deleted, so revoking access by deleting them does not work.',
    remediation: 'Remove --service-account-lookup=false (or set it to true).',
    references: ['https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/'],
  },
  check(obj, ctx) {
    for (const c of componentFlags(obj, 'kube-apiserver'))
      reportBool(
        ctx.report,
        c,
        'service-account-lookup',
        true,
        true,
        "deleted ServiceAccounts' tokens keep working until they expire",
      );
  },
  fix(obj, finding) {
    const [c] = componentsAt(obj, finding.path, ['kube-apiserver']);
    return c ? setFlagPatch(c, 'service-account-lookup', 'true') : undefined;
  },
});

import { formatPath, type Path } from '../../core/path.js';
import { defineRule } from '../../core/rule.js';
import { describeClass, matchingRules, parseRequestClass, type RequestClass } from './audit.js';
import { isAuditPolicy } from './component.js';

/** Verbs whose request body carries the object (what level Request records). */
const BODY_VERBS = ['create', 'update', 'patch'];

export default defineRule({
  meta: {
    id: 'audit-policy-request-bodies',
    title: 'The audit policy must not log the bodies of Secrets, ConfigMaps and TokenReviews',
    severity: 'high',
    category: 'control-plane',
    targets: ['Policy'],
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '3.2.2' },
      { framework: 'nsa', id: 'nsa-logging-audit' },
      { framework: 'soc2', id: 'CC6.1' },
    ],
    description:
      'Level Request records request bodies and RequestResponse also response bodies: for Secrets that is every ' +
      'credential written or read, for TokenReviews the bearer tokens being reviewed, copied into log files and log ' +
      'pipelines with far weaker protection than etcd. CIS 3.2.2 asks for Metadata only on Secrets, ConfigMaps and ' +
      'TokenReviews. The policy is evaluated as the API server does (first matching rule wins): a Request or ' +
      'RequestResponse rule that matches some of these requests before a rule decides them all is reported. Level ' +
      'Request limited to verbs without a body (get, list, delete...) records no object and passes.',
    remediation:
      'Put a level: Metadata rule for secrets, configmaps and tokenreviews before any Request or RequestResponse rule ' +
      'that would match them.',
    options: {
      resources: {
        type: 'string[]',
        default: ['secrets', 'configmaps', 'tokenreviews.authentication.k8s.io'],
        description: 'Resources whose bodies must not be logged, as resource[/subresource][.group].',
      },
    },
    references: ['https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#audit-policy'],
  },
  check(obj, ctx) {
    if (!isAuditPolicy(obj)) return;
    const byPath = new Map<string, { path: Path; level: string; items: string[] }>();
    for (const spec of ctx.options.resources) {
      const c: RequestClass | undefined = parseRequestClass(spec);
      if (!c) continue;
      for (const m of matchingRules(obj.value, c).matches) {
        if (m.level !== 'Request' && m.level !== 'RequestResponse') continue;
        if (m.level === 'Request' && m.verbs.length > 0 && !m.verbs.some((v) => BODY_VERBS.includes(v))) continue;
        const key = formatPath(m.path);
        let f = byPath.get(key);
        if (!f) byPath.set(key, (f = { path: m.path, level: m.level, items: [] }));
        f.items.push(`${describeClass(c)}${m.full ? '' : ` (for ${m.limits})`}`);
      }
    }
    for (const f of byPath.values()) {
      const index = f.path[1];
      ctx.report({
        path: f.path,
        message: `rules[${String(index)}] logs ${f.items.join(', ')} at level ${f.level}: ${f.level === 'Request' ? 'request bodies' : 'request and response bodies'} (credentials) end up in the audit log`,
      });
    }
  },
});

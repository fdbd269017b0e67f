import { isRecord } from '../../core/objects.js';
import type { Path } from '../../core/path.js';
import { defineRule } from '../../core/rule.js';
import { ALL, isBootstrapDefault, ROLE_KINDS } from './rbac-model.js';

// Why each kind of wildcard is broad; undefined for entries that are not wildcards. "*/*" and
// "pods/*" are not wildcards in RBAC (they match only the literal strings) and grant nothing.
function wildcard(field: string, value: string): string | undefined {
  switch (field) {
    case 'verbs':
      return value === ALL ? 'every verb, including delete, escalate, bind and impersonate where they apply' : undefined;
    case 'apiGroups':
      return value === ALL ? 'every API group, including those of custom resources installed later' : undefined;
    case 'resources':
      if (value === ALL) return 'every resource and subresource (secrets, pods/exec, nodes/proxy...), including future ones';
      if (value.startsWith('*/') && value.length > 2 && value !== '*/*')
        return `the "${value.slice(2)}" subresource of every resource that has one, including future ones`;
      return undefined;
    case 'nonResourceURLs':
      return value === ALL || value === '/*' ? 'every non-resource URL (/metrics, /debug/pprof, /logs...)' : undefined;
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'rbac-wildcard',
    title: 'Roles should not use wildcards',
    severity: 'high',
    category: 'rbac',
    targets: ROLE_KINDS,
    needs: 'object',
    scope:
      'Reads the rules written in each Role and ClusterRole; wildcards a ClusterRole gains through aggregation are reported ' +
      'on the aggregated role itself. nonResourceURLs count only in ClusterRoles (a Role cannot grant them). The roles the ' +
      'API server maintains (label kubernetes.io/bootstrapping=rbac-defaults on cluster-admin, admin, edit, view, system:*) ' +
      'are skipped.',
    controls: [{ framework: 'cis-k8s', id: '5.1.3' }],
    description:
      '`*` in verbs, apiGroups or resources grants everything that exists now and everything added later: new verbs, ' +
      'the resources of every CRD installed after the role was reviewed, and subresources such as pods/exec and ' +
      'nodes/proxy. `*/<subresource>` (for example `*/scale`) grants that subresource of every resource. `*/*` is not a ' +
      'wildcard in RBAC and matches nothing real, so it is not reported.',
    remediation: 'List the verbs, API groups and resources the subject needs instead of `*`.',
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege',
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources',
    ],
  },
  check(obj, ctx) {
    if (isBootstrapDefault(obj)) return;
    const rules = Array.isArray(obj.value.rules) ? obj.value.rules : [];
    const fields =
      obj.id.kind === 'ClusterRole'
        ? ['verbs', 'apiGroups', 'resources', 'nonResourceURLs']
        : ['verbs', 'apiGroups', 'resources'];
    rules.forEach((rule: unknown, i) => {
      if (!isRecord(rule)) return;
      for (const field of fields) {
        const list = rule[field];
        if (!Array.isArray(list)) continue;
        list.forEach((value: unknown, j) => {
          if (typeof value !== 'string') return;
          const why = wildcard(field, value);
          if (!why) return;
          const path: Path = ['rules', i, field, j];
          ctx.report({ path, message: `${field} "${value}" grants ${why}` });
        });
      }
    });
  },
});

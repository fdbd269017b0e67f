import { defineRule } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'namespace-resource-governance',
    title: 'Namespaces should have a LimitRange and a ResourceQuota',
    severity: 'low',
    category: 'resources',
    targets: ['Namespace'],
    needs: 'index',
    optIn: true,
    controls: [{ framework: 'soc2', id: 'A1.1' }],
    scope:
      'Judges Namespace objects in the input only (a folder of workloads says nothing about the namespaces they land in), ' +
      'and looks for LimitRange and ResourceQuota objects of that namespace among the scanned objects.',
    description:
      'Without a ResourceQuota one team can take the whole cluster; without a LimitRange, containers that set no requests ' +
      'or limits get none, so the scheduler cannot place them well and nothing bounds their memory. Opt-in: many platforms ' +
      'manage quotas outside the application repositories.',
    remediation:
      'Add a LimitRange (default requests and limits) and a ResourceQuota (total requests, limits and object counts) to the namespace.',
  },
  check(obj, ctx) {
    const ns = obj.id.name;
    const missing = ['LimitRange', 'ResourceQuota'].filter((k) => ctx.index.ofKindIn(k, ns).length === 0);
    if (missing.length > 0)
      ctx.report({
        path: ['metadata', 'name'],
        message: `namespace "${ns}" has no ${missing.join(' and no ')} among the scanned objects`,
      });
  },
});

import { defineRule } from '../../core/rule.js';
import { parseRequestClass, reportUnlogged, type RequestClass } from './audit.js';
import { isAuditPolicy } from './component.js';

export default defineRule({
  meta: {
    id: 'audit-policy-sensitive-resources',
    title: 'The audit policy must log access to Secrets, ConfigMaps and TokenReviews',
    severity: 'medium',
    category: 'control-plane',
    targets: ['Policy'],
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '3.2.2' },
      { framework: 'nsa', id: 'nsa-logging-audit' },
      { framework: 'soc2', id: 'CC7.2' },
      { framework: 'pci-dss', id: '10.2.1' },
      { framework: 'hipaa', id: '164.312(b)' },
    ],
    description:
      'Reading a Secret is how credentials are stolen from a cluster; CIS 3.2.2 asks that access to Secrets, ConfigMaps ' +
      'and TokenReviews be logged at least at the Metadata level (who, what, when; without the bodies). The audit ' +
      'policy is evaluated as the API server does: the first rule that matches a request decides its level, and a ' +
      'request no rule matches is not logged. Reported: a rule giving level None to some of these requests before a ' +
      'rule covers them all, and resources no rule covers completely. Rules that exclude specific users or groups ' +
      '(e.g. a system component polling a ConfigMap) are allowed unless the option reportUserScopedNone is set.',
    remediation:
      'Add, before any broader rule, a rule with level: Metadata for secrets, configmaps (group "") and tokenreviews ' +
      '(group authentication.k8s.io), and end the policy with a catch-all level: Metadata rule.',
    options: {
      resources: {
        type: 'string[]',
        default: ['secrets', 'configmaps', 'tokenreviews.authentication.k8s.io'],
        description: 'Resources that must be logged, as resource[/subresource][.group] ("" group when omitted).',
      },
      reportUserScopedNone: {
        type: 'boolean',
        default: false,
        description: 'Also report level None rules limited to some users or userGroups.',
      },
    },
    references: [
      'https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#audit-policy',
      'https://github.com/kubernetes/kubernetes/blob/master/cluster/gce/gci/configure-helper.sh',
    ],
  },
  check(obj, ctx) {
    if (!isAuditPolicy(obj)) return;
    const classes = ctx.options.resources.map((r) => parseRequestClass(r)).filter((c): c is RequestClass => !!c);
    reportUnlogged(ctx.report, obj.value, classes, 'access to sensitive resources leaves no audit trail', {
      reportUserScopedNone: ctx.options.reportUserScopedNone,
    });
  },
});

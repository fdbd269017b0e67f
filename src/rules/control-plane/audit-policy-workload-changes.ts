import { defineRule } from '../../core/rule.js';
import { parseRequestClass, reportUnlogged, type RequestClass } from './audit.js';
import { isAuditPolicy } from './component.js';

const WRITE_VERBS = ['create', 'update', 'patch', 'delete'];

export default defineRule({
  meta: {
    id: 'audit-policy-workload-changes',
    title: 'The audit policy must log changes to pods and deployments',
    severity: 'low',
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
      'Creating or changing a pod or deployment is how code gets run in a cluster (and how privileged pods are ' +
      'started to escape to nodes); CIS 3.2.2 asks that these changes be logged. The policy is evaluated as the API ' +
      'server does (first matching rule wins; unmatched requests are not logged) for the verbs create, update, patch ' +
      'and delete.',
    remediation: 'Log writes to pods and deployments at Metadata or above (a catch-all level: Metadata rule at the end does it).',
    options: {
      resources: {
        type: 'string[]',
        default: ['pods', 'deployments.apps'],
        description: 'Resources whose changes must be logged, as resource[.group].',
      },
      reportUserScopedNone: {
        type: 'boolean',
        default: false,
        description: 'Also report level None rules limited to some users or userGroups.',
      },
    },
    references: ['https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#audit-policy'],
  },
  check(obj, ctx) {
    if (!isAuditPolicy(obj)) return;
    const classes = ctx.options.resources.map((r) => parseRequestClass(r, WRITE_VERBS)).filter((c): c is RequestClass => !!c);
    reportUnlogged(ctx.report, obj.value, classes, 'changes to workloads leave no audit trail', {
      reportUserScopedNone: ctx.options.reportUserScopedNone,
    });
  },
});

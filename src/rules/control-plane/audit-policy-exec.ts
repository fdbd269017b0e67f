import { defineRule } from '../../core/rule.js';
import { parseRequestClass, reportUnlogged, type RequestClass } from './audit.js';
import { isAuditPolicy } from './component.js';

/** exec, attach and port-forward are `create` (and `get` over WebSocket before Kubernetes 1.35). */
const STREAM_VERBS = ['create', 'get'];

export default defineRule({
  meta: {
    id: 'audit-policy-exec',
    title: 'The audit policy must log exec, attach, port-forward and proxy requests',
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
      { framework: 'mitre', id: 'T1609' },
    ],
    description:
      'pods/exec, pods/attach, pods/portforward, pods/proxy and services/proxy run commands in containers or reach them ' +
      'past Services and NetworkPolicies: the audit log is the only record of who did it. CIS 3.2.2 asks that they be ' +
      'logged. The policy is evaluated as the API server does (first matching rule wins; unmatched requests are not ' +
      'logged); exec, attach and port-forward are checked for the verbs create and get (WebSocket clients used get ' +
      'before Kubernetes 1.35), the proxies for every verb.',
    remediation: 'Add a level: Metadata (or higher) rule for these subresources before any rule that drops them.',
    options: {
      resources: {
        type: 'string[]',
        default: ['pods/exec', 'pods/attach', 'pods/portforward', 'pods/proxy', 'services/proxy'],
        description: 'Subresources that must be logged, as resource/subresource[.group].',
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
    const classes = ctx.options.resources
      .map((r) => {
        const c = parseRequestClass(r);
        return c && c.subresource !== 'proxy' ? { ...c, verbs: STREAM_VERBS } : c;
      })
      .filter((c): c is RequestClass => !!c);
    reportUnlogged(ctx.report, obj.value, classes, 'commands run in containers leave no audit trail', {
      reportUserScopedNone: ctx.options.reportUserScopedNone,
    });
  },
});

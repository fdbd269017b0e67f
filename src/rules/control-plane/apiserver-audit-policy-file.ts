import { defineRule } from '../../core/rule.js';
import { reportRequired } from './checks.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

export default defineRule({
  meta: {
    id: 'apiserver-audit-policy-file',
    title: 'The API server must have an audit policy',
    severity: 'medium',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '3.2.1' },
      { framework: 'nsa', id: 'nsa-logging-audit' },
      { framework: 'soc2', id: 'CC7.2' },
      { framework: 'pci-dss', id: '10.2.1' },
      { framework: 'hipaa', id: '164.312(b)' },
    ],
    description:
      'The audit policy (--audit-policy-file) decides which requests are recorded and at which level. An API server without one records nothing, even with --audit-log-path set. The policy itself is checked by the audit-policy-* rules.',
    remediation:
      'Write an audit Policy (at least Metadata for everything, never request bodies of Secrets), mount it into the API server pod and set --audit-policy-file.',
    references: ['https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#audit-policy'],
  },
  check(obj, ctx) {
    for (const c of componentFlags(obj, 'kube-apiserver'))
      reportRequired(
        ctx.report,
        c,
        ['audit-policy-file'],
        'without an audit policy the API server records no audit events, whatever audit backend is configured',
      );
  },
});

import { defineRule } from '../../core/rule.js';
import { isSet } from './checks.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

export default defineRule({
  meta: {
    id: 'apiserver-audit-log-path',
    title: 'The API server must write an audit log',
    severity: 'medium',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '1.2.16' },
      { framework: 'nsa', id: 'nsa-logging-audit' },
      { framework: 'soc2', id: 'CC7.2' },
      { framework: 'pci-dss', id: '10.2.1' },
      { framework: 'hipaa', id: '164.312(b)' },
    ],
    description:
      'Without an audit backend the API server keeps no record of who did what: incidents cannot be investigated and ' +
      'misuse goes unnoticed. The log backend is --audit-log-path (a file, or "-" for standard output); sending events ' +
      'to a webhook (--audit-webhook-config-file) also counts here, although CIS 1.2.16 asks for the file. Either ' +
      'needs --audit-policy-file to record anything (see apiserver-audit-policy-file).',
    remediation: 'Set --audit-log-path (e.g. /var/log/kubernetes/audit/audit.log, mounted from the host) and an audit policy.',
    references: ['https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#log-backend'],
  },
  check(obj, ctx) {
    for (const c of componentFlags(obj, 'kube-apiserver')) {
      const path = c.flags.get('audit-log-path');
      if (isSet(path) || isSet(c.flags.get('audit-webhook-config-file'))) continue;
      ctx.report({
        path: path?.valuePath ?? c.anchor,
        message: `${c.label}: ${path ? '--audit-log-path is empty' : '--audit-log-path is not set'} and no audit webhook is configured: API requests are not audited`,
      });
    }
  },
});

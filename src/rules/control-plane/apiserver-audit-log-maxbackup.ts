import { defineRule } from '../../core/rule.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

export default defineRule({
  meta: {
    id: 'apiserver-audit-log-maxbackup',
    title: 'The API server must keep enough rotated audit log files (--audit-log-maxbackup)',
    severity: 'low',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '1.2.18' },
      { framework: 'soc2', id: 'CC7.2' },
      { framework: 'pci-dss', id: '10.2.1' },
      { framework: 'hipaa', id: '164.312(b)' },
    ],
    description:
      'When the API server writes its audit log to a file (--audit-log-path), --audit-log-maxbackup (files) decides how many rotated audit files are kept. CIS asks for at ' +
      'least 10; set the option minBackups to your retention policy. Not checked when the log goes to standard output ' +
      '(--audit-log-path=-) or is not written at all (apiserver-audit-log-path reports that).',
    remediation: 'Set --audit-log-maxbackup to at least 10 (or to what your retention policy requires).',
    options: {
      minBackups: {
        type: 'number',
        default: 10,
        min: 0,
        integer: true,
        description: 'Smallest acceptable value of --audit-log-maxbackup (files).',
      },
    },
    references: ['https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#log-backend'],
  },
  check(obj, ctx) {
    const min = ctx.options.minBackups;
    for (const c of componentFlags(obj, 'kube-apiserver')) {
      const logPath = c.flags.get('audit-log-path')?.value.trim();
      if (!logPath || logPath === '-') continue;
      const s = c.flags.get('audit-log-maxbackup');
      if (!s) {
        ctx.report({ path: c.anchor, message: `${c.label}: --audit-log-maxbackup is not set (want at least ${min})` });
        continue;
      }
      const n = /^-?\d+$/.test(s.value.trim()) ? Number(s.value) : NaN;
      if (Number.isNaN(n))
        ctx.report({ path: s.valuePath, message: `${c.label}: --audit-log-maxbackup=${s.value} is not a whole number` });
      else if (n < min) ctx.report({ path: s.valuePath, message: `${c.label}: --audit-log-maxbackup=${n} is below ${min}` });
    }
  },
});

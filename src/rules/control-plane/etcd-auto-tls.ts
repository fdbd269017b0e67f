import { defineRule } from '../../core/rule.js';
import { reportBool } from './checks.js';
import { componentFlags, componentsAt, FLAG_TARGETS, setFlagPatch } from './flags.js';

export default defineRule({
  meta: {
    id: 'etcd-auto-tls',
    title: 'etcd must not use self-signed client certificates (--auto-tls)',
    severity: 'medium',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '2.3' },
      { framework: 'nsa', id: 'nsa-network-control-plane' },
    ],
    description:
      '--auto-tls=true makes etcd generate self-signed certificates for client connections. Clients cannot verify them, so the connection is encrypted but not authenticated, and client certificates cannot be required against a real CA.',
    remediation:
      'Remove --auto-tls (or set it to false) and configure --cert-file, --key-file and --trusted-ca-file from a real CA.',
    references: ['https://etcd.io/docs/latest/op-guide/security/'],
  },
  check(obj, ctx) {
    for (const c of componentFlags(obj, 'etcd'))
      reportBool(ctx.report, c, 'auto-tls', false, false, 'clients are served a self-signed certificate they cannot verify');
  },
  fix(obj, finding) {
    const [c] = componentsAt(obj, finding.path, ['etcd']);
    return c ? setFlagPatch(c, 'auto-tls', 'false') : undefined;
  },
});

import { defineRule } from '../../core/rule.js';
import { reportBool } from './checks.js';
import { componentFlags, componentsAt, FLAG_TARGETS, setFlagPatch } from './flags.js';

export default defineRule({
  meta: {
    id: 'etcd-peer-auto-tls',
    title: 'etcd members must not use self-signed peer certificates (--peer-auto-tls)',
    severity: 'medium',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '2.6' },
      { framework: 'nsa', id: 'nsa-network-control-plane' },
    ],
    description:
      '--peer-auto-tls=true makes etcd generate self-signed certificates for peer connections: traffic between members is encrypted but members cannot tell a rogue peer from a real one.',
    remediation:
      'Remove --peer-auto-tls (or set it to false) and configure --peer-cert-file, --peer-key-file and --peer-trusted-ca-file.',
    references: ['https://etcd.io/docs/latest/op-guide/security/'],
  },
  check(obj, ctx) {
    for (const c of componentFlags(obj, 'etcd'))
      reportBool(
        ctx.report,
        c,
        'peer-auto-tls',
        false,
        false,
        'members use self-signed peer certificates that cannot be verified',
      );
  },
  fix(obj, finding) {
    const [c] = componentsAt(obj, finding.path, ['etcd']);
    return c ? setFlagPatch(c, 'peer-auto-tls', 'false') : undefined;
  },
});

import { defineRule } from '../../core/rule.js';
import { reportRequired } from './checks.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

export default defineRule({
  meta: {
    id: 'apiserver-encryption-provider-config',
    title: 'The API server must encrypt Secrets at rest',
    severity: 'medium',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '1.2.27' },
      { framework: 'nsa', id: 'nsa-network-secrets' },
      { framework: 'soc2', id: 'CC6.1' },
      { framework: 'hipaa', id: '164.312(a)(2)(iv)' },
    ],
    description:
      'Without --encryption-provider-config the API server writes Secrets to etcd unencrypted: anyone who reads etcd, its disk or a backup reads every credential in the cluster. kubeadm does not set it. The EncryptionConfiguration the flag points to is checked by the encryption-* rules.',
    remediation:
      'Write an EncryptionConfiguration (KMS v2 preferred, or secretbox) covering secrets, mount it into the API server pod and set --encryption-provider-config.',
    references: ['https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/'],
  },
  check(obj, ctx) {
    for (const c of componentFlags(obj, 'kube-apiserver'))
      reportRequired(
        ctx.report,
        c,
        ['encryption-provider-config'],
        'Secrets are stored in etcd in plain text (anyone with etcd or its backups reads them)',
      );
  },
});

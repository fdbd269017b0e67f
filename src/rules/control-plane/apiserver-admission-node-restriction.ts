import { defineRule } from '../../core/rule.js';
import { reportPluginRequired } from './checks.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

export default defineRule({
  meta: {
    id: 'apiserver-admission-node-restriction',
    title: 'The API server must enable the NodeRestriction admission plugin',
    severity: 'medium',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    controls: [{ framework: 'cis-k8s', id: '1.2.14' }],
    description:
      'NodeRestriction limits what each kubelet may change: only its own Node and the pods bound to it, and not the node-restriction.kubernetes.io/ labels. Without it a compromised node can relabel itself (or others) to attract sensitive workloads. It is off by default; kubeadm enables it.',
    remediation: 'Add NodeRestriction to --enable-admission-plugins (and keep the Node authorizer).',
    references: ['https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#noderestriction'],
  },
  check(obj, ctx) {
    for (const c of componentFlags(obj, 'kube-apiserver'))
      reportPluginRequired(
        ctx.report,
        c,
        'NodeRestriction',
        'kubelets can modify any Node object and the labels that steer workloads to their node',
      );
  },
});

import { defineRule } from '../../core/rule.js';
import { reportPluginRequired } from './checks.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

export default defineRule({
  meta: {
    id: 'apiserver-admission-always-pull-images',
    title: 'The API server should enable the AlwaysPullImages admission plugin (multi-tenant clusters)',
    severity: 'low',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    optIn: true,
    controls: [{ framework: 'cis-k8s', id: '1.2.11' }],
    description:
      'With AlwaysPullImages every pod pulls its images, so registry credentials are checked each time and a private image cached on a node cannot be started by a pod of another tenant that lacks the pull secret. It costs registry traffic and makes pods depend on the registry being up, so it is opt-in (CIS marks it manual); Kubernetes 1.33+ offers KubeletEnsureSecretPulledImages as a lighter alternative.',
    remediation: 'Add AlwaysPullImages to --enable-admission-plugins.',
    references: ['https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#alwayspullimages'],
  },
  check(obj, ctx) {
    for (const c of componentFlags(obj, 'kube-apiserver'))
      reportPluginRequired(
        ctx.report,
        c,
        'AlwaysPullImages',
        'a pod can run any image already on its node without the credentials to pull it',
      );
  },
});

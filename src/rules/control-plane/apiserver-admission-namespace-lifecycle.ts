import { defineRule } from '../../core/rule.js';
import { reportPluginNotDisabled } from './checks.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

export default defineRule({
  meta: {
    id: 'apiserver-admission-namespace-lifecycle',
    title: 'The API server must keep the NamespaceLifecycle admission plugin',
    severity: 'medium',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    controls: [{ framework: 'cis-k8s', id: '1.2.13' }],
    description:
      'NamespaceLifecycle (on by default) refuses new objects in a terminating or missing namespace and protects default, kube-system and kube-public from deletion, so deleting a namespace reliably removes everything in it.',
    remediation: 'Remove NamespaceLifecycle from --disable-admission-plugins (it is enabled by default).',
    references: ['https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#namespacelifecycle'],
  },
  check(obj, ctx) {
    for (const c of componentFlags(obj, 'kube-apiserver'))
      reportPluginNotDisabled(
        ctx.report,
        c,
        'NamespaceLifecycle',
        'objects can be created in namespaces that are being deleted or do not exist, and system namespaces can be deleted',
      );
  },
});

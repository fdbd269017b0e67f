import { podTemplateOf, POD_BEARING_KINDS, str } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'service-account-missing',
    title: 'Pods must run as a ServiceAccount that exists',
    severity: 'medium',
    category: 'consistency',
    targets: POD_BEARING_KINDS,
    needs: 'index',
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    scope:
      "The ServiceAccount is looked up in the pod's namespace among the scanned objects. It is only reported missing when " +
      'the input holds ServiceAccounts of that namespace (the ServiceAccounts are then evidently managed with these ' +
      'manifests), or the scan reads a live cluster (world "cluster"). The "default" ServiceAccount exists in every ' +
      'namespace and is never reported.',
    description:
      'The API refuses to create pods whose spec.serviceAccountName does not exist, so a Deployment or Job with a misspelt ' +
      'or forgotten ServiceAccount is accepted but never gets a running pod (the ReplicaSet or Job only records ' +
      "FailedCreate events). Like kube-linter's non-existent-service-account, but only where the input can tell.",
    remediation: 'Create the ServiceAccount in the same namespace (in the same manifests), or fix the name.',
    references: ['https://kubernetes.io/docs/concepts/security/service-accounts/'],
  },
  check(obj, ctx) {
    const tpl = podTemplateOf(obj);
    const ns = obj.id.namespace;
    if (!tpl || !ns) return;
    const field = str(tpl.spec.serviceAccountName)
      ? 'serviceAccountName'
      : str(tpl.spec.serviceAccount)
        ? 'serviceAccount'
        : undefined;
    const name = field ? str(tpl.spec[field]) : undefined;
    if (!field || !name || name === 'default') return;
    if (ctx.index.world !== 'cluster' && ctx.index.ofKindIn('ServiceAccount', ns).length === 0) return;
    if (ctx.index.get('ServiceAccount', ns, name)) return;
    ctx.report({
      path: [...tpl.specPath, field],
      message: `ServiceAccount "${name}" does not exist in namespace ${ns}${ctx.index.world === 'cluster' ? '' : ' among the scanned objects'}: the API refuses to create the pods`,
    });
  },
});

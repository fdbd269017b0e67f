import { podTemplateOf, POD_BEARING_KINDS, str } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';

const FIELD = 'automountServiceAccountToken';

export default defineRule({
  meta: {
    id: 'automount-service-account-token',
    title: 'Pods should not mount a service account token they do not need',
    severity: 'medium',
    category: 'workload-security',
    targets: POD_BEARING_KINDS,
    needs: 'index',
    scope:
      'Looks for the pod\'s ServiceAccount (spec.serviceAccountName, "default" when unset) in the same namespace among the ' +
      'scanned objects. When it is not in the input, the Kubernetes default (the token is mounted) is assumed. A ServiceAccount ' +
      'that a RoleBinding or ClusterRoleBinding in the input grants permissions to is taken to be one whose pods call the API ' +
      '(operators, controllers), and is not reported unless `creditBoundServiceAccounts` is false.',
    options: {
      creditBoundServiceAccounts: {
        type: 'boolean',
        default: true,
        description:
          'Do not report pods whose ServiceAccount is bound to a Role or ClusterRole in the input (they call the API).',
      },
    },
    controls: [
      { framework: 'cis-k8s', id: '5.1.6' },
      { framework: 'mitre', id: 'T1528' },
    ],
    description:
      "Unless turned off, Kubernetes mounts an API token of the pod's service account into every container. Anyone who gets " +
      "code execution in the pod can read it and call the API server with that account's permissions, so most workloads, which " +
      'never talk to the API, should not carry one.',
    remediation:
      'Set spec.automountServiceAccountToken: false in the pod template, or on the ServiceAccount the pods use. Pods that do ' +
      'call the API should run as a dedicated ServiceAccount with least-privilege RBAC.',
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
    ],
  },
  check(obj, ctx) {
    const tpl = podTemplateOf(obj);
    if (!tpl) return;
    const podValue = tpl.spec[FIELD];
    if (podValue === false) return;
    const saName = str(tpl.spec.serviceAccountName) || str(tpl.spec.serviceAccount) || 'default';
    const account = `service account "${saName}"`;
    if (
      ctx.options.creditBoundServiceAccounts &&
      obj.id.namespace &&
      ctx.index.bindingsOfServiceAccount(obj.id.namespace, saName).length > 0
    )
      return;
    if (podValue === true) {
      ctx.report({
        path: [...tpl.specPath, FIELD],
        message: `the pod mounts an API token of ${account}: automountServiceAccountToken is true (set it to false unless the pod calls the API)`,
      });
      return;
    }
    // Unset (or not a boolean): the ServiceAccount decides, and it mounts unless it says false.
    const sa = ctx.index.get('ServiceAccount', obj.id.namespace, saName);
    if (sa && sa.value[FIELD] === false) return;
    const why = sa ? `${account} does not disable it` : `${account} is not in the input`;
    ctx.report({
      path: podValue === undefined || podValue === null ? tpl.specPath : [...tpl.specPath, FIELD],
      message: `the pod mounts an API token of ${account} automatically (${why}): set spec.automountServiceAccountToken=false`,
    });
  },
  fix(obj) {
    const tpl = podTemplateOf(obj);
    return tpl ? [{ op: 'add', path: [...tpl.specPath, FIELD], value: false }] : undefined;
  },
});

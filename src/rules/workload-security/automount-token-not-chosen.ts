import { podTemplateOf, POD_BEARING_KINDS } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';

const FIELD = 'automountServiceAccountToken';

export default defineRule({
  meta: {
    id: 'automount-token-not-chosen',
    title: 'Pods should say whether they need a service account token',
    severity: 'low',
    category: 'workload-security',
    targets: POD_BEARING_KINDS,
    needs: 'object',
    optIn: true,
    controls: [
      { framework: 'cis-k8s', id: '5.1.6' },
      { framework: 'mitre', id: 'T1528' },
    ],
    description:
      'A pod that does not set spec.automountServiceAccountToken gets an API token mounted unless its ServiceAccount says ' +
      'otherwise. This rule decides from the pod alone, so it runs at admission, where the ServiceAccount is not known: it ' +
      'asks every pod to choose. With the mutating webhook (webhook.mutate) it makes false the default for pods that do ' +
      'not choose, so only pods that declare automountServiceAccountToken: true carry a token. In scans, ' +
      'automount-service-account-token, which reads the ServiceAccount, is the more precise rule; this one is opt-in.',
    remediation:
      'Set spec.automountServiceAccountToken: false in the pod template, or true for pods that call the API server (and ' +
      'give those a dedicated ServiceAccount with least-privilege RBAC).',
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
    ],
  },
  check(obj, ctx) {
    const tpl = podTemplateOf(obj);
    if (!tpl) return;
    const v = tpl.spec[FIELD];
    if (v === true || v === false) return;
    ctx.report({
      path: v === undefined ? tpl.specPath : [...tpl.specPath, FIELD],
      message: 'the pod does not set automountServiceAccountToken: its ServiceAccount decides whether an API token is mounted',
    });
  },
  fix(obj) {
    // Only where nothing was chosen: an explicit true is a pod that calls the API.
    const tpl = podTemplateOf(obj);
    if (!tpl || tpl.spec[FIELD] === true) return undefined;
    return [{ op: 'add', path: [...tpl.specPath, FIELD], value: false }];
  },
});

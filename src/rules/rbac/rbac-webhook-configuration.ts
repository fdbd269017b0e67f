import { defineRule } from '../../core/rule.js';
import { checkRolePermissions, ROLE_RULE_SCOPE, type DangerousAccess } from './permission-check.js';
import { ROLE_KINDS } from './rbac-model.js';

const GROUP = 'admissionregistration.k8s.io';
const VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'];

const CATALOG: readonly DangerousAccess[] = [
  {
    access: { verbs: VERBS, apiGroup: GROUP, resource: 'mutatingwebhookconfigurations' },
    why: 'points admission webhooks at any service: they receive every object admitted (Secrets included) and can change it, for example inject containers into pods',
  },
  {
    access: { verbs: VERBS, apiGroup: GROUP, resource: 'validatingwebhookconfigurations' },
    why: 'points admission webhooks at any service, which then receives every object admitted (Secrets included), or switches policy webhooks off',
  },
];

export default defineRule({
  meta: {
    id: 'rbac-webhook-configuration',
    title: 'Roles should not change admission webhook configurations',
    severity: 'high',
    category: 'rbac',
    targets: ROLE_KINDS,
    needs: 'index',
    scope: ROLE_RULE_SCOPE,
    controls: [{ framework: 'cis-k8s', id: '5.1.12' }],
    description:
      'A MutatingWebhookConfiguration or ValidatingWebhookConfiguration decides which service sees, and may rewrite, every ' +
      'object the API server admits. Whoever can create, change or delete them can read Secrets as they are written, ' +
      'inject privileged containers into pods, or disable the webhooks that enforce policy.',
    remediation:
      'Grant write access to webhook configurations only to the cluster operators and the controllers that own them, ' +
      'limited with resourceNames to their own configurations (for example a CA-bundle injector).',
    references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#control-admission-webhooks'],
  },
  check(obj, ctx) {
    checkRolePermissions(obj, ctx, CATALOG);
  },
});

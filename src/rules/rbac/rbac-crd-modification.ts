import { defineRule } from '../../core/rule.js';
import { checkRolePermissions, ROLE_RULE_SCOPE, type DangerousAccess } from './permission-check.js';
import { ROLE_KINDS } from './rbac-model.js';

const CATALOG: readonly DangerousAccess[] = [
  {
    access: {
      verbs: ['create', 'update', 'patch', 'delete', 'deletecollection'],
      apiGroup: 'apiextensions.k8s.io',
      resource: 'customresourcedefinitions',
    },
    why:
      'routes the objects of a type through a conversion webhook of its choosing, loosens schemas, or deletes a CRD with ' +
      'all its objects (policy objects of admission controllers included)',
  },
];

export default defineRule({
  meta: {
    id: 'rbac-crd-modification',
    title: 'Roles should not change CustomResourceDefinitions',
    severity: 'medium',
    category: 'rbac',
    targets: ROLE_KINDS,
    needs: 'index',
    scope: ROLE_RULE_SCOPE,
    controls: [],
    description:
      'CustomResourceDefinitions are cluster-wide API definitions. Changing one can route its objects through a conversion ' +
      "webhook of the changer's choosing, remove validation, or delete the definition and every object of it (for example " +
      'the policies of Kyverno or Gatekeeper, or cert-manager Certificates).',
    remediation:
      'Install and upgrade CRDs from the deployment pipeline or by cluster operators; limit controllers that manage their ' +
      'own CRDs with resourceNames.',
    references: ['https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definition-versioning/'],
  },
  check(obj, ctx) {
    checkRolePermissions(obj, ctx, CATALOG);
  },
});

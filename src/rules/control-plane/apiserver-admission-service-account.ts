import { defineRule } from '../../core/rule.js';
import { reportPluginNotDisabled } from './checks.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

export default defineRule({
  meta: {
    id: 'apiserver-admission-service-account',
    title: 'The API server must keep the ServiceAccount admission plugin',
    severity: 'medium',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    controls: [{ framework: 'cis-k8s', id: '1.2.12' }],
    description:
      'The ServiceAccount admission plugin (on by default) assigns every pod a ServiceAccount, mounts its projected token and rejects pods that name a ServiceAccount that does not exist. Turning it off breaks the ServiceAccount model the rest of RBAC relies on.',
    remediation: 'Remove ServiceAccount from --disable-admission-plugins (it is enabled by default).',
    references: ['https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#serviceaccount'],
  },
  check(obj, ctx) {
    for (const c of componentFlags(obj, 'kube-apiserver'))
      reportPluginNotDisabled(
        ctx.report,
        c,
        'ServiceAccount',
        'pods are not given their ServiceAccount and token automatically, nor checked against the ServiceAccount they name',
      );
  },
});

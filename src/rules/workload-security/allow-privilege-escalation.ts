import {
  containerLabel,
  containersOf,
  isRecord,
  isWindowsPod,
  podTemplateOf,
  POD_BEARING_KINDS,
  type JsonObject,
} from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import { containerAt, deepestSecurityContextPath, securityContextOf, setInSecurityContext } from '../../core/security-context.js';

const FIELD = 'allowPrivilegeEscalation';

export default defineRule({
  meta: {
    id: 'allow-privilege-escalation',
    title: 'Containers must set allowPrivilegeEscalation: false',
    severity: 'high',
    category: 'workload-security',
    targets: POD_BEARING_KINDS,
    needs: 'object',
    controls: [
      { framework: 'pss', id: 'restricted/allowPrivilegeEscalation' },
      { framework: 'cis-k8s', id: '5.2.6' },
      { framework: 'mitre', id: 'T1548.001' },
    ],
    description:
      'Unless allowPrivilegeEscalation is explicitly false, the container process runs without the no_new_privs flag, so a ' +
      'set-user-ID or set-group-ID binary (or a file capability) in the image lets it gain more privileges than it started with. ' +
      'Kubernetes defaults the field to true; Pod Security "restricted" requires false on every container, init and ephemeral ones ' +
      'included (Windows pods are exempt, the field does not exist there).',
    remediation:
      'Set securityContext.allowPrivilegeEscalation: false on every container. A privileged container, or one adding ' +
      'CAP_SYS_ADMIN, cannot set it (the API rejects the combination): drop privileged/CAP_SYS_ADMIN first.',
    references: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    ],
  },
  check(obj, ctx) {
    const tpl = podTemplateOf(obj);
    if (!tpl || isWindowsPod(tpl.spec)) return;
    for (const c of containersOf(obj)) {
      const sc = securityContextOf(c);
      const value = sc?.[FIELD];
      if (value === false) continue;
      const what =
        value === undefined || value === null
          ? 'may escalate privileges'
          : value === true
            ? 'allows privilege escalation'
            : `sets allowPrivilegeEscalation to ${JSON.stringify(value)}, which is not the boolean false`;
      const blocker = blockerOf(sc);
      const hint = blocker ? ` (drop ${blocker} first: the API rejects it together with allowPrivilegeEscalation=false)` : '';
      ctx.report({
        path: deepestSecurityContextPath(c, FIELD),
        message: `${containerLabel(c)} ${what}: set securityContext.allowPrivilegeEscalation=false${hint}`,
      });
    }
  },
  fix(obj, finding) {
    const c = containerAt(obj, finding.path);
    // Privileged or CAP_SYS_ADMIN with allowPrivilegeEscalation: false is an invalid pod: no mechanical fix.
    if (!c || blockerOf(securityContextOf(c))) return undefined;
    return setInSecurityContext(c, FIELD, false);
  },
});

/** What makes the API reject allowPrivilegeEscalation: false in this securityContext, if anything. */
function blockerOf(sc: JsonObject | undefined): string | undefined {
  if (!sc) return undefined;
  if (sc.privileged === true) return 'privileged: true';
  const add = isRecord(sc.capabilities) ? sc.capabilities.add : undefined;
  // Kubernetes' validation compares the literal "CAP_SYS_ADMIN" only.
  return Array.isArray(add) && add.includes('CAP_SYS_ADMIN') ? 'the CAP_SYS_ADMIN capability' : undefined;
}

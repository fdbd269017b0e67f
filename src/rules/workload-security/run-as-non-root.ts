import {
  containerLabel,
  containersOf,
  isRecord,
  isWindowsPod,
  podTemplateOf,
  POD_BEARING_KINDS,
  type ContainerRef,
} from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import { containerAt, deepestSecurityContextPath, securityContextOf, setInSecurityContext } from '../../core/security-context.js';

export default defineRule({
  meta: {
    id: 'run-as-non-root',
    title: 'Containers must not run as root',
    severity: 'high',
    category: 'workload-security',
    targets: POD_BEARING_KINDS,
    needs: 'object',
    controls: [
      { framework: 'pss', id: 'restricted/runAsNonRoot' },
      { framework: 'pss', id: 'restricted/runAsUser' },
      { framework: 'cis-k8s', id: '5.2.7' },
    ],
    description:
      'A container whose image says USER root (or says nothing) runs as UID 0 unless the pod forbids it. Root in a container is ' +
      'root on the node for anything the isolation lets through: a writable hostPath, a kernel bug, a leaked capability. ' +
      'runAsNonRoot: true makes the kubelet refuse to start a container that would run as UID 0.',
    remediation:
      'Set securityContext.runAsNonRoot: true on the pod or on each container (a container-level value overrides the pod), ' +
      'build images with a numeric non-root USER, or set runAsUser to a non-zero UID. Never set runAsUser: 0.',
    references: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    ],
    options: {
      fixRunAsUser: {
        type: 'number',
        default: 0,
        integer: true,
        min: 0,
        max: 2147483647,
        description:
          'UID the fix also sets as runAsUser where none is set, so images built with USER root start as that UID instead of ' +
          'being refused by the kubelet (0: the fix sets only runAsNonRoot).',
      },
    },
  },
  check(obj, ctx) {
    const tpl = podTemplateOf(obj);
    if (!tpl || isWindowsPod(tpl.spec)) return;
    const podSc = isRecord(tpl.spec.securityContext) ? tpl.spec.securityContext : {};
    /** Containers that inherit the pod's runAsUser: 0. */
    const rootByPod: ContainerRef[] = [];
    for (const c of containersOf(obj)) {
      const sc = securityContextOf(c) ?? {};
      // A container-level value (null is unset) overrides the pod's.
      const ownUser = sc.runAsUser ?? undefined;
      const runAsUser = ownUser ?? podSc.runAsUser;
      const runAsNonRoot = sc.runAsNonRoot ?? podSc.runAsNonRoot;
      if (runAsUser === 0) {
        if (ownUser !== undefined) {
          ctx.report({
            path: [...c.path, 'securityContext', 'runAsUser'],
            message: `${containerLabel(c)} runs as root: securityContext.runAsUser is 0`,
          });
        } else rootByPod.push(c);
      } else if (runAsNonRoot !== true && !isNonZeroUid(runAsUser)) {
        ctx.report({
          path: deepestSecurityContextPath(c, 'runAsNonRoot'),
          message: `${containerLabel(c)} may run as root: set securityContext.runAsNonRoot=true`,
        });
      }
    }
    if (rootByPod.length > 0) {
      const who = rootByPod.map(containerLabel).join(', ');
      ctx.report({
        path: [...tpl.specPath, 'securityContext', 'runAsUser'],
        message: `${who} ${rootByPod.length === 1 ? 'runs' : 'run'} as root: the pod's securityContext.runAsUser is 0`,
      });
    }
  },
  fix(obj, finding, options) {
    // runAsUser: 0 is an explicit choice; overriding it (or adding runAsNonRoot next to it, which makes the
    // kubelet refuse the container) is not a mechanical fix.
    if (finding.path[finding.path.length - 1] === 'runAsUser') return undefined;
    const c = containerAt(obj, finding.path);
    if (!c) return undefined;
    const tpl = podTemplateOf(obj);
    const podSc = tpl && isRecord(tpl.spec.securityContext) ? tpl.spec.securityContext : {};
    // runAsNonRoot: false (the container's, or the pod's it inherits) is a choice too.
    if ((securityContextOf(c)?.runAsNonRoot ?? podSc.runAsNonRoot) === false) return undefined;
    const ops = setInSecurityContext(c, 'runAsNonRoot', true);
    const uid = options.fixRunAsUser;
    const podUser = podSc.runAsUser;
    // Only where no UID is chosen (container or pod): a set UID is the workload's own decision.
    if (uid > 0 && (securityContextOf(c)?.runAsUser ?? undefined) === undefined && (podUser ?? undefined) === undefined)
      ops.push({ op: 'add', path: [...c.path, 'securityContext', 'runAsUser'], value: uid });
    return ops;
  },
});

/** A UID the kubelet runs as non-root: a whole number above 0 (negative ones are invalid). */
function isNonZeroUid(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

import { containersOf, isRecord } from '../../core/objects.js';
import { pssControlRule } from './pss-rule.js';

/** Profiles the restricted level accepts. */
const ALLOWED = new Set(['RuntimeDefault', 'Localhost']);

const typeOf = (sc: unknown): unknown =>
  isRecord(sc) && isRecord(sc.seccompProfile) ? (sc.seccompProfile.type ?? undefined) : undefined;

export default pssControlRule({
  id: 'pss-seccomp-profile-restricted',
  control: 'seccompProfile_restricted',
  level: 'restricted',
  title: 'Pods must set a RuntimeDefault or Localhost seccomp profile',
  severity: 'medium',
  description: 'Without a seccomp profile, containers can make every system call the runtime allows by default.',
  remediation:
    'Set spec.securityContext.seccompProfile.type: RuntimeDefault (or Localhost). The fix sets RuntimeDefault on the pod ' +
    'when neither the pod nor any container chose a profile explicitly (an explicit Unconfined is left to a person).',
  controls: [],
  fix(tpl, obj) {
    const podType = typeOf(tpl.spec.securityContext);
    if (podType !== undefined) return undefined;
    // A container that names a profile the level refuses made a choice: do not override it.
    if (
      containersOf(obj).some(
        (c) => typeOf(c.container.securityContext) !== undefined && !ALLOWED.has(String(typeOf(c.container.securityContext))),
      )
    )
      return undefined;
    return [{ op: 'add', path: [...tpl.specPath, 'securityContext', 'seccompProfile'], value: { type: 'RuntimeDefault' } }];
  },
});

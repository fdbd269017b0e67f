import { containersOf, isRecord } from '../../core/objects.js';
import type { PatchOp } from '../../core/rule.js';
import { pssControlRule } from './pss-rule.js';

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export default pssControlRule({
  id: 'pss-capabilities-restricted',
  control: 'capabilities_restricted',
  level: 'restricted',
  title: 'Containers must drop ALL capabilities and add at most NET_BIND_SERVICE',
  severity: 'medium',
  description: 'The restricted profile runs containers with no Linux capabilities beyond binding low ports.',
  remediation:
    "Set capabilities.drop: [ALL] and add only NET_BIND_SERVICE if needed. The fix adds ALL to every container's drop " +
    'list, unless a container adds a capability the level refuses (that needs a person: the workload may rely on it).',
  controls: [{ framework: 'cis-k8s', id: '5.2.10' }],
  fix(_tpl, obj) {
    const containers = containersOf(obj);
    const caps = (sc: unknown) => (isRecord(sc) && isRecord(sc.capabilities) ? sc.capabilities : undefined);
    if (containers.some((c) => list(caps(c.container.securityContext)?.add).some((a) => a !== 'NET_BIND_SERVICE')))
      return undefined;
    const ops: PatchOp[] = [];
    for (const c of containers) {
      const drop = list(caps(c.container.securityContext)?.drop);
      // Upstream compares with the exact string "ALL".
      if (drop.includes('ALL')) continue;
      ops.push({ op: 'add', path: [...c.path, 'securityContext', 'capabilities', 'drop'], value: [...drop, 'ALL'] });
    }
    return ops.length > 0 ? ops : undefined;
  },
});

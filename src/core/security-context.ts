/** Container securityContext helpers shared by the rules that read or fix it. */
import { containersOf, isRecord, type ContainerRef, type JsonObject, type KubeObject } from './objects.js';
import type { Path } from './path.js';
import type { PatchOp } from './rule.js';

export function securityContextOf(c: ContainerRef): JsonObject | undefined {
  const sc = c.container.securityContext;
  return isRecord(sc) ? sc : undefined;
}

/** The field's path when set, else its securityContext's, else the container's: the deepest node
 *  that exists, so a finding always points at something in the manifest. */
export function deepestSecurityContextPath(c: ContainerRef, field: string): Path {
  if (!('securityContext' in c.container)) return c.path;
  const sc = c.container.securityContext;
  return isRecord(sc) && field in sc ? [...c.path, 'securityContext', field] : [...c.path, 'securityContext'];
}

/** The container whose path is a prefix of `path` (the one a finding points into). */
export function containerAt(obj: Pick<KubeObject, 'id' | 'value'>, path: Path): ContainerRef | undefined {
  return containersOf(obj).find((c) => c.path.length <= path.length && c.path.every((seg, i) => path[i] === seg));
}

/** A patch setting one field of a container's securityContext, creating the context if needed. */
export function setInSecurityContext(c: ContainerRef, field: string, value: unknown): PatchOp[] {
  return isRecord(c.container.securityContext)
    ? [{ op: 'add', path: [...c.path, 'securityContext', field], value }]
    : [{ op: 'add', path: [...c.path, 'securityContext'], value: { [field]: value } }];
}

/** Applies JSON Patch operations (path as segments) to a plain value, returning a new value. */
import type { PatchOp } from './rule.js';

export function applyPatch<T>(value: T, ops: readonly PatchOp[]): T {
  let root: unknown = structuredClone(value);
  for (const op of ops) {
    if (op.path.length === 0) {
      if (op.op === 'remove') throw new Error('cannot remove the root');
      root = structuredClone(op.value);
      continue;
    }
    let parent = root as Record<string | number, unknown>;
    for (let i = 0; i < op.path.length - 1; i++) {
      const seg = op.path[i]!;
      let next = parent[seg];
      if (next === undefined || next === null) {
        if (op.op !== 'add') throw new Error(`path ${op.path.join('.')} does not exist`);
        // Adding below a missing parent creates it, which is what fixes want.
        next = typeof op.path[i + 1] === 'number' ? [] : {};
        parent[seg] = next;
      }
      if (typeof next !== 'object') throw new Error(`path ${op.path.join('.')} crosses a scalar`);
      parent = next as Record<string | number, unknown>;
    }
    const last = op.path[op.path.length - 1]!;
    if (op.op === 'remove') {
      if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
      else delete parent[last];
    } else if (op.op === 'add' && Array.isArray(parent) && typeof last === 'number') {
      parent.splice(last, 0, structuredClone(op.value));
    } else {
      parent[last] = structuredClone(op.value);
    }
  }
  return root as T;
}

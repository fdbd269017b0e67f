/**
 * Mutation: apply the `fix` of the rules enabled for mutation, then express the change as an
 * RFC 6902 JSON Patch against the object the API server sent.
 *
 * Fixes are computed one finding at a time on the evolving object and re-evaluated in between,
 * because two fixes computed from the same state can collide (both adding a missing
 * securityContext would make the second overwrite the first). The patch sent back is a diff of
 * the original and the fixed object, not the fixes' own operations: rule fixes use "add creates
 * missing parents" semantics, which RFC 6902 does not have, and a diff always applies cleanly.
 */
import { evaluate, type ActiveRule, type EngineConfig } from '../core/engine.js';
import type { Finding } from '../core/finding.js';
import { isRecord, type JsonObject, type KubeObject } from '../core/objects.js';
import { applyPatch } from '../core/patch.js';
import type { Path } from '../core/path.js';
import type { JsonPatchOp } from './review.js';

/** A bound on fix rounds: each round fixes one finding, and a fix that does not remove its
 *  finding is never retried, so real objects finish far below it. */
const MAX_ROUNDS = 256;

export interface Mutation {
  patch: JsonPatchOp[];
  /** The findings whose fix was applied. */
  fixed: Finding[];
  value: JsonObject;
}

export class MutationError extends Error {}

/** `ns`: the object's Namespace, when known, for rules that read its labels. */
export function mutate(
  obj: KubeObject,
  rules: readonly ActiveRule[],
  engine: Omit<EngineConfig, 'rules'>,
  ns?: KubeObject,
): Mutation {
  const byId = new Map(rules.map((ar) => [ar.rule.meta.id, ar]));
  const tried = new Set<string>();
  const fixed: Finding[] = [];
  let value = obj.value;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const current: KubeObject = { ...obj, value };
    const result = evaluate(ns ? [ns, current] : [current], { ...engine, rules });
    if (result.ruleErrors.length > 0) {
      const e = result.ruleErrors[0]!;
      throw new MutationError(`rule ${e.ruleId} failed: ${e.message}`);
    }
    const next = result.findings.find((f) => f.object === current.id && !f.suppression && f.fixable && !tried.has(f.fingerprint));
    if (!next) break;
    tried.add(next.fingerprint);
    const ar = byId.get(next.ruleId)!;
    let ops;
    try {
      ops = ar.rule.fix?.(current, { path: next.path, message: next.message }, ar.options);
    } catch (e) {
      throw new MutationError(`fix of rule ${next.ruleId} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!ops || ops.length === 0) continue;
    value = applyPatch(value, ops);
    fixed.push(next);
  }
  return { patch: diff(obj.value, value), fixed, value };
}

/** RFC 6901: "~" -> "~0", "/" -> "~1" (annotation keys contain slashes). */
export function pointer(path: Path): string {
  return path.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** RFC 6902 operations turning `from` into `to`. Arrays of different length are replaced whole:
 *  index-wise add/remove on arrays is ambiguous to review and no fix reorders containers. */
export function diff(from: unknown, to: unknown, at: Path = []): JsonPatchOp[] {
  if (sameJson(from, to)) return [];
  if (isRecord(from) && isRecord(to)) {
    const ops: JsonPatchOp[] = [];
    for (const k of Object.keys(from)) if (!(k in to)) ops.push({ op: 'remove', path: pointer([...at, k]) });
    for (const [k, v] of Object.entries(to)) {
      if (!(k in from)) ops.push({ op: 'add', path: pointer([...at, k]), value: v });
      else ops.push(...diff(from[k], v, [...at, k]));
    }
    return ops;
  }
  if (Array.isArray(from) && Array.isArray(to) && from.length === to.length) {
    return from.flatMap((v: unknown, i) => diff(v, to[i], [...at, i]));
  }
  return [{ op: 'replace', path: pointer(at), value: to }];
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v: unknown, i) => sameJson(v, b[i]));
  const ak = Object.keys(a);
  const bo = b as Record<string, unknown>;
  return ak.length === Object.keys(bo).length && ak.every((k) => k in bo && sameJson((a as Record<string, unknown>)[k], bo[k]));
}

/**
 * Shared helpers for the checks. Inputs are plain JSON as Kubernetes decodes it; these readers
 * give Go's view of it: a missing or null field is a nil pointer, a missing string is "".
 */
import { isRecord, type JsonObject } from '../objects.js';

/** A struct-valued field (nil when absent, null or not an object). */
export function obj(v: unknown): JsonObject | undefined {
  return isRecord(v) ? v : undefined;
}

/** A *bool field: undefined means nil. */
export function boolPtr(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

/** A *string-like field (e.g. *ProcMountType): undefined means nil. */
export function strPtr(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** A plain string field: Go's zero value is "". */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** A number-valued field (int32 / *int64): undefined means nil or zero-by-absence. */
export function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

export function list(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}

/** `field: null` decodes to a nil pointer in Go, so only non-null values count as set. */
export function isSet(o: JsonObject, key: string): boolean {
  return o[key] !== undefined && o[key] !== null;
}

export function podSecurityContext(podSpec: JsonObject): JsonObject | undefined {
  return obj(podSpec.securityContext);
}

export function securityContext(container: JsonObject): JsonObject | undefined {
  return obj(container.securityContext);
}

export function containerName(container: JsonObject): string {
  return str(container.name);
}

/**
 * Calls `fn` for init containers, then containers, then ephemeral containers, the order upstream's
 * visitContainers uses (so details list containers in that order). A null list entry decodes to
 * an empty container in Go, so it is visited as `{}`.
 */
export function visitContainers(podSpec: JsonObject, fn: (container: JsonObject) => void): void {
  for (const key of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    for (const c of list(podSpec[key])) fn(isRecord(c) ? c : {});
  }
}

/** KEP-127: pods with their own user namespace (hostUsers: false) get relaxed checks at v1.35+. */
export function inUserNamespace(podSpec: JsonObject): boolean {
  return podSpec.hostUsers === false;
}

/** `"a", "b"`: upstream's joinQuote, which does not escape. */
export function joinQuote(items: readonly string[]): string {
  return items.length === 0 ? '' : `"${items.join('", "')}"`;
}

export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** Go compares strings bytewise (UTF-8), which is code point order, not UTF-16 unit order. */
export function compareGo(a: string, b: string): number {
  const ai = a[Symbol.iterator]();
  const bi = b[Symbol.iterator]();
  for (;;) {
    const x = ai.next();
    const y = bi.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const d = (x.value.codePointAt(0) ?? 0) - (y.value.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
}

/** Sorted distinct values: what upstream gets from sets.String.List(). */
export function sortedSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareGo);
}

const GO_ESCAPES: Readonly<Record<string, string>> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\\': '\\\\',
  '"': '\\"',
};
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Go's %q (strconv.Quote): printable runes kept, the rest escaped the way Go escapes them. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    const esc = GO_ESCAPES[ch];
    if (esc !== undefined) out += esc;
    else if (PRINTABLE.test(ch)) out += ch;
    else if (cp < 0x80) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return out + '"';
}

/**
 * Why a finding does not count: an inline annotation, a config exclusion, an out-of-band
 * exception (with reason, owner and expiry), or a baseline entry. Pure: "today" is given.
 */
import picomatch from 'picomatch';
import type { Finding, Suppression } from './finding.js';
import { annotationsOf, isRecord, podTemplateOf, type KubeObject, type ObjectIdentity } from './objects.js';

export const IGNORE_ANNOTATION = 'palisade.dev/ignore';
export const IGNORE_REASON_ANNOTATION = 'palisade.dev/ignore-reason';

/** Selects objects (and optionally rules) by glob; every given field must match. */
export interface ObjectMatch {
  namespaces?: readonly string[];
  kinds?: readonly string[];
  names?: readonly string[];
  rules?: readonly string[];
}

export interface Exception {
  rules: readonly string[];
  match: ObjectMatch;
  reason: string;
  owner: string;
  /** YYYY-MM-DD; the exception stops applying after this day. */
  expires: string;
  /** Where it was declared, for messages. */
  source: string;
}

const matcherCache = new Map<string, (s: string) => boolean>();
function glob(pattern: string): (s: string) => boolean {
  let m = matcherCache.get(pattern);
  if (!m) matcherCache.set(pattern, (m = picomatch(pattern, { dot: true })));
  return m;
}

function anyGlob(patterns: readonly string[] | undefined, value: string | undefined): boolean {
  if (!patterns || patterns.length === 0) return true;
  return value !== undefined && patterns.some((p) => glob(p)(value));
}

export function objectMatches(m: ObjectMatch, id: ObjectIdentity, ruleId: string): boolean {
  return (
    anyGlob(m.namespaces, id.namespace ?? '') &&
    anyGlob(m.kinds, id.kind) &&
    anyGlob(m.names, id.name) &&
    anyGlob(m.rules, ruleId)
  );
}

/** Rule ids named by `palisade.dev/ignore` on the object or its pod template ('*' = all). */
export function inlineIgnores(obj: KubeObject): { rules: Set<string>; reason?: string } | undefined {
  const own = annotationsOf(isRecord(obj.value.metadata) ? obj.value.metadata : undefined);
  const tpl = podTemplateOf(obj);
  const fromTemplate = tpl ? annotationsOf(tpl.metadata) : {};
  const lists = [own[IGNORE_ANNOTATION], fromTemplate[IGNORE_ANNOTATION]].filter((s): s is string => !!s);
  if (lists.length === 0) return undefined;
  const rules = new Set(
    lists.flatMap((s) =>
      s
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean),
    ),
  );
  const reason = own[IGNORE_REASON_ANNOTATION] ?? fromTemplate[IGNORE_REASON_ANNOTATION];
  return { rules, reason };
}

export interface SuppressionPolicy {
  inline: boolean;
  exclusions: readonly ObjectMatch[];
  exceptions: readonly Exception[];
  baseline?: ReadonlySet<string>;
  /** YYYY-MM-DD. */
  today: string;
}

/** Decides the suppression of one finding; `ignores` is the object's inline annotation set. */
export function suppressionFor(
  f: Pick<Finding, 'ruleId' | 'object' | 'fingerprint'>,
  ignores: ReturnType<typeof inlineIgnores>,
  policy: SuppressionPolicy,
): Suppression | undefined {
  if (policy.inline && ignores && (ignores.rules.has(f.ruleId) || ignores.rules.has('*'))) {
    return { by: 'annotation', reason: ignores.reason };
  }
  if (policy.exclusions.some((m) => objectMatches(m, f.object, f.ruleId))) return { by: 'config' };
  for (const e of policy.exceptions) {
    if (e.expires < policy.today) continue;
    if ((e.rules.includes(f.ruleId) || e.rules.includes('*')) && objectMatches(e.match, f.object, f.ruleId)) {
      return { by: 'exception', reason: e.reason, owner: e.owner, expires: e.expires };
    }
  }
  if (policy.baseline?.has(f.fingerprint)) return { by: 'baseline' };
  return undefined;
}

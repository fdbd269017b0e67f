/**
 * Audit policy evaluation, as the API server does it (k8s.io/apiserver/pkg/audit/policy/checker.go):
 * rules are tried in order and the first that matches a request decides its level; a request that
 * no rule matches is not logged (level None). A rule matches a resource request when its users,
 * userGroups and verbs (if given) match, and its namespaces and resources (if given) match: group
 * equal, then "*" (any resource and subresource), "<resource>", "<resource>/<subresource>",
 * "*∕<subresource>" or "<resource>/*"; resourceNames narrow it further. A rule with only
 * nonResourceURLs never matches a resource request.
 *
 * Offline there is no concrete request, so a question is asked about a class of requests (a
 * resource, optionally some verbs): which rules match some of them before one matches all of them.
 */
import { isRecord, type JsonObject } from '../../core/objects.js';
import type { Path } from '../../core/path.js';

export const LEVELS = ['None', 'Metadata', 'Request', 'RequestResponse'] as const;
export type Level = (typeof LEVELS)[number];

export function levelRank(l: Level): number {
  return LEVELS.indexOf(l);
}

export interface RequestClass {
  group: string;
  resource: string;
  subresource?: string;
  /** Verbs of the class; undefined for every verb. */
  verbs?: readonly string[];
}

export interface RuleMatch {
  index: number;
  /** The level the rule gives (None when its omitStages drop every stage an ordinary request has). */
  level: Level;
  /** Path to report: the rule's level, or the rule. */
  path: Path;
  /** The rule matches every request of the class (it decides them all). */
  full: boolean;
  /** What limits it, for messages ("users a, b; verbs get"). */
  limits: string;
  /** The rule's verbs ([] for any). */
  verbs: readonly string[];
}

/** `secrets`, `pods/exec`, `deployments.apps`, `tokenreviews.authentication.k8s.io`. */
export function parseRequestClass(spec: string, verbs?: readonly string[]): RequestClass | undefined {
  const m = /^([^./]+|\*)(?:\/([^.]+))?(?:\.(.+))?$/.exec(spec.trim());
  if (!m) return undefined;
  return { resource: m[1]!, subresource: m[2], group: m[3] ?? '', verbs };
}

export function describeClass(c: RequestClass): string {
  const r = c.subresource ? `${c.resource}/${c.subresource}` : c.resource;
  return c.group ? `${r}.${c.group}` : r;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function resourceMatches(res: string, c: RequestClass): boolean {
  const combined = c.subresource ? `${c.resource}/${c.subresource}` : c.resource;
  if (res === combined || res === '*') return true;
  if (c.subresource && res.startsWith('*/') && res.slice(2) === c.subresource) return true;
  return res.endsWith('/*') && res.slice(0, -2) === c.resource;
}

/** How a GroupResources list covers the class: 'all', 'named' (only some resourceNames) or 'none'. */
function coverage(resources: unknown, c: RequestClass): 'all' | 'named' | 'none' {
  if (!Array.isArray(resources) || resources.length === 0) return 'all';
  let best: 'all' | 'named' | 'none' = 'none';
  for (const gr of resources) {
    if (!isRecord(gr)) continue;
    const group = typeof gr.group === 'string' ? gr.group : '';
    if (group !== c.group) continue;
    const list = strings(gr.resources);
    const names = strings(gr.resourceNames);
    if (list.length === 0) return 'all';
    if (list.some((r) => resourceMatches(r, c))) {
      if (names.length === 0) return 'all';
      best = 'named';
    }
  }
  return best;
}

const ORDINARY_STAGES = ['RequestReceived', 'ResponseComplete'];

/** The rules that match requests of the class, in order, up to the first that matches them all. */
export function matchingRules(policy: JsonObject, c: RequestClass): { matches: RuleMatch[]; decided: boolean } {
  const rules = Array.isArray(policy.rules) ? policy.rules : [];
  const policyOmit = strings(policy.omitStages);
  const matches: RuleMatch[] = [];
  for (let i = 0; i < rules.length; i++) {
    const r: unknown = rules[i];
    if (!isRecord(r)) continue;
    const level = (LEVELS as readonly string[]).includes(r.level as string) ? (r.level as Level) : undefined;
    if (!level) continue;
    const users = strings(r.users);
    const groups = strings(r.userGroups);
    const verbs = strings(r.verbs);
    const namespaces = strings(r.namespaces);
    const hasResourceFilter = namespaces.length > 0 || (Array.isArray(r.resources) && r.resources.length > 0);
    if (!hasResourceFilter && strings(r.nonResourceURLs).length > 0) continue; // non-resource requests only
    const cov = coverage(r.resources, c);
    if (cov === 'none') continue;
    let verbsFull = true;
    if (verbs.length > 0) {
      if (c.verbs) {
        if (!c.verbs.some((v) => verbs.includes(v))) continue;
        verbsFull = c.verbs.every((v) => verbs.includes(v));
      } else verbsFull = false;
    }
    const limits: string[] = [];
    if (users.length) limits.push(`users ${users.join(', ')}`);
    if (groups.length) limits.push(`userGroups ${groups.join(', ')}`);
    if (verbs.length && !verbsFull) limits.push(`verbs ${verbs.join(', ')}`);
    if (namespaces.length) limits.push(`namespaces ${namespaces.join(', ')}`);
    if (cov === 'named') limits.push('some resourceNames');
    const omit = new Set([...policyOmit, ...strings(r.omitStages)]);
    const effective: Level = ORDINARY_STAGES.every((s) => omit.has(s)) ? 'None' : level;
    const full = limits.length === 0;
    matches.push({
      index: i,
      level: effective,
      path: r.level !== undefined ? ['rules', i, 'level'] : ['rules', i],
      full,
      limits: limits.join('; '),
      verbs,
    });
    if (full) return { matches, decided: true };
  }
  return { matches, decided: false };
}

/** Where to report "no rule decides these requests". */
export function rulesPath(policy: JsonObject): Path {
  return Array.isArray(policy.rules) ? ['rules'] : [];
}

/** Reports the classes whose requests are not all logged at Metadata or above: rules that give
 *  None to some of them before a rule decides them all, and classes no rule decides. */
export function reportUnlogged(
  report: (f: { path: Path; message: string }) => void,
  policy: JsonObject,
  classes: readonly RequestClass[],
  why: string,
  options: { reportUserScopedNone: boolean },
): void {
  // One finding per rule: "rules[2] does not log secrets, configmaps (for users a)".
  const byPath = new Map<string, { path: Path; index: number; groups: Map<string, string[]> }>();
  const undecided: string[] = [];
  for (const c of classes) {
    const { matches, decided } = matchingRules(policy, c);
    for (const m of matches) {
      if (m.level !== 'None') continue;
      if (!m.full && !options.reportUserScopedNone && /\b(users|userGroups)\b/.test(m.limits)) continue;
      const key = JSON.stringify(m.path);
      let f = byPath.get(key);
      if (!f) byPath.set(key, (f = { path: m.path, index: m.index, groups: new Map() }));
      const items = f.groups.get(m.limits) ?? [];
      if (!items.includes(describeClass(c))) items.push(describeClass(c));
      f.groups.set(m.limits, items);
    }
    if (!decided) undecided.push(describeClass(c));
  }
  for (const f of byPath.values()) {
    const parts = [...f.groups].map(([limits, items]) => `${items.join(', ')}${limits ? ` (for ${limits})` : ''}`);
    report({ path: f.path, message: `rules[${f.index}] does not log ${parts.join('; ')}: ${why}` });
  }
  if (undecided.length > 0)
    report({
      path: rulesPath(policy),
      message: `no rule logs every request to ${undecided.join(', ')}: requests no rule matches are not logged (level None): ${why}`,
    });
}

/**
 * Shared by the rules that report one class of dangerous permission (secrets, pod creation, exec,
 * escalate/bind/impersonate, ...): each gives a catalog of accesses, and the check reports every
 * rule of a Role or ClusterRole that grants one of them, with what it grants and why it matters.
 * Effective rules: a ClusterRole's aggregated rules are reported at the selector that brings them in.
 */
import type { KubeObject } from '../../core/objects.js';
import { formatPath, type Path } from '../../core/path.js';
import type { RuleContext } from '../../core/rule.js';
import { effectiveRules, grantOf, isBootstrapDefault, reportPath, roleCanGrant, type Access, type Grant } from './rbac-model.js';

export interface DangerousAccess {
  access: Access;
  /** Why holding it matters (the second half of the message), possibly depending on the grant. */
  why: string | ((grant: Grant) => string);
  /** Grants limited by resourceNames are the recommended least-privilege form: not reported. */
  namedIsFine?: boolean;
}

/** What the permission rules assume (shown in their docs). */
export const ROLE_RULE_SCOPE =
  'Judges each Role and ClusterRole by what it grants, whether or not a binding in the input uses it. A ClusterRole with ' +
  'an aggregationRule is judged by its effective rules: besides its written rules, those of the ClusterRoles in the input ' +
  'whose labels its clusterRoleSelectors match (transitively), reported at the selector that brings them in; ClusterRoles ' +
  'that are not in the input are not seen. A rule limited by resourceNames is reported with those names. A Role is ' +
  'credited only with namespaced accesses (and `bind` on clusterroles, which RoleBindings in its namespace are checked ' +
  'against). The roles the API server maintains itself (label kubernetes.io/bootstrapping=rbac-defaults on ' +
  'cluster-admin, admin, edit, view and system:*) are skipped: they are reconciled at every API server start.';

function resourceText(access: Access): string {
  if (access.anySubresource) return `${access.resource}/<any>`;
  return access.subresource ? `${access.resource}/${access.subresource}` : access.resource;
}

/** `create pods/exec`, `get, list secrets (only "a")`, `create pods, deployments (through "*")`:
 *  grants with the same verbs, names and origin share one phrase. */
export function describeGrants(grants: readonly { access: Access; grant: Grant }[]): string {
  const phrases = new Map<string, { head: string; tail: string; resources: string[] }>();
  for (const { access, grant } of grants) {
    const names = grant.names ? ` (only ${grant.names.map((n) => JSON.stringify(n)).join(', ')})` : '';
    const wild = grant.viaWildcard ? ' (through "*")' : '';
    const head = grant.verbs.join(', ');
    const key = `${head}\u0000${names}${wild}`;
    let p = phrases.get(key);
    if (!p) phrases.set(key, (p = { head, tail: `${names}${wild}`, resources: [] }));
    const res = resourceText(access);
    if (!p.resources.includes(res)) p.resources.push(res);
  }
  return [...phrases.values()].map((p) => `${p.head} ${p.resources.join(', ')}${p.tail}`).join(', ');
}

/** Reports every rule of a role that grants one of `catalog`, one finding per rule (or per
 *  aggregation selector), grouping accesses that share a reason. */
export function checkRolePermissions(
  obj: KubeObject,
  ctx: Pick<RuleContext, 'index' | 'report'>,
  catalog: readonly DangerousAccess[],
): void {
  if (isBootstrapDefault(obj)) return;
  // A Role's rules apply to requests in its namespace only: cluster-scoped accesses are not granted.
  const accesses = obj.id.kind === 'Role' ? catalog.filter((e) => roleCanGrant(e.access)) : catalog;
  if (accesses.length === 0) return;
  type Parts = Map<string, { via: string; why: string; grants: { access: Access; grant: Grant }[] }>;
  const findings = new Map<string, { path: Path; parts: Parts }>();
  for (const ref of effectiveRules(obj, ctx.index)) {
    for (const entry of accesses) {
      const grant = grantOf(ref.rule, entry.access);
      if (!grant || (grant.names && entry.namedIsFine)) continue;
      const path = reportPath(ref);
      const key = formatPath(path);
      let f = findings.get(key);
      if (!f) findings.set(key, (f = { path, parts: new Map() }));
      const via = ref.selector === undefined ? '' : `aggregated ClusterRole "${ref.source.id.name}" rules[${ref.index}]: `;
      const why = typeof entry.why === 'string' ? entry.why : entry.why(grant);
      const reason = `${via}\u0000${why}`;
      let part = f.parts.get(reason);
      if (!part) f.parts.set(reason, (part = { via, why, grants: [] }));
      part.grants.push({ access: entry.access, grant });
    }
  }
  for (const { path, parts } of findings.values()) {
    const message = [...parts.values()].map((p) => `${p.via}can ${describeGrants(p.grants)}: ${p.why}`).join('; ');
    ctx.report({ path, message });
  }
}

/**
 * RBAC semantics for the rbac rules, exactly as the Kubernetes API server applies them:
 *
 *  - Policy-rule matching follows the authorizer (plugin/pkg/auth/authorizer/rbac/rbac.go
 *    `RuleAllows` and pkg/apis/rbac/v1/evaluation_helpers.go): a rule allows a request when a verb
 *    matches (`*` or equal), an API group matches (`*` or equal; `""` is the core group), a resource
 *    matches (`*`; the exact `resource` or `resource/subresource` string; or "*" + "/subresource"
 *    for a request to that subresource of any resource) and, when the rule lists resourceNames, the
 *    request names one of them. "*" + "/*" and "pods/*" are not wildcards: they match only the
 *    literal strings.
 *    Non-resource URLs match `*`, the exact path, or a prefix ending in `*`. Everything is
 *    case-sensitive.
 *  - Requests without an object name (create on a collection, deletecollection, and list/watch
 *    without a `metadata.name` field selector) carry the name "", so a rule with resourceNames never
 *    allows them (unless it lists "").
 *  - A ClusterRole's `aggregationRule` is resolved as the clusterrole-aggregation controller does
 *    (pkg/controller/clusterroleaggregation): every ClusterRole (other than itself) whose labels
 *    match one of `clusterRoleSelectors` contributes its rules, deduplicated; one invalid selector
 *    stops the aggregation altogether. Aggregated sources are followed transitively (their own
 *    aggregated rules count), each role once, so cycles end.
 */
import type { ObjectIndex } from '../../core/index.js';
import { isRecord, labelsOf, str, type KubeObject } from '../../core/objects.js';
import type { Path } from '../../core/path.js';
import { matches, parseLabelSelector, type Selector } from '../../core/selectors.js';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';
export const ROLE_KINDS: readonly string[] = ['Role', 'ClusterRole'];
export const BINDING_KINDS: readonly string[] = ['RoleBinding', 'ClusterRoleBinding'];

/** `*`: every verb, API group, resource or non-resource URL (rbacv1.VerbAll, APIGroupAll...). */
export const ALL = '*';

export interface PolicyRule {
  readonly verbs: readonly string[];
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly resourceNames: readonly string[];
  readonly nonResourceURLs: readonly string[];
}

/** Reads a PolicyRule from a manifest value; entries that are not strings are dropped (the API
 *  server would reject the object). */
export function parsePolicyRule(raw: unknown): PolicyRule {
  const r = isRecord(raw) ? raw : {};
  return {
    verbs: strings(r.verbs),
    apiGroups: strings(r.apiGroups),
    resources: strings(r.resources),
    resourceNames: strings(r.resourceNames),
    nonResourceURLs: strings(r.nonResourceURLs),
  };
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

// ---------------------------------------------------------------------------------------------
// Matching, as upstream

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === ALL || v === verb);
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return rule.apiGroups.some((g) => g === ALL || g === group);
}

/** `combined` is `resource` or `resource/subresource`; `subresource` is "" for none. */
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  for (const r of rule.resources) {
    if (r === ALL || r === combined) return true;
    if (subresource.length === 0) continue;
    if (r.length === subresource.length + 2 && r.startsWith('*/') && r.endsWith(subresource)) return true;
  }
  return false;
}

export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  return rule.resourceNames.length === 0 || rule.resourceNames.includes(name);
}

export function nonResourceURLMatches(rule: PolicyRule, url: string): boolean {
  return rule.nonResourceURLs.some((u) => u === ALL || u === url || (u.endsWith('*') && url.startsWith(u.replace(/\*+$/, ''))));
}

export interface ResourceRequest {
  verb: string;
  apiGroup: string;
  resource: string;
  subresource?: string;
  /** The object's name; "" (or absent) for requests without one. */
  name?: string;
}

export interface NonResourceRequest {
  verb: string;
  path: string;
}

/** Whether one rule allows one request (upstream RuleAllows). */
export function ruleAllows(rule: PolicyRule, req: ResourceRequest | NonResourceRequest): boolean {
  if ('path' in req) return verbMatches(rule, req.verb) && nonResourceURLMatches(rule, req.path);
  const sub = req.subresource ?? '';
  const combined = sub ? `${req.resource}/${sub}` : req.resource;
  return (
    verbMatches(rule, req.verb) &&
    apiGroupMatches(rule, req.apiGroup) &&
    resourceMatches(rule, combined, sub) &&
    resourceNameMatches(rule, req.name ?? '')
  );
}

export function rulesAllow(rules: readonly PolicyRule[], req: ResourceRequest | NonResourceRequest): boolean {
  return rules.some((r) => ruleAllows(r, req));
}

/** `*` on `*` in `*`, for every name: what cluster-admin grants on resources. */
export function isFullWildcard(rule: PolicyRule): boolean {
  return (
    rule.verbs.includes(ALL) && rule.apiGroups.includes(ALL) && rule.resources.includes(ALL) && rule.resourceNames.length === 0
  );
}

// ---------------------------------------------------------------------------------------------
// Grants: what a rule lets its subjects do, for any object name

/** A kind of access: any of `verbs` on a resource (or one of its subresources). */
export interface Access {
  verbs: readonly string[];
  apiGroup: string;
  resource: string;
  /** A specific subresource ("exec" for pods/exec). */
  subresource?: string;
  /** Any subresource of the resource (impersonating `userextras/<key>` for any key). */
  anySubresource?: boolean;
  /** Authorized in a namespace although the resource is cluster-scoped: `bind` on clusterroles is
   *  checked in the namespace of the RoleBinding being written, so a Role can grant it. */
  checkedInNamespace?: boolean;
}

/** Whether a rule of a Role (which applies only to requests in its namespace) can grant an access:
 *  not for cluster-scoped resources (nodes, persistentvolumes, CRDs, users...), whose requests
 *  carry no namespace. */
export function roleCanGrant(access: Access): boolean {
  return access.checkedInNamespace === true || resourceScope(access.apiGroup, access.resource) !== 'cluster';
}

export interface Grant {
  /** The verbs of the access the rule allows. */
  verbs: string[];
  /** Object names the grant is limited to (the rule's resourceNames); undefined for any name. */
  names?: readonly string[];
  /** True when the grant comes from a `*` rather than from the literal verb, group or resource. */
  viaWildcard: boolean;
}

/** Requests that carry no object name: create on a collection, deletecollection. (list and watch
 *  carry one when they select `metadata.name`, so resourceNames can restrict them.) */
function carriesName(verb: string, subresource: string | undefined): boolean {
  if (subresource) return true;
  return verb !== 'create' && verb !== 'deletecollection';
}

/** What a rule grants of an access, or undefined when it grants none of it. */
export function grantOf(rule: PolicyRule, access: Access): Grant | undefined {
  if (!apiGroupMatches(rule, access.apiGroup)) return undefined;
  let resourceViaWildcard: boolean;
  if (access.anySubresource) {
    // Some subresource s exists with ResourceMatches(rule, resource/s, s): "*", "resource/<s>" or "*/<s>".
    const prefix = `${access.resource}/`;
    const exact = rule.resources.some((r) => r.startsWith(prefix) && r.length > prefix.length);
    const wild = rule.resources.some((r) => r === ALL || (r.startsWith('*/') && r.length > 2));
    if (!exact && !wild) return undefined;
    resourceViaWildcard = !exact;
  } else {
    const sub = access.subresource ?? '';
    const combined = sub ? `${access.resource}/${sub}` : access.resource;
    if (!resourceMatches(rule, combined, sub)) return undefined;
    resourceViaWildcard = !rule.resources.includes(combined);
  }
  const verbs: string[] = [];
  let names: readonly string[] | undefined;
  let unrestricted = false;
  for (const verb of access.verbs) {
    if (!verbMatches(rule, verb)) continue;
    if (carriesName(verb, access.anySubresource ? 'any' : access.subresource)) {
      if (rule.resourceNames.length === 0) unrestricted = true;
      else names = rule.resourceNames;
    } else {
      // No name on the request: only a rule without resourceNames (or listing "") allows it.
      if (!resourceNameMatches(rule, '')) continue;
      unrestricted = true;
    }
    verbs.push(verb);
  }
  if (verbs.length === 0) return undefined;
  const viaWildcard =
    resourceViaWildcard || !rule.apiGroups.includes(access.apiGroup) || verbs.some((v) => !rule.verbs.includes(v));
  return { verbs, names: unrestricted ? undefined : names, viaWildcard };
}

// ---------------------------------------------------------------------------------------------
// Roles and their effective rules

/** A rule of a role's `rules` list, as seen from the role being evaluated. */
export interface RuleRef {
  rule: PolicyRule;
  /** The role whose `rules` list holds the rule (the evaluated role, or an aggregated source). */
  source: KubeObject;
  /** Index of the rule in the source's `rules`. */
  index: number;
  /** For aggregated rules: the index of the evaluated ClusterRole's clusterRoleSelector that
   *  brought it in; undefined for the role's own rules. */
  selector?: number;
}

/** Where a finding about a rule belongs in the evaluated role: the rule itself, or the selector
 *  that aggregated it. */
export function reportPath(ref: RuleRef): Path {
  return ref.selector === undefined ? ['rules', ref.index] : ['aggregationRule', 'clusterRoleSelectors', ref.selector];
}

/** The rules written in a role's `rules` list. */
export function ownRules(role: KubeObject): RuleRef[] {
  const rules = Array.isArray(role.value.rules) ? role.value.rules : [];
  const out: RuleRef[] = [];
  rules.forEach((raw: unknown, index) => {
    if (isRecord(raw)) out.push({ rule: parsePolicyRule(raw), source: role, index });
  });
  return out;
}

/** A ClusterRole's aggregation selectors; undefined without an aggregationRule, `valid: false`
 *  when one selector is invalid (the controller then leaves the role's rules as they are). */
export function aggregationSelectors(role: KubeObject): { selectors: Selector[]; valid: boolean } | undefined {
  if (role.id.kind !== 'ClusterRole') return undefined;
  const agg = role.value.aggregationRule;
  if (!isRecord(agg)) return undefined;
  const raw = Array.isArray(agg.clusterRoleSelectors) ? agg.clusterRoleSelectors : [];
  const selectors: Selector[] = [];
  for (const s of raw) {
    // A null entry decodes to an empty LabelSelector, which selects every ClusterRole.
    const sel = parseLabelSelector(s === null ? {} : s);
    if (sel.error) return { selectors: [], valid: false };
    selectors.push(sel);
  }
  return { selectors, valid: true };
}

/** ClusterRoles in the input that one selector of `role` aggregates, by name, without itself. */
function selectedRoles(role: KubeObject, selector: Selector, index: ObjectIndex): KubeObject[] {
  return index
    .ofKind('ClusterRole')
    .filter((c) => c !== role && c.id.name !== role.id.name && matches(selector, labelsOf(c.value.metadata)))
    .sort((a, b) => (a.id.name < b.id.name ? -1 : a.id.name > b.id.name ? 1 : 0));
}

/** Whether a ClusterRole aggregates others (its written rules are then the controller's output). */
export function isAggregated(role: KubeObject): boolean {
  return aggregationSelectors(role) !== undefined;
}

/**
 * The rules a role grants: its own `rules` and, for a ClusterRole with an aggregationRule, the
 * rules of the ClusterRoles in the input that it aggregates (transitively, each role once),
 * without rules equal to one already listed.
 *
 * The written rules of an aggregating ClusterRole are kept: in a manifest exported from a cluster
 * they are the controller's last output (covering sources that are not in the input); in an
 * authored manifest the controller would replace them, so keeping them can only over-report.
 */
export function effectiveRules(role: KubeObject, index: ObjectIndex): readonly RuleRef[] {
  // Several rules ask for the same role's rules in one scan; the index only grows (object rules
  // may ask while it is being built), so an entry is valid while the index size is unchanged.
  let perIndex = effectiveCache.get(index);
  if (!perIndex) effectiveCache.set(index, (perIndex = new WeakMap()));
  const cached = perIndex.get(role);
  if (cached && cached.size === index.size) return cached.rules;
  const rules = computeEffectiveRules(role, index);
  perIndex.set(role, { size: index.size, rules });
  return rules;
}

const effectiveCache = new WeakMap<ObjectIndex, WeakMap<KubeObject, { size: number; rules: readonly RuleRef[] }>>();

function computeEffectiveRules(role: KubeObject, index: ObjectIndex): RuleRef[] {
  const out = ownRules(role);
  const agg = aggregationSelectors(role);
  if (!agg?.valid) return out;
  const seen = new Set<KubeObject>([role]);
  const have = (rule: PolicyRule) => out.some((r) => sameRule(r.rule, rule));
  const visit = (source: KubeObject, selector: number) => {
    if (seen.has(source)) return;
    seen.add(source);
    for (const ref of ownRules(source)) if (!have(ref.rule)) out.push({ ...ref, selector });
    const nested = aggregationSelectors(source);
    if (nested?.valid) for (const s of nested.selectors) for (const c of selectedRoles(source, s, index)) visit(c, selector);
  };
  agg.selectors.forEach((s, j) => {
    for (const c of selectedRoles(role, s, index)) visit(c, j);
  });
  return out;
}

/** Rule equality as the aggregation controller's ruleExists (semantic deep equality). */
export function sameRule(a: PolicyRule, b: PolicyRule): boolean {
  const eq = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  return (
    eq(a.verbs, b.verbs) &&
    eq(a.apiGroups, b.apiGroups) &&
    eq(a.resources, b.resources) &&
    eq(a.resourceNames, b.resourceNames) &&
    eq(a.nonResourceURLs, b.nonResourceURLs)
  );
}

/**
 * The API server's own default roles and bindings (label `kubernetes.io/bootstrapping:
 * rbac-defaults`, as in a cluster export): cluster-admin, admin, edit, view and `system:*`. The API
 * server reconciles them at every start, so they are not findings of the manifests. The name check
 * keeps a copied label from hiding anything else.
 */
export function isBootstrapDefault(obj: KubeObject): boolean {
  if (labelsOf(obj.value.metadata)['kubernetes.io/bootstrapping'] !== 'rbac-defaults') return false;
  const name = obj.id.name;
  return ['cluster-admin', 'admin', 'edit', 'view'].includes(name) || name.startsWith('system:');
}

// ---------------------------------------------------------------------------------------------
// Bindings

export interface RoleRefValue {
  kind: string;
  name: string;
}

export function roleRefOf(binding: KubeObject): RoleRefValue | undefined {
  const ref = binding.value.roleRef;
  if (!isRecord(ref)) return undefined;
  const kind = str(ref.kind);
  const name = str(ref.name);
  return kind && name ? { kind, name } : undefined;
}

export interface SubjectRef {
  kind: string;
  name: string;
  /** For ServiceAccounts: the subject's namespace, or the RoleBinding's when it names none. */
  namespace?: string;
  index: number;
  path: Path;
  /** The ServiceAccount the subject stands for: a ServiceAccount subject with a namespace, or a
   *  User named `system:serviceaccount:<namespace>:<name>` (the same identity to the authorizer). */
  serviceAccount?: { namespace: string; name: string };
}

const SA_USER = /^system:serviceaccount:([^:]+):([^:]+)$/;

/** The subjects of a binding. A ServiceAccount subject of a RoleBinding without a namespace is in
 *  the binding's namespace (as the authorizer's appliesToUser reads it). */
export function subjectsOf(binding: KubeObject): SubjectRef[] {
  const list = Array.isArray(binding.value.subjects) ? binding.value.subjects : [];
  const out: SubjectRef[] = [];
  list.forEach((s: unknown, index) => {
    if (!isRecord(s)) return;
    const kind = str(s.kind);
    const name = str(s.name);
    if (!kind || !name) return;
    let namespace = str(s.namespace) || undefined;
    if (kind === 'ServiceAccount' && !namespace && binding.id.kind === 'RoleBinding') namespace = binding.id.namespace;
    const user = kind === 'User' ? SA_USER.exec(name) : null;
    const serviceAccount =
      kind === 'ServiceAccount' && namespace ? { namespace, name } : user ? { namespace: user[1]!, name: user[2]! } : undefined;
    out.push({ kind, name, namespace, index, path: ['subjects', index], serviceAccount });
  });
  return out;
}

/** `Group "system:masters"`, `ServiceAccount "ops/deployer"`. */
export function describeSubject(s: SubjectRef): string {
  return s.kind === 'ServiceAccount' ? `ServiceAccount "${s.namespace ?? '?'}/${s.name}"` : `${s.kind} "${s.name}"`;
}

/** "ClusterRole "edit"", "Role "deployer"". */
export function describeRoleRef(ref: RoleRefValue): string {
  return `${ref.kind} "${ref.name}"`;
}

// ---------------------------------------------------------------------------------------------
// Resource scope (built-in API resources only)

const CLUSTER_SCOPED: Readonly<Record<string, readonly string[]>> = {
  // users and groups are what `impersonate` names; they have no namespace.
  '': ['nodes', 'namespaces', 'persistentvolumes', 'componentstatuses', 'users', 'groups'],
  'rbac.authorization.k8s.io': ['clusterroles', 'clusterrolebindings'],
  'storage.k8s.io': ['storageclasses', 'csidrivers', 'csinodes', 'volumeattachments', 'volumeattributesclasses'],
  'certificates.k8s.io': ['certificatesigningrequests', 'clustertrustbundles', 'signers'],
  'admissionregistration.k8s.io': [
    'mutatingwebhookconfigurations',
    'validatingwebhookconfigurations',
    'validatingadmissionpolicies',
    'validatingadmissionpolicybindings',
    'mutatingadmissionpolicies',
    'mutatingadmissionpolicybindings',
  ],
  'apiextensions.k8s.io': ['customresourcedefinitions'],
  'apiregistration.k8s.io': ['apiservices'],
  'scheduling.k8s.io': ['priorityclasses'],
  'node.k8s.io': ['runtimeclasses'],
  'networking.k8s.io': ['ingressclasses', 'ipaddresses', 'servicecidrs'],
  'flowcontrol.apiserver.k8s.io': ['flowschemas', 'prioritylevelconfigurations'],
  'authentication.k8s.io': ['tokenreviews', 'selfsubjectreviews', 'uids', 'userextras'],
  'authorization.k8s.io': ['subjectaccessreviews', 'selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
  policy: ['podsecuritypolicies'],
  'resource.k8s.io': ['deviceclasses', 'resourceslices'],
  'metrics.k8s.io': ['nodes'],
};

const NAMESPACED: Readonly<Record<string, readonly string[]>> = {
  '': [
    'pods',
    'services',
    'endpoints',
    'configmaps',
    'secrets',
    'serviceaccounts',
    'persistentvolumeclaims',
    'replicationcontrollers',
    'podtemplates',
    'events',
    'limitranges',
    'resourcequotas',
    'bindings',
  ],
  apps: ['deployments', 'replicasets', 'statefulsets', 'daemonsets', 'controllerrevisions'],
  batch: ['jobs', 'cronjobs'],
  autoscaling: ['horizontalpodautoscalers'],
  policy: ['poddisruptionbudgets'],
  'networking.k8s.io': ['networkpolicies', 'ingresses'],
  'discovery.k8s.io': ['endpointslices'],
  'coordination.k8s.io': ['leases'],
  'events.k8s.io': ['events'],
  'rbac.authorization.k8s.io': ['roles', 'rolebindings'],
  'storage.k8s.io': ['csistoragecapacities'],
  'authorization.k8s.io': ['localsubjectaccessreviews'],
  'resource.k8s.io': ['resourceclaims', 'resourceclaimtemplates'],
  'metrics.k8s.io': ['pods'],
};

/** Whether a built-in resource (or `resource/subresource`) lives in namespaces; undefined for
 *  resources this table does not know (custom resources, wildcards). */
export function resourceScope(apiGroup: string, resource: string): 'namespaced' | 'cluster' | undefined {
  if (resource.includes('*') || apiGroup === ALL) return undefined;
  const base = resource.split('/')[0]!;
  if (CLUSTER_SCOPED[apiGroup]?.includes(base)) return 'cluster';
  if (NAMESPACED[apiGroup]?.includes(base)) return 'namespaced';
  return undefined;
}

/**
 * The engine: objects + rules + config -> findings. Pure: no I/O, no clock, no environment.
 * Object rules run as each object arrives (so callers can stream documents); index rules run
 * once every object is in the index. A rule that throws is recorded as an error, never a pass.
 */
import { fingerprintOf, type Finding, type Severity } from './finding.js';
import { ObjectIndex, type World } from './index.js';
import { POD_BEARING_KINDS, type KubeObject } from './objects.js';
import { defaultOptions, type AnyRule, type ReportInput } from './rule.js';
import { inlineIgnores, suppressionFor, type Exception, type SuppressionPolicy } from './suppress.js';
import type { ObjectMatch } from './suppress.js';

/** A rule as the engine runs it: enabled, with its effective severity and options. */
export interface ActiveRule {
  rule: AnyRule;
  severity: Severity;
  options: Record<string, unknown>;
  /** The user set the severity (config): reports keep it. */
  severityFromConfig?: boolean;
}

export interface EngineConfig {
  rules: readonly ActiveRule[];
  world?: World;
  inlineSuppressions?: boolean;
  exclusions?: readonly ObjectMatch[];
  exceptions?: readonly Exception[];
  baseline?: ReadonlySet<string>;
  /** YYYY-MM-DD, for exception expiry (given, so the engine reads no clock). */
  today: string;
  /** The stored version of an object being changed (an admission UPDATE's oldObject). */
  previous?: (obj: KubeObject) => KubeObject | undefined;
}

export interface RuleError {
  ruleId: string;
  object: KubeObject['id'];
  message: string;
}

export interface EvaluationResult {
  /** Every finding, suppressed ones included (they carry `suppression`). */
  findings: Finding[];
  ruleErrors: RuleError[];
  objects: number;
  rulesEvaluated: number;
  /** Exceptions past their expiry date: they no longer suppress anything. */
  expiredExceptions: Exception[];
}

/** Kinds the index keeps besides those index rules target: what relations are built from. */
const RELATION_KINDS = new Set([
  ...POD_BEARING_KINDS,
  'Namespace',
  'Service',
  'ServiceAccount',
  'PodDisruptionBudget',
  'HorizontalPodAutoscaler',
  'VerticalPodAutoscaler',
  'NetworkPolicy',
  'Ingress',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'LimitRange',
  'ResourceQuota',
  'GlobalNetworkPolicy',
  'CiliumNetworkPolicy',
  'CiliumClusterwideNetworkPolicy',
  'HTTPRoute',
  'Gateway',
]);

/** How a rule list dispatches: computed once per list (a webhook evaluates every review with the
 *  same list, so it must not pay for this per request). */
interface Dispatch {
  objectRules: Map<string, ActiveRule[]>;
  objectRulesAll: ActiveRule[];
  indexRules: ActiveRule[];
  indexKinds: Set<string>;
  allIndexed: boolean;
  /** PSS control rules by id -> their upstream control (for dropping twins). */
  pssControl: Map<string, string>;
}

const dispatchCache = new WeakMap<readonly ActiveRule[], Dispatch>();

function dispatchOf(rules: readonly ActiveRule[]): Dispatch {
  const cached = dispatchCache.get(rules);
  if (cached) return cached;
  const d: Dispatch = {
    objectRules: new Map(),
    objectRulesAll: [],
    indexRules: [],
    indexKinds: new Set(RELATION_KINDS),
    allIndexed: false,
    pssControl: new Map(),
  };
  for (const ar of rules) {
    const { targets, needs, pss } = ar.rule.meta;
    if (pss) d.pssControl.set(ar.rule.meta.id, pss.control);
    // A namespace rule reads the object's Namespace from the index: it runs with the index rules.
    if (needs !== 'object') {
      d.indexRules.push(ar);
      for (const k of ar.rule.meta.related ?? []) d.indexKinds.add(k);
      if (targets === '*') d.allIndexed = true;
      else for (const k of targets) d.indexKinds.add(k);
    } else if (targets === '*') d.objectRulesAll.push(ar);
    else for (const k of targets) pushTo(d.objectRules, k, ar);
  }
  dispatchCache.set(rules, d);
  return d;
}

export class Evaluation {
  readonly index: ObjectIndex;
  private readonly findings: Finding[] = [];
  private readonly ruleErrors: RuleError[] = [];
  private readonly objectRules: Map<string, ActiveRule[]>;
  private readonly objectRulesAll: ActiveRule[];
  private readonly indexRules: ActiveRule[];
  private readonly indexKinds: Set<string>;
  private readonly policy: SuppressionPolicy;
  private readonly allIndexed: boolean;
  private objects = 0;
  private finished = false;

  constructor(private readonly config: EngineConfig) {
    this.index = new ObjectIndex(config.world ?? 'files');
    ({
      objectRules: this.objectRules,
      objectRulesAll: this.objectRulesAll,
      indexRules: this.indexRules,
      indexKinds: this.indexKinds,
      allIndexed: this.allIndexed,
    } = dispatchOf(config.rules));
    this.policy = {
      inline: config.inlineSuppressions ?? true,
      exclusions: config.exclusions ?? [],
      exceptions: config.exceptions ?? [],
      baseline: config.baseline,
      today: config.today,
    };
  }

  /** Evaluates object rules on one object and indexes it for the index rules. */
  add(obj: KubeObject): void {
    if (this.finished) throw new Error('evaluation already finished');
    this.objects++;
    if (this.allIndexed || this.indexKinds.has(obj.id.kind)) this.index.add(obj);
    const rules = this.objectRules.get(obj.id.kind);
    if (rules) for (const ar of rules) this.run(ar, obj);
    for (const ar of this.objectRulesAll) this.run(ar, obj);
  }

  finish(): EvaluationResult {
    if (!this.finished) {
      this.finished = true;
      for (const ar of this.indexRules) {
        const { targets } = ar.rule.meta;
        const kinds = targets === '*' ? this.allKinds() : targets;
        // Index loops: this runs per rule and kind for every webhook review.
        for (let k = 0; k < kinds.length; k++) {
          const objs = this.index.ofKind(kinds[k]!);
          for (let i = 0; i < objs.length; i++) this.run(ar, objs[i]!);
        }
      }
      this.dropPssTwins();
    }
    return {
      findings: this.findings,
      ruleErrors: this.ruleErrors,
      objects: this.objects,
      rulesEvaluated: this.config.rules.length,
      expiredExceptions: this.policy.exceptions.filter((e) => e.expires < this.policy.today),
    };
  }

  /** A PSS control finding adds nothing when a rule mapped to the same control already reports
   *  the object (with the offending field's path and a fix): keep that one. */
  private dropPssTwins(): void {
    const { pssControl } = dispatchOf(this.config.rules);
    if (pssControl.size === 0 || !this.findings.some((f) => pssControl.has(f.ruleId))) return;
    const objectKey = (f: Finding) => `${f.object.kind}\u0000${f.object.namespace ?? ''}\u0000${f.object.name}`;
    const covered = new Set<string>();
    for (const f of this.findings) {
      if (pssControl.has(f.ruleId) || f.suppression) continue;
      for (const c of f.controls) if (c.framework === 'pss') covered.add(`${objectKey(f)}\u0000${c.id.split('/').pop()}`);
    }
    if (covered.size === 0) return;
    // Admission predictions (from namespace labels) say something the twin does not: keep them.
    const keep = this.findings.filter((f) => {
      const control = f.admission === undefined ? pssControl.get(f.ruleId) : undefined;
      return control === undefined || !covered.has(`${objectKey(f)}\u0000${control}`);
    });
    this.findings.splice(0, this.findings.length, ...keep);
  }

  private allKinds(): string[] {
    const kinds = new Set<string>();
    for (const k of RELATION_KINDS) kinds.add(k);
    for (const ar of this.indexRules) if (ar.rule.meta.targets !== '*') for (const k of ar.rule.meta.targets) kinds.add(k);
    return [...kinds];
  }

  /** The rule and object being checked: `report` reads them. One context object serves every
   *  check (checks are synchronous, one at a time), so a check costs no allocation unless it
   *  reports; a webhook runs ~150 checks per review. */
  private currentRule!: ActiveRule;
  private currentObject!: KubeObject;
  /** Inline ignore annotations of the current object, read on its first finding. */
  private ignoresOf: { obj: KubeObject; ignores: ReturnType<typeof inlineIgnores> } | undefined;
  private readonly ctx: {
    options: ActiveRule['options'];
    index: ObjectIndex;
    report: (r: ReportInput) => void;
    oldObject?: KubeObject;
  } = {
    options: {},
    index: undefined as unknown as ObjectIndex,
    report: (r) => this.report(r),
  };

  private report(r: ReportInput): void {
    const ar = this.currentRule;
    const obj = this.currentObject;
    const { meta } = ar.rule;
    if (this.ignoresOf?.obj !== obj) this.ignoresOf = { obj, ignores: inlineIgnores(obj) };
    const fields: Omit<Finding, 'fingerprint'> = {
      ruleId: meta.id,
      severity: r.severity && !ar.severityFromConfig ? r.severity : ar.severity,
      category: meta.category,
      message: r.message,
      object: obj.id,
      path: r.path,
      source: obj.source,
      controls: meta.controls,
      remediation: meta.remediation,
      fixable: typeof ar.rule.fix === 'function',
    };
    const finding = new LazyFinding(fields, obj) as unknown as Finding;
    if (r.admission) finding.admission = r.admission;
    const suppression = suppressionFor(finding, this.ignoresOf.ignores, this.policy);
    if (suppression) finding.suppression = suppression;
    this.findings.push(finding);
  }

  private run(ar: ActiveRule, obj: KubeObject): void {
    this.currentRule = ar;
    this.currentObject = obj;
    const ctx = this.ctx;
    ctx.options = ar.options;
    ctx.index = this.index;
    ctx.oldObject = this.config.previous?.(obj);
    try {
      ar.rule.check(obj, ctx);
    } catch (e) {
      this.ruleErrors.push({ ruleId: ar.rule.meta.id, object: obj.id, message: e instanceof Error ? e.message : String(e) });
    }
  }
}

/** A finding whose fingerprint (a sha256) is computed on first read: baselines and reports read
 *  it, admission reviews mostly do not. A prototype getter keeps findings fast, plain-shaped
 *  objects (a per-object accessor would not). Reporters copy the fields they need. */
class LazyFinding {
  declare ruleId: string;
  private fp?: string;
  constructor(
    fields: Omit<Finding, 'fingerprint'>,
    private readonly obj: KubeObject,
  ) {
    Object.assign(this, fields);
  }
  get fingerprint(): string {
    return (this.fp ??= fingerprintOf(this.ruleId, this.obj.id, (this as unknown as Finding).path));
  }
}

/** Evaluates a complete list of objects. */
export function evaluate(objects: Iterable<KubeObject>, config: EngineConfig): EvaluationResult {
  const ev = new Evaluation(config);
  for (const o of objects) ev.add(o);
  return ev.finish();
}

/** Rules at their default severity and options (what tests and simple callers want). */
export function activate(rules: readonly AnyRule[]): ActiveRule[] {
  return rules.map((rule) => ({ rule, severity: rule.meta.severity, options: defaultOptions(rule.meta) }));
}

function pushTo<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

/**
 * One review in, one response out: the decision logic of /validate and /mutate, with no I/O
 * (the server does HTTP, metrics and logs). Findings come from the one engine with the rules
 * `palisade scan` runs, restricted to those that decide from the object alone; the rest are
 * reported as skipped rather than silently passing.
 */
import { activeRules, withToday, type PalisadeConfig } from '../core/config.js';
import { evaluate, type ActiveRule, type EngineConfig, type EvaluationResult } from '../core/engine.js';
import type { Finding } from '../core/finding.js';
import { describeObject, identityOf, labelsOf, type JsonObject, type KubeObject } from '../core/objects.js';
import type { AnyRule } from '../core/rule.js';
import type { Decision, Endpoint } from './metrics.js';
import { mutate, MutationError } from './mutate.js';
import { classify, exemption, findingKey, thresholdsFor, type WebhookPolicy } from './policy.js';
import {
  auditFindings,
  BadReview,
  denialMessage,
  objectOf,
  oldObjectOf,
  reviewOut,
  warningsOf,
  type AdmissionResponse,
  type ParsedReview,
  type ReviewOut,
} from './review.js';
import { formatPath } from '../core/path.js';

export interface AdmitterOptions {
  rules: readonly AnyRule[];
  config: PalisadeConfig;
  policy: WebhookPolicy;
  /** YYYY-MM-DD, for exception expiry (a function: the server runs for months). */
  today: () => string;
  /** A Namespace as the API server stores it, from the namespace cache (undefined without one,
   *  or before it knows the namespace). Its labels feed the PSS rules (pod-security.kubernetes.io)
   *  and the palisade.dev/enforce|warn|audit overrides, as they do in a scan with the Namespace. */
  namespaceOf?: (namespace: string) => JsonObject | undefined;
}

export interface Outcome {
  review: ReviewOut;
  decision: Decision;
  /** Unsuppressed findings (for metrics); empty for dry runs, which must leave no trace. */
  counted: readonly Finding[];
  /** Set when the failure mode answered. */
  internalError?: string;
}

/** Whether a rule can run on one object at admission (and so may mutate, if it has a fix):
 *  rules that need only the object, and rules that need only its Namespace. */
export function runsAtAdmission(rule: AnyRule): boolean {
  return rule.meta.needs !== 'index';
}

const NAMESPACE_SOURCE = { file: 'namespace-cache', line: 1, document: 0 } as const;

const sameObject = (a: KubeObject, b: KubeObject): boolean =>
  a.id.kind === b.id.kind && a.id.name === b.id.name && a.id.namespace === b.id.namespace;

interface RuleSets {
  day: string;
  admission: readonly ActiveRule[];
  skipped: readonly ActiveRule[];
  mutation: readonly ActiveRule[];
}

export class Admitter {
  /** Enabled rules that need other objects: never run at admission. */
  readonly skippedRules: readonly ActiveRule[];
  private sets: RuleSets;

  constructor(private readonly opts: AdmitterOptions) {
    this.sets = this.select(opts.today());
    this.skippedRules = this.sets.skipped;
    const inactive = opts.policy.mutate.filter((id) => !this.sets.mutation.some((ar) => ar.rule.meta.id === id));
    // A rule listed for mutation but disabled in the rules config would silently never mutate.
    if (inactive.length > 0) throw new Error(`rules listed under webhook.mutate are not enabled: ${inactive.join(', ')}`);
  }

  /** Enabled rules run on each review. */
  get admissionRules(): readonly ActiveRule[] {
    return this.current().admission;
  }

  get mutationRules(): readonly ActiveRule[] {
    return this.current().mutation;
  }

  /** Rules that judge ages read "today" from their options (the engine reads no clock): the
   *  server runs for months, so the lists are rebuilt when the day changes (once a day; the
   *  engine caches its dispatch per list). */
  private current(): RuleSets {
    const day = this.opts.today();
    if (day !== this.sets.day) this.sets = this.select(day);
    return this.sets;
  }

  private select(day: string): RuleSets {
    const { active, errors } = activeRules(this.opts.rules, withToday(this.opts.config, this.opts.rules, day), {});
    if (errors.length > 0) throw new Error(errors.join('\n'));
    const admission = active.filter((ar) => runsAtAdmission(ar.rule));
    const mutating = new Set(this.opts.policy.mutate);
    return {
      day,
      admission,
      skipped: active.filter((ar) => !runsAtAdmission(ar.rule)),
      mutation: admission.filter((ar) => mutating.has(ar.rule.meta.id) && typeof ar.rule.fix === 'function'),
    };
  }

  /** The engine's config for one review, from one snapshot of the rule sets (one clock read per
   *  review). With `obj` and its stored version `old` (an UPDATE), rules see `ctx.oldObject`. */
  private engine(sets: RuleSets, obj?: KubeObject, old?: KubeObject): EngineConfig {
    const { config, policy } = this.opts;
    return {
      rules: sets.admission,
      // By identity: mutation re-evaluates copies of the object that keep its id.
      previous: obj && old ? (o) => (o.id === obj.id ? old : undefined) : undefined,
      inlineSuppressions: (config.inlineSuppressions ?? true) && policy.inlineSuppressions,
      exclusions: config.exclude,
      exceptions: config.exceptions,
      today: sets.day,
    };
  }

  /** The Namespace the object lives in, as an object the engine can index (or undefined). */
  private namespaceObject(name: string | undefined): { obj?: KubeObject; labels?: Readonly<Record<string, string>> } {
    const value = name === undefined ? undefined : this.opts.namespaceOf?.(name);
    const ident = value && identityOf(value);
    if (!value || !ident || ident.id.kind !== 'Namespace') return {};
    return { obj: { id: ident.id, value, source: NAMESPACE_SOURCE }, labels: labelsOf(value.metadata) };
  }

  /** Findings on `obj`, evaluated beside its Namespace when the cache knows it (the Namespace's
   *  own findings are not this review's business). */
  private findingsOf(obj: KubeObject, ns: KubeObject | undefined, engine: EngineConfig): EvaluationResult {
    const result = evaluate(ns && !sameObject(ns, obj) ? [ns, obj] : [obj], engine);
    if (ns) result.findings = result.findings.filter((f) => f.object === obj.id);
    return result;
  }

  /** Requests the webhook does not evaluate, with the reason; undefined when it evaluates. */
  private pass(endpoint: Endpoint, review: ParsedReview, sets: RuleSets): Outcome | undefined {
    const { request: req, apiVersion } = review;
    const answer = (decision: Decision, why: string): Outcome => ({
      review: reviewOut(apiVersion, { uid: req.uid, allowed: true, auditAnnotations: { decision, reason: why } }),
      decision,
      counted: [],
    });
    // Status, scale, exec...: rules judge whole objects, and a subresource body is not one.
    if (req.subResource) return answer('skipped', `subresource ${req.subResource} is not evaluated`);
    if (req.operation === 'DELETE' || req.operation === 'CONNECT')
      return answer('skipped', `${req.operation} is not evaluated (no rule asks for it)`);
    const exempt = exemption(this.opts.policy, req.namespace, req.userInfo);
    if (exempt) return answer('exempt', exempt);
    if (endpoint === 'mutate' && sets.mutation.length === 0) return answer('allowed', 'no rule is enabled for mutation');
    return undefined;
  }

  validate(review: ParsedReview): Outcome {
    const sets = this.current();
    const early = this.pass('validate', review, sets);
    if (early) return early;
    const { request: req, apiVersion } = review;
    const obj = objectOf(req);
    if (!obj) throw new BadReview('request.object is not a Kubernetes object');
    const old = req.operation === 'UPDATE' ? oldObjectOf(req, obj) : undefined;
    const engine = this.engine(sets, obj, old);
    const ns = this.namespaceObject(obj.id.namespace ?? req.namespace);
    const result = this.findingsOf(obj, ns.obj, engine);
    const t = thresholdsFor(this.opts.policy, obj.id.namespace ?? req.namespace, ns.labels);
    // On UPDATE, a finding the stored object already had is not what this change introduces.
    const existing =
      old && this.opts.policy.existingFindingsOnUpdate === 'warn' ? this.existing(old, ns.obj, this.engine(sets)) : undefined;
    const c = classify(result.findings, t, existing);
    const counted = req.dryRun ? [] : result.findings.filter((f) => !f.suppression);

    const audit: Record<string, string> = {};
    if (c.audit.length > 0) audit.findings = auditFindings(c.audit);
    if (this.skippedRules.length > 0) audit['skipped-rules'] = String(this.skippedRules.length);
    const extra: string[] = [];
    let internalError: string | undefined;
    if (result.ruleErrors.length > 0) {
      internalError = result.ruleErrors.map((e) => `rule ${e.ruleId} failed: ${e.message}`).join('; ');
      audit.error = internalError;
      if (this.opts.policy.failureMode === 'deny') {
        audit.decision = 'error';
        const response: AdmissionResponse = {
          uid: req.uid,
          allowed: false,
          status: {
            code: 500,
            reason: 'InternalError',
            message: `palisade could not evaluate ${describeObject(obj.id)} (${internalError}); the failure mode is deny`,
          },
          auditAnnotations: audit,
        };
        return { review: reviewOut(apiVersion, response), decision: 'error', counted, internalError };
      }
      extra.push(`palisade: ${internalError}; allowed by the failure mode (allow)`);
    }

    const allowed = c.deny.length === 0;
    const decision: Decision = internalError ? 'error' : !allowed ? 'denied' : c.warn.length > 0 ? 'warned' : 'allowed';
    audit.decision = decision;
    const response: AdmissionResponse = { uid: req.uid, allowed, auditAnnotations: audit };
    if (!allowed) response.status = { code: 403, reason: 'Forbidden', message: denialMessage(obj, c.deny, String(t.enforce)) };
    const warnings = warningsOf(c.warn, extra);
    if (warnings) response.warnings = warnings;
    return { review: reviewOut(apiVersion, response), decision, counted, internalError };
  }

  /** Keys (rule and path) of the findings the stored object has. */
  private existing(old: KubeObject, ns: KubeObject | undefined, engine: EngineConfig): Set<string> {
    const keys = new Set<string>();
    for (const f of this.findingsOf(old, ns, engine).findings) if (!f.suppression) keys.add(findingKey(f));
    return keys;
  }

  mutate(review: ParsedReview): Outcome {
    const sets = this.current();
    const early = this.pass('mutate', review, sets);
    if (early) return early;
    const { request: req, apiVersion } = review;
    const obj = objectOf(req);
    if (!obj) throw new BadReview('request.object is not a Kubernetes object');
    let m;
    try {
      const ns = this.namespaceObject(obj.id.namespace ?? req.namespace);
      m = mutate(
        obj,
        sets.mutation,
        this.engine(sets, obj, req.operation === 'UPDATE' ? oldObjectOf(req, obj) : undefined),
        ns.obj,
      );
    } catch (e) {
      if (!(e instanceof MutationError)) throw e;
      const deny = this.opts.policy.failureMode === 'deny';
      const response: AdmissionResponse = deny
        ? {
            uid: req.uid,
            allowed: false,
            status: { code: 500, reason: 'InternalError', message: `palisade: ${e.message}; the failure mode is deny` },
          }
        : { uid: req.uid, allowed: true, warnings: [`palisade: ${e.message}; not mutated (failure mode allow)`] };
      response.auditAnnotations = { decision: 'error', error: e.message };
      return { review: reviewOut(apiVersion, response), decision: 'error', counted: [], internalError: e.message };
    }
    if (m.patch.length === 0)
      return {
        review: reviewOut(apiVersion, { uid: req.uid, allowed: true, auditAnnotations: { decision: 'allowed' } }),
        decision: 'allowed',
        counted: [],
      };
    const fixed = m.fixed.map((f) => `[${f.ruleId}] ${formatPath(f.path)}`);
    const response: AdmissionResponse = {
      uid: req.uid,
      allowed: true,
      patchType: 'JSONPatch',
      patch: Buffer.from(JSON.stringify(m.patch)).toString('base64'),
      // Users see what was changed for them (kubectl prints warnings), the audit log records it.
      warnings: warningsOf([], [`palisade mutated ${describeObject(obj.id)}: ${fixed.join(', ')}`]),
      auditAnnotations: { decision: 'patched', mutations: JSON.stringify(fixed) },
    };
    return { review: reviewOut(apiVersion, response), decision: 'patched', counted: [] };
  }
}

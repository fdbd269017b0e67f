/**
 * One review in, one response out: the decision logic of /validate and /mutate, with no I/O
 * (the server does HTTP, metrics and logs). Findings come from the one engine with the rules
 * `palisade scan` runs, restricted to those that decide from the object alone; the rest are
 * reported as skipped rather than silently passing.
 */
import { activeRules, type PalisadeConfig } from '../core/config.js';
import { evaluate, type ActiveRule, type EngineConfig } from '../core/engine.js';
import type { Finding } from '../core/finding.js';
import { describeObject } from '../core/objects.js';
import type { AnyRule } from '../core/rule.js';
import type { Decision, Endpoint } from './metrics.js';
import { mutate, MutationError } from './mutate.js';
import { classify, exemption, thresholdsFor, type WebhookPolicy } from './policy.js';
import {
  auditFindings,
  BadReview,
  denialMessage,
  objectOf,
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
  /** Labels of a namespace, from an informer; undefined until one exists (see policy.ts). */
  namespaceLabels?: (namespace: string) => Readonly<Record<string, string>> | undefined;
}

export interface Outcome {
  review: ReviewOut;
  decision: Decision;
  /** Unsuppressed findings (for metrics); empty for dry runs, which must leave no trace. */
  counted: readonly Finding[];
  /** Set when the failure mode answered. */
  internalError?: string;
}

/** Whether a rule can run on one object at admission (and so may mutate, if it has a fix). */
export function runsAtAdmission(rule: AnyRule): boolean {
  return rule.meta.needs === 'object';
}

export class Admitter {
  /** Enabled rules run on each review. */
  readonly admissionRules: readonly ActiveRule[];
  /** Enabled rules that need other objects: skipped until a cluster cache exists. */
  readonly skippedRules: readonly ActiveRule[];
  readonly mutationRules: readonly ActiveRule[];

  constructor(private readonly opts: AdmitterOptions) {
    const { active, errors } = activeRules(opts.rules, opts.config, {});
    if (errors.length > 0) throw new Error(errors.join('\n'));
    this.admissionRules = active.filter((ar) => runsAtAdmission(ar.rule));
    this.skippedRules = active.filter((ar) => !runsAtAdmission(ar.rule));
    const mutating = new Set(opts.policy.mutate);
    this.mutationRules = this.admissionRules.filter((ar) => mutating.has(ar.rule.meta.id) && typeof ar.rule.fix === 'function');
    const inactive = opts.policy.mutate.filter((id) => !this.mutationRules.some((ar) => ar.rule.meta.id === id));
    // A rule listed for mutation but disabled in the rules config would silently never mutate.
    if (inactive.length > 0) throw new Error(`rules listed under webhook.mutate are not enabled: ${inactive.join(', ')}`);
  }

  private engine(): Omit<EngineConfig, 'rules'> {
    const { config, policy } = this.opts;
    return {
      inlineSuppressions: (config.inlineSuppressions ?? true) && policy.inlineSuppressions,
      exclusions: config.exclude,
      exceptions: config.exceptions,
      today: this.opts.today(),
    };
  }

  /** Requests the webhook does not evaluate, with the reason; undefined when it evaluates. */
  private pass(endpoint: Endpoint, review: ParsedReview): Outcome | undefined {
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
    if (endpoint === 'mutate' && this.mutationRules.length === 0) return answer('allowed', 'no rule is enabled for mutation');
    return undefined;
  }

  validate(review: ParsedReview): Outcome {
    const early = this.pass('validate', review);
    if (early) return early;
    const { request: req, apiVersion } = review;
    const obj = objectOf(req);
    if (!obj) throw new BadReview('request.object is not a Kubernetes object');
    const result = evaluate([obj], { ...this.engine(), rules: this.admissionRules });
    const labels = req.namespace ? this.opts.namespaceLabels?.(req.namespace) : undefined;
    const t = thresholdsFor(this.opts.policy, obj.id.namespace ?? req.namespace, labels);
    const c = classify(result.findings, t);
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

  mutate(review: ParsedReview): Outcome {
    const early = this.pass('mutate', review);
    if (early) return early;
    const { request: req, apiVersion } = review;
    const obj = objectOf(req);
    if (!obj) throw new BadReview('request.object is not a Kubernetes object');
    let m;
    try {
      m = mutate(obj, this.mutationRules, this.engine());
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

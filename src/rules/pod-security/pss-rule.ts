/**
 * The shape every Pod Security Standards control rule shares: run the upstream check for one
 * control at the policy that applies to the object's namespace — its Pod Security Admission
 * labels when a labelled Namespace object is in the input (enforce, else warn, else audit), or
 * the rule options `level`/`version` (`--pss-level`/`--pss-version`) otherwise.
 */
import { labelsOf, podTemplateOf, POD_BEARING_KINDS, type KubeObject, type PodTemplateRef } from '../../core/objects.js';
import { defineRule, type PatchOp, type Rule } from '../../core/rule.js';
import type { ControlRef, Severity } from '../../core/finding.js';
import { effectiveVersion, selectChecks } from '../../core/pss/evaluate.js';
import { hasPolicyLabels, MODES, policyFromLabels, type Mode } from '../../core/pss/namespace-policy.js';
import { formatVersion, parseLevel, parseVersion, type CheckFn, type Level, type Version } from '../../core/pss/types.js';

export interface PssControlSpec {
  id: string;
  /** Upstream check ID, e.g. "runAsNonRoot". */
  control: string;
  level: 'baseline' | 'restricted';
  title: string;
  severity: Severity;
  description: string;
  remediation: string;
  controls?: readonly ControlRef[];
  /** A patch that makes the pod meet this control, or undefined when only a person can decide
   *  (an explicit opposite setting). Used by `--fix`-style callers and the mutating webhook. */
  fix?: (tpl: PodTemplateRef, obj: KubeObject) => PatchOp[] | undefined;
}

const OPTIONS = {
  level: {
    type: 'string',
    enum: ['privileged', 'baseline', 'restricted'],
    default: 'restricted',
    description: 'Level to evaluate namespaces without Pod Security Admission labels at (`--pss-level`).',
  },
  version: {
    type: 'string',
    default: 'latest',
    description: 'Policy version for namespaces without labels: "latest" or "v1.N" (`--pss-version`).',
  },
} as const;

const checksAt = new Map<string, Map<string, CheckFn>>();
/** control, level and requested version -> the check and its label: asked for every pod by
 *  every PSS rule (at admission, per request), so computed once. */
const resolved = new Map<string, Map<number | 'latest', Map<string, { check?: CheckFn; label: string }>>>();

/** The check upstream runs for a control at a level and version, or undefined when that policy
 *  does not include it (lower level, older version, or overridden by a restricted check). */
function checkFor(control: string, level: Level, version: Version): { check?: CheckFn; label: string } {
  let byVersion = resolved.get(level);
  if (!byVersion) resolved.set(level, (byVersion = new Map()));
  const vkey = version.latest ? 'latest' : version.minor;
  let byControl = byVersion.get(vkey);
  if (!byControl) byVersion.set(vkey, (byControl = new Map()));
  const hit = byControl.get(control);
  if (hit) return hit;
  const v = effectiveVersion(version);
  const key = `${level}:${formatVersion(v)}`;
  let checks = checksAt.get(key);
  if (!checks) checksAt.set(key, (checks = new Map(selectChecks(level, v).map((c) => [c.id, c.check]))));
  const out = {
    check: checks.get(control),
    label: `${level}:${formatVersion(version)}${version.latest ? ` (${formatVersion(v)})` : ''}`,
  };
  byControl.set(control, out);
  return out;
}

function forbidden(
  control: string,
  level: Level,
  version: Version,
  tpl: PodTemplateRef,
): { text: string; label: string } | undefined {
  const { check, label } = checkFor(control, level, version);
  if (!check) return undefined;
  const r = check(tpl.metadata, tpl.spec);
  if (r.allowed) return undefined;
  const reason = r.forbiddenReason || 'unknown forbidden reason';
  return { text: r.forbiddenDetail ? `${reason} (${r.forbiddenDetail})` : reason, label };
}

const MODE_SEVERITY: Record<Mode, Severity | undefined> = { enforce: undefined, warn: 'medium', audit: 'low' };

export function pssControlRule(spec: PssControlSpec): Rule<typeof OPTIONS> {
  return defineRule({
    meta: {
      id: spec.id,
      title: spec.title,
      severity: spec.severity,
      category: 'pod-security',
      targets: POD_BEARING_KINDS,
      needs: 'namespace',
      pss: { level: spec.level, control: spec.control },
      controls: [{ framework: 'pss', id: `${spec.level}/${spec.control}` }, ...(spec.controls ?? [])],
      description:
        `${spec.description} Evaluated exactly as Kubernetes' Pod Security Admission (k8s.io/pod-security-admission) ` +
        `evaluates its "${spec.control}" check (${spec.level} level), for the policy version in force.`,
      remediation: spec.remediation,
      options: OPTIONS,
      scope:
        "When the input holds the object's Namespace with pod-security.kubernetes.io/* labels, the namespace's enforce, warn " +
        'and audit policies decide (the strongest mode that forbids it is reported). Otherwise the `level` and `version` options ' +
        '(`--pss-level`, `--pss-version`; restricted and latest by default) decide. In that case a finding is dropped when ' +
        'another rule mapped to the same control already reports the object with the offending field.',
      references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/'],
    },
    check(obj, ctx) {
      const tpl = podTemplateOf(obj);
      if (!tpl) return;
      const ns = obj.id.namespace ? ctx.index.get('Namespace', undefined, obj.id.namespace) : undefined;
      const labels = labelsOf(ns?.value.metadata);
      if (ns && hasPolicyLabels(labels)) {
        const { policy } = policyFromLabels(labels);
        for (const mode of MODES) {
          const f = forbidden(spec.control, policy[mode].level, policy[mode].version, tpl);
          if (!f) continue;
          const what =
            mode === 'enforce'
              ? `would be rejected at admission: namespace "${ns.id.name}" enforces ${f.label}`
              : mode === 'warn'
                ? `admission warning: namespace "${ns.id.name}" warns at ${f.label}`
                : `admission audit: namespace "${ns.id.name}" audits at ${f.label}`;
          ctx.report({ path: tpl.specPath, message: `${what}: ${f.text}`, severity: MODE_SEVERITY[mode], admission: mode });
          return;
        }
        return;
      }
      const f = forbidden(spec.control, parseLevel(ctx.options.level), parseVersion(ctx.options.version), tpl);
      if (f) ctx.report({ path: tpl.specPath, message: `Pod Security Standards ${f.label} forbid it: ${f.text}` });
    },
    ...(spec.fix
      ? {
          fix(obj: KubeObject) {
            const tpl = podTemplateOf(obj);
            return tpl ? spec.fix!(tpl, obj) : undefined;
          },
        }
      : {}),
  });
}

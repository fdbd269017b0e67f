/**
 * Compliance evaluation: catalogs + the result of one scan -> per-control status, failing objects,
 * scores, and a risk score per finding. Pure: no I/O, no clock (the caller passes what it knows).
 *
 * Status of a control:
 *  - manual          no Palisade rule gives evidence; never counted as passed
 *  - not-evaluated   rules are mapped but none ran (disabled, opt-in not enabled) or one failed
 *                    with an error: the report must not look cleaner than the truth
 *  - fail            an unsuppressed finding of a mapped rule
 *  - not-applicable  the mapped rules ran, and no object of the kinds they check was in the input
 *  - pass            the mapped rules ran on objects in scope and found nothing
 * Suppressed findings (annotation, config exclusion, exception) do not fail a control: they are
 * accepted risks and are listed with the control as `excepted`. Baseline suppressions are not
 * accepted risks: they still fail the control.
 *
 * Score = passed / (passed + failed), per section, per framework; manual, not-applicable and
 * not-evaluated controls are left out (and shown with their counts).
 */
import { severityRank, type Finding, type Severity } from '../core/finding.js';
import type { ObjectIdentity } from '../core/objects.js';
import { formatPath } from '../core/path.js';
import type { RuleMeta } from '../core/rule.js';
import { CATALOGS } from './catalogs/index.js';
import type { ExposureContext, ExposureInfo } from './exposure.js';
import type { Catalog, CatalogControl, Evidence, FrameworkId } from './types.js';

export const STATUSES = ['fail', 'pass', 'not-applicable', 'not-evaluated', 'manual'] as const;
export type ControlStatus = (typeof STATUSES)[number];

export interface ComplianceInput {
  /** Every finding of the scan, suppressed ones included (they carry `suppression`). */
  findings: readonly Finding[];
  /** Metadata of the rules that ran. */
  rules: readonly Pick<RuleMeta, 'id' | 'targets'>[];
  /** Rules that threw on some object. */
  ruleErrors: readonly { ruleId: string }[];
  /** Number of objects of each kind in the input. */
  kinds: ReadonlyMap<string, number>;
  /** Exposure of objects, when the scan's index is available. */
  exposure?: ExposureContext;
}

export interface FailingObject {
  ruleId: string;
  severity: Severity;
  object: ObjectIdentity;
  file: string;
  line: number;
  column: number;
  path: string;
  message: string;
  fingerprint: string;
}

export interface ControlRule {
  ruleId: string;
  why: string;
  /** Whether the rule ran in this scan. */
  ran: boolean;
  findings: number;
}

export interface ControlResult {
  id: string;
  title: string;
  description: string;
  section: string;
  evidence: Evidence;
  status: ControlStatus;
  /** Why a control is not-evaluated or not-applicable. */
  reason?: string;
  rules: ControlRule[];
  failing: FailingObject[];
  /** Suppressed findings of the mapped rules (accepted risks). */
  excepted: FailingObject[];
}

export type StatusCounts = Record<ControlStatus, number>;

export interface SectionResult {
  id: string;
  title: string;
  /** 0-100, or null when no control of the section passed or failed. */
  score: number | null;
  counts: StatusCounts;
  controls: ControlResult[];
}

export interface FrameworkResult {
  id: FrameworkId;
  name: string;
  version: string;
  source: string;
  notes: string;
  score: number | null;
  counts: StatusCounts;
  sections: SectionResult[];
}

export interface RiskedFinding {
  finding: Finding;
  /** 0-100: severity points plus exposure points. */
  risk: number;
  exposure: ExposureInfo;
  /** Controls (of every catalog) this finding is evidence against, as "framework id". */
  controls: { framework: FrameworkId; id: string }[];
}

const SEVERITY_POINTS: Record<Severity, number> = { critical: 70, high: 50, medium: 30, low: 15, info: 5 };
const EXPOSURE_POINTS: Record<ExposureInfo['level'], number> = { internet: 30, node: 15, cluster: 5, none: 0, unknown: 0 };

/** Risk 0-100 from severity and exposure: a critical finding on an internet-facing workload is 100. */
export function riskScore(severity: Severity, exposure: ExposureInfo['level']): number {
  return Math.min(100, SEVERITY_POINTS[severity] + EXPOSURE_POINTS[exposure]);
}

/** ruleId -> the catalog controls that list it. */
export function controlsByRule(
  frameworks: readonly FrameworkId[] = Object.keys(CATALOGS) as FrameworkId[],
): Map<string, { framework: FrameworkId; id: string }[]> {
  const out = new Map<string, { framework: FrameworkId; id: string }[]>();
  for (const f of frameworks)
    for (const c of CATALOGS[f].controls)
      for (const m of c.rules) {
        const list = out.get(m.ruleId);
        if (list) list.push({ framework: f, id: c.id });
        else out.set(m.ruleId, [{ framework: f, id: c.id }]);
      }
  return out;
}

/** The ids of rules a framework's catalog maps (for `scan --framework`). */
export function rulesOfFramework(framework: FrameworkId): Set<string> {
  return new Set(CATALOGS[framework].controls.flatMap((c) => c.rules.map((m) => m.ruleId)));
}

/** Findings (unsuppressed) with risk, exposure and affected controls, highest risk first. */
export function rankFindings(findings: readonly Finding[], exposure?: ExposureContext): RiskedFinding[] {
  const byRule = controlsByRule();
  return findings
    .map((finding) => {
      const info: ExposureInfo = exposure?.of(finding.object) ?? { level: 'unknown' };
      return {
        finding,
        risk: riskScore(finding.severity, info.level),
        exposure: info,
        controls: byRule.get(finding.ruleId) ?? [],
      };
    })
    .sort(
      (a, b) =>
        b.risk - a.risk ||
        severityRank(b.finding.severity) - severityRank(a.finding.severity) ||
        a.finding.source.file.localeCompare(b.finding.source.file) ||
        lineOf(a.finding) - lineOf(b.finding) ||
        a.finding.ruleId.localeCompare(b.finding.ruleId),
    );
}

export function evaluateFramework(catalog: Catalog, input: ComplianceInput): FrameworkResult {
  const ran = new Map(input.rules.map((r) => [r.id, r]));
  const errored = new Set(input.ruleErrors.map((e) => e.ruleId));
  const byRule = new Map<string, Finding[]>();
  for (const f of input.findings) {
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  const anyObject = [...input.kinds.values()].some((n) => n > 0);
  const inScope = (ruleId: string) => {
    const meta = ran.get(ruleId);
    if (!meta) return false;
    if (meta.targets === '*') return anyObject;
    return meta.targets.some((k) => (input.kinds.get(k) ?? 0) > 0);
  };

  const sections: SectionResult[] = catalog.sections.map((s) => {
    const controls = catalog.controls
      .filter((c) => c.section === s.id)
      .map((c) => evaluateControl(c, byRule, ran, errored, inScope));
    const counts = countStatuses(controls);
    return { id: s.id, title: s.title, score: score(counts), counts, controls };
  });
  const counts = countStatuses(sections.flatMap((s) => s.controls));
  return {
    id: catalog.id,
    name: catalog.name,
    version: catalog.version,
    source: catalog.source,
    notes: catalog.notes,
    score: score(counts),
    counts,
    sections,
  };
}

export function evaluateCompliance(frameworks: readonly FrameworkId[], input: ComplianceInput): FrameworkResult[] {
  return frameworks.map((f) => evaluateFramework(CATALOGS[f], input));
}

function evaluateControl(
  c: CatalogControl,
  byRule: ReadonlyMap<string, readonly Finding[]>,
  ran: ReadonlyMap<string, unknown>,
  errored: ReadonlySet<string>,
  inScope: (ruleId: string) => boolean,
): ControlResult {
  const failing: FailingObject[] = [];
  const excepted: FailingObject[] = [];
  const rules: ControlRule[] = c.rules.map((m) => {
    const findings = byRule.get(m.ruleId) ?? [];
    let n = 0;
    for (const f of findings) {
      if (f.suppression && f.suppression.by !== 'baseline') excepted.push(failingObject(f));
      else {
        failing.push(failingObject(f));
        n++;
      }
    }
    return { ruleId: m.ruleId, why: m.why, ran: ran.has(m.ruleId), findings: n };
  });
  const base = {
    id: c.id,
    title: c.title,
    description: c.description,
    section: c.section,
    evidence: c.evidence,
    rules,
    failing,
    excepted,
  };
  if (c.evidence === 'manual') return { ...base, status: 'manual' };
  if (failing.length > 0) return { ...base, status: 'fail' };
  const running = rules.filter((r) => r.ran);
  if (running.length === 0)
    return {
      ...base,
      status: 'not-evaluated',
      reason: `none of the mapped rules ran (${rules.map((r) => r.ruleId).join(', ')})`,
    };
  const broken = running.filter((r) => errored.has(r.ruleId));
  if (broken.length > 0)
    return { ...base, status: 'not-evaluated', reason: `rule errors in ${broken.map((r) => r.ruleId).join(', ')}` };
  if (!running.some((r) => inScope(r.ruleId)))
    return { ...base, status: 'not-applicable', reason: 'no object in the input is of a kind the mapped rules check' };
  return { ...base, status: 'pass' };
}

function failingObject(f: Finding): FailingObject {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    object: f.object,
    file: f.source.file,
    line: lineOf(f),
    column: f.position?.column ?? 1,
    path: formatPath(f.path),
    message: f.message,
    fingerprint: f.fingerprint,
  };
}

function lineOf(f: Finding): number {
  return f.position?.line ?? f.source.line;
}

function countStatuses(controls: readonly ControlResult[]): StatusCounts {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as StatusCounts;
  for (const c of controls) counts[c.status]++;
  return counts;
}

function score(c: StatusCounts): number | null {
  const n = c.pass + c.fail;
  return n === 0 ? null : Math.round((100 * c.pass) / n);
}

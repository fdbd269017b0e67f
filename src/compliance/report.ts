/**
 * The compliance report every compliance format reads (text, JSON, Markdown, HTML): the scan's
 * report, the per-framework results and the findings ranked by risk. Built once, pure.
 */
import { SEVERITIES, type Severity } from '../core/finding.js';
import { describeObject } from '../core/objects.js';
import { formatPath } from '../core/path.js';
import type { RuleMeta } from '../core/rule.js';
import type { Report } from '../report/model.js';
import type { ExposureContext } from './exposure.js';
import { evaluateCompliance, rankFindings, STATUSES, type FrameworkResult, type RiskedFinding } from './evaluate.js';
import type { FrameworkId } from './types.js';

export const DISCLAIMER =
  'Automated checks of Kubernetes manifests support a compliance assessment; they do not replace it. A passed ' +
  'control means the scanned manifests showed no violation of the rules mapped to it, not that the control is met. ' +
  'Manual controls need evidence from outside the manifests and are never shown as passed.';

export interface ComplianceReport {
  scan: Report;
  frameworks: FrameworkResult[];
  /** Unsuppressed findings, highest risk first. */
  ranked: RiskedFinding[];
  byCategory: Record<string, number>;
  /** Whether exposure context (the scan's index) was available for risk. */
  exposureKnown: boolean;
  /** YYYY-MM-DD, given by the caller (the report itself reads no clock). */
  date?: string;
  disclaimer: string;
}

export interface ComplianceReportInput {
  scan: Report;
  /** All findings of the scan, suppressed ones included (Report.findings may hide them). */
  allFindings: Report['findings'];
  frameworks: readonly FrameworkId[];
  kinds: ReadonlyMap<string, number>;
  exposure?: ExposureContext;
  date?: string;
}

export function buildComplianceReport(input: ComplianceReportInput): ComplianceReport {
  const frameworks = evaluateCompliance(input.frameworks, {
    findings: input.allFindings,
    rules: input.scan.rules,
    ruleErrors: input.scan.ruleErrors,
    kinds: input.kinds,
    exposure: input.exposure,
  });
  const ranked = rankFindings(
    input.allFindings.filter((f) => !f.suppression),
    input.exposure,
  );
  const byCategory: Record<string, number> = {};
  for (const r of ranked) byCategory[r.finding.category] = (byCategory[r.finding.category] ?? 0) + 1;
  return {
    scan: input.scan,
    frameworks,
    ranked,
    byCategory,
    exposureKnown: input.exposure !== undefined,
    date: input.date,
    disclaimer: DISCLAIMER,
  };
}

export const COMPLIANCE_SCHEMA_VERSION = 1;

export function complianceToJson(r: ComplianceReport): Record<string, unknown> {
  return {
    schemaVersion: COMPLIANCE_SCHEMA_VERSION,
    tool: { name: r.scan.tool.name, version: r.scan.tool.version },
    ...(r.date ? { date: r.date } : {}),
    disclaimer: r.disclaimer,
    summary: {
      objects: r.scan.summary.objects,
      files: r.scan.inputs.filter((i) => i.objects > 0).length,
      findings: r.ranked.length,
      suppressed: r.scan.summary.suppressed,
      bySeverity: r.scan.summary.bySeverity,
      byCategory: r.byCategory,
      rulesEvaluated: r.scan.summary.rulesEvaluated,
      exposureKnown: r.exposureKnown,
    },
    frameworks: r.frameworks.map((f) => ({
      id: f.id,
      name: f.name,
      version: f.version,
      source: f.source,
      notes: f.notes,
      score: f.score,
      counts: f.counts,
      sections: f.sections.map((s) => ({
        id: s.id,
        title: s.title,
        score: s.score,
        counts: s.counts,
        controls: s.controls.map((c) => ({
          id: c.id,
          title: c.title,
          description: c.description,
          evidence: c.evidence,
          status: c.status,
          ...(c.reason ? { reason: c.reason } : {}),
          rules: c.rules,
          failing: c.failing,
          excepted: c.excepted,
        })),
      })),
    })),
    findings: r.ranked.map((x) => ({
      ruleId: x.finding.ruleId,
      severity: x.finding.severity,
      category: x.finding.category,
      message: x.finding.message,
      object: x.finding.object,
      location: {
        file: x.finding.source.file,
        line: x.finding.position?.line ?? x.finding.source.line,
        column: x.finding.position?.column ?? 1,
        path: formatPath(x.finding.path),
      },
      risk: x.risk,
      exposure: x.exposure,
      controls: x.controls,
      remediation: x.finding.remediation,
      fingerprint: x.finding.fingerprint,
    })),
    errors: r.scan.errors.map((e) => ({ source: e.source, line: e.line, column: e.column, message: e.message })),
    ruleErrors: r.scan.ruleErrors,
  };
}

export function formatComplianceJson(r: ComplianceReport): string {
  return JSON.stringify(complianceToJson(r), null, 2) + '\n';
}

const STATUS_MARK: Record<(typeof STATUSES)[number], string> = {
  pass: 'PASS',
  fail: 'FAIL',
  'not-applicable': 'N/A ',
  'not-evaluated': 'N/E ',
  manual: 'MAN ',
};

export function scoreText(score: number | null): string {
  return score === null ? 'n/a' : `${score}%`;
}

/** Plain text: one block per framework, sections with scores, failing controls with objects. */
export function formatComplianceText(r: ComplianceReport): string {
  const out: string[] = [];
  for (const f of r.frameworks) {
    out.push(`${f.name} ${f.version}  score ${scoreText(f.score)}  (${countsText(f.counts)})`);
    for (const s of f.sections) {
      out.push(`  ${s.title}  ${scoreText(s.score)}`);
      for (const c of s.controls) {
        if (c.status === 'manual') continue;
        out.push(`    ${STATUS_MARK[c.status]} ${c.id}  ${c.title}${c.reason ? `  (${c.reason})` : ''}`);
        for (const o of c.failing.slice(0, 20))
          out.push(`           ${o.file}:${o.line}  ${describeObject(o.object)}  ${o.ruleId}: ${o.message}`);
        if (c.failing.length > 20) out.push(`           ... and ${c.failing.length - 20} more`);
        if (c.excepted.length > 0) out.push(`           ${c.excepted.length} excepted (suppressed) finding(s)`);
      }
      const manual = s.controls.filter((c) => c.status === 'manual').length;
      if (manual > 0) out.push(`    ${manual} manual control(s): evidence needed from outside the manifests`);
    }
    out.push('');
  }
  const top = r.ranked.slice(0, 10);
  if (top.length > 0) {
    out.push('Top risks:');
    for (const x of top)
      out.push(
        `  ${String(x.risk).padStart(3)}  ${x.finding.severity.padEnd(8)} ${x.finding.ruleId}  ${describeObject(x.finding.object)}` +
          `  ${x.finding.source.file}:${x.finding.position?.line ?? x.finding.source.line}` +
          (x.exposure.reason && x.exposure.level !== 'none' ? `  [${x.exposure.level}: ${x.exposure.reason}]` : ''),
      );
    out.push('');
  }
  const sev = SEVERITIES.filter((s: Severity) => r.scan.summary.bySeverity[s] > 0).map(
    (s) => `${r.scan.summary.bySeverity[s]} ${s}`,
  );
  out.push(
    `${r.ranked.length} finding(s)${sev.length ? ` (${sev.join(', ')})` : ''} in ${r.scan.summary.objects} object(s), ${r.scan.summary.rulesEvaluated} rules`,
  );
  if (r.scan.errors.length + r.scan.ruleErrors.length > 0)
    out.push(`${r.scan.errors.length} input error(s), ${r.scan.ruleErrors.length} rule error(s): the report is incomplete`);
  out.push(r.disclaimer);
  return out.join('\n') + '\n';
}

export function countsText(c: Record<(typeof STATUSES)[number], number>): string {
  return STATUSES.filter((s) => c[s] > 0)
    .map((s) => `${c[s]} ${s}`)
    .join(', ');
}

/** Rule metadata by id, for reporters that show titles. */
export function ruleTitles(rules: readonly RuleMeta[]): Map<string, string> {
  return new Map(rules.map((r) => [r.id, r.title]));
}

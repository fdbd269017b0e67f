/** The format-agnostic report every formatter reads: built once from a scan result. */
import type { RuleError } from '../core/engine.js';
import { SEVERITIES, severityRank, type Finding, type Severity } from '../core/finding.js';
import type { RuleMeta } from '../core/rule.js';
import type { Exception } from '../core/suppress.js';
import type { InputError, InputRecord } from '../load/files.js';
import type { ScanResult } from '../scan/run.js';
import { INFORMATION_URI, TOOL_NAME, VERSION } from '../version.js';

export interface Report {
  tool: { name: string; version: string; informationUri: string };
  inputs: InputRecord[];
  /** Findings to show: unsuppressed ones, plus suppressed ones when asked. */
  findings: Finding[];
  summary: {
    objects: number;
    findings: number;
    suppressed: number;
    bySeverity: Record<Severity, number>;
    rulesEvaluated: number;
  };
  errors: InputError[];
  ruleErrors: RuleError[];
  /** Metadata of the rules that ran (with their effective severity). */
  rules: RuleMeta[];
  expiredExceptions: Exception[];
  failOn: Severity;
}

export function buildReport(scan: ScanResult, opts: { showSuppressed?: boolean; failOn: Severity }): Report {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let suppressed = 0;
  for (const f of scan.findings) {
    if (f.suppression) suppressed++;
    else bySeverity[f.severity]++;
  }
  const visible = scan.findings.filter((f) => !f.suppression || opts.showSuppressed);
  return {
    tool: { name: TOOL_NAME, version: VERSION, informationUri: INFORMATION_URI },
    inputs: scan.inputs,
    findings: visible,
    summary: {
      objects: scan.objects,
      findings: scan.findings.length - suppressed,
      suppressed,
      bySeverity,
      rulesEvaluated: scan.active.length,
    },
    errors: scan.inputs.flatMap((i) => i.errors),
    ruleErrors: scan.ruleErrors,
    rules: scan.active.map((a) => ({ ...a.rule.meta, severity: a.severity })),
    expiredExceptions: scan.expiredExceptions,
    failOn: opts.failOn,
  };
}

/** Findings that fail the gate: unsuppressed and at or above the threshold. */
export function failingFindings(report: Report): Finding[] {
  return report.findings.filter((f) => !f.suppression && severityRank(f.severity) >= severityRank(report.failOn));
}

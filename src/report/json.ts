/** `-o json`: the result contract (shared/contracts/scan-json.md, schemas/scan-result.schema.json). */
import { formatPath } from '../core/path.js';
import type { Report } from './model.js';

export const SCHEMA_VERSION = 1;

export function toJsonObject(r: Report): Record<string, unknown> {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: r.tool.name, version: r.tool.version },
    inputs: r.inputs.map((i) => ({
      source: i.source,
      objects: i.objects,
      errors: i.errors.map((e) => ({ line: e.line, column: e.column, message: e.message })),
      skipped: i.skipped,
    })),
    summary: r.summary,
    findings: r.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      category: f.category,
      message: f.message,
      object: f.object,
      location: {
        file: f.source.file,
        line: f.position?.line ?? f.source.line,
        column: f.position?.column ?? 1,
        exact: f.position?.exact ?? false,
        path: formatPath(f.path),
        ...(f.source.origin ? { origin: f.source.origin } : {}),
      },
      controls: f.controls,
      remediation: f.remediation,
      fixable: f.fixable,
      fingerprint: f.fingerprint,
      ...(f.admission ? { admission: f.admission } : {}),
      suppressed: !!f.suppression,
      ...(f.suppression ? { suppression: f.suppression } : {}),
    })),
    errors: r.errors.map((e) => ({ source: e.source, line: e.line, column: e.column, message: e.message })),
    ruleErrors: r.ruleErrors,
    expiredExceptions: r.expiredExceptions.map((e) => ({
      rules: e.rules,
      reason: e.reason,
      owner: e.owner,
      expires: e.expires,
      source: e.source,
    })),
  };
}

export function formatJson(r: Report): string {
  return JSON.stringify(toJsonObject(r), null, 2) + '\n';
}

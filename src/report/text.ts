/** `-o text`: findings grouped by file and object, then a summary. Colour only when asked. */
import { createColors } from 'picocolors';
import { describeObject } from '../core/objects.js';
import { formatPath } from '../core/path.js';
import { SEVERITIES, type Finding, type Severity } from '../core/finding.js';
import { failingFindings, type Report } from './model.js';

export interface TextOptions {
  color: boolean;
}

export function formatText(r: Report, opts: TextOptions): string {
  const c = createColors(opts.color);
  const sev: Record<Severity, (s: string) => string> = {
    critical: (s) => c.bold(c.red(s)),
    high: c.red,
    medium: c.yellow,
    low: c.cyan,
    info: c.dim,
  };
  const lines: string[] = [];
  const byFile = new Map<string, Map<string, Finding[]>>();
  for (const f of r.findings) {
    let objs = byFile.get(f.source.file);
    if (!objs) byFile.set(f.source.file, (objs = new Map()));
    const key = describeObject(f.object);
    const list = objs.get(key);
    if (list) list.push(f);
    else objs.set(key, [f]);
  }
  const ruleWidth = Math.max(0, ...r.findings.map((f) => f.ruleId.length));
  for (const [file, objs] of byFile) {
    lines.push(c.underline(c.bold(file)));
    for (const [obj, list] of objs) {
      const origin = list[0]!.source.origin;
      lines.push(`  ${c.bold(obj)}${origin ? c.dim(`  (${origin})`) : ''}`);
      for (const f of list) {
        const loc = `${f.position?.line ?? f.source.line}:${f.position?.column ?? 1}`.padEnd(7);
        const s = sev[f.severity](f.severity.padEnd(8));
        const suppressed = f.suppression
          ? c.dim(` [suppressed by ${f.suppression.by}${f.suppression.reason ? `: ${f.suppression.reason}` : ''}]`)
          : '';
        lines.push(`    ${c.dim(loc)} ${s} ${f.ruleId.padEnd(ruleWidth)}  ${f.message}${suppressed}`);
        lines.push(`    ${' '.repeat(7 + 1 + 8 + 1 + ruleWidth + 2)}${c.dim(formatPath(f.path))}`);
      }
    }
    lines.push('');
  }

  if (r.errors.length > 0) {
    lines.push(c.bold(c.red(`Errors (${r.errors.length}):`)));
    for (const e of r.errors)
      lines.push(`  ${e.source}${e.line ? `:${e.line}` : ''}${e.column ? `:${e.column}` : ''}  ${e.message}`);
    lines.push('');
  }
  if (r.ruleErrors.length > 0) {
    lines.push(c.bold(c.red(`Rule errors (${r.ruleErrors.length}) — these objects were not fully checked:`)));
    for (const e of r.ruleErrors) lines.push(`  ${e.ruleId} on ${describeObject(e.object)}: ${e.message}`);
    lines.push('');
  }
  if (r.expiredExceptions.length > 0) {
    lines.push(c.yellow(`Expired exceptions (${r.expiredExceptions.length}) no longer suppress findings:`));
    for (const e of r.expiredExceptions)
      lines.push(`  ${e.rules.join(',')} (owner ${e.owner}, expired ${e.expires}) in ${e.source}: ${e.reason}`);
    lines.push('');
  }

  const s = r.summary;
  const files = r.inputs.filter((i) => i.objects > 0).length;
  const counts = SEVERITIES.filter((x) => s.bySeverity[x] > 0).map((x) => sev[x](`${s.bySeverity[x]} ${x}`));
  const failing = failingFindings(r).length;
  const head =
    s.findings === 0
      ? c.green(`✔ No findings`)
      : `${failing > 0 ? c.red('✖') : c.yellow('!')} ${s.findings} finding${s.findings === 1 ? '' : 's'} (${counts.join(', ')})`;
  lines.push(
    `${head} in ${s.objects} object${s.objects === 1 ? '' : 's'} from ${files} file${files === 1 ? '' : 's'}, ${s.rulesEvaluated} rules` +
      (s.suppressed ? c.dim(`; ${s.suppressed} suppressed`) : ''),
  );
  if (failing > 0) lines.push(c.dim(`${failing} at or above --fail-on ${r.failOn}. Details: palisade rules explain <rule-id>`));
  return lines.join('\n') + '\n';
}

/** `-o markdown`: a compliance summary sized for a pull-request comment (GitHub-flavoured). */
import { describeObject } from '../core/objects.js';
import { countsText, scoreText, type ComplianceReport } from '../compliance/report.js';

/** GitHub rejects comments over 65,536 characters; stay well below. */
const MAX_CHARS = 60_000;
const TOP_RISKS = 15;
const OBJECTS_PER_CONTROL = 10;

/** Escapes text for a Markdown table cell or inline text. */
function md(s: string): string {
  return s.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

export function formatMarkdown(r: ComplianceReport): string {
  const s = r.scan.summary;
  const out: string[] = [];
  out.push('## Palisade compliance report', '');
  out.push(
    `${r.ranked.length} finding(s) in ${s.objects} object(s); ${s.bySeverity.critical} critical, ${s.bySeverity.high} high.` +
      (s.suppressed ? ` ${s.suppressed} suppressed.` : ''),
    '',
  );
  if (r.scan.errors.length + r.scan.ruleErrors.length > 0)
    out.push(`> **Incomplete:** ${r.scan.errors.length} input error(s), ${r.scan.ruleErrors.length} rule error(s).`, '');

  if (r.frameworks.length > 0) {
    out.push('| Framework | Score | Pass | Fail | N/A | Not evaluated | Manual |', '|---|---:|---:|---:|---:|---:|---:|');
    for (const f of r.frameworks)
      out.push(
        `| ${md(f.name)} ${md(f.version)} | ${scoreText(f.score)} | ${f.counts.pass} | ${f.counts.fail} | ${f.counts['not-applicable']} | ${f.counts['not-evaluated']} | ${f.counts.manual} |`,
      );
    out.push('');
  }

  if (r.ranked.length > 0) {
    out.push(`### Top risks`, '', '| Risk | Severity | Rule | Object | Location |', '|---:|---|---|---|---|');
    for (const x of r.ranked.slice(0, TOP_RISKS)) {
      const f = x.finding;
      out.push(
        `| ${x.risk} | ${f.severity} | \`${f.ruleId}\` | ${md(describeObject(f.object))} | \`${md(f.source.file)}:${f.position?.line ?? f.source.line}\` |`,
      );
    }
    if (r.ranked.length > TOP_RISKS) out.push('', `_${r.ranked.length - TOP_RISKS} more finding(s) in the full report._`);
    out.push('');
  }

  for (const f of r.frameworks) {
    const failed = f.sections.flatMap((s) => s.controls).filter((c) => c.status === 'fail');
    if (failed.length === 0) continue;
    out.push(`<details><summary>${md(f.name)}: ${failed.length} failed control(s) (${countsText(f.counts)})</summary>`, '');
    for (const c of failed) {
      out.push(`- **${md(c.id)}** ${md(c.title)}`);
      for (const o of c.failing.slice(0, OBJECTS_PER_CONTROL))
        out.push(`  - \`${md(o.file)}:${o.line}\` ${md(describeObject(o.object))}: ${md(o.message)} (\`${o.ruleId}\`)`);
      if (c.failing.length > OBJECTS_PER_CONTROL) out.push(`  - … ${c.failing.length - OBJECTS_PER_CONTROL} more`);
    }
    out.push('', '</details>', '');
  }
  out.push(`<sub>${md(r.disclaimer)}</sub>`);

  let text = out.join('\n') + '\n';
  if (text.length > MAX_CHARS) {
    const cut = text.lastIndexOf('\n', MAX_CHARS - 200);
    text =
      text.slice(0, cut) + '\n\n_Report truncated to fit a comment; run `palisade compliance -o html` for the full report._\n';
  }
  return text;
}

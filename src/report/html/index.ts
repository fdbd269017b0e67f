/**
 * `-o html`: one self-contained, printable HTML file (inline CSS, inline SVG charts, one inline
 * script for filters; a Content-Security-Policy forbids every network fetch). Rendered on the
 * server side so it reads without JavaScript and prints completely.
 */
import { SEVERITIES, type Severity } from '../../core/finding.js';
import { describeObject } from '../../core/objects.js';
import { formatPath } from '../../core/path.js';
import type { ControlResult, FrameworkResult, RiskedFinding } from '../../compliance/evaluate.js';
import { countsText, ruleTitles, scoreText, type ComplianceReport } from '../../compliance/report.js';
import { barChart } from './charts.js';
import { esc } from './escape.js';
import { SCRIPT } from './script.js';
import { STYLE } from './style.js';

const SEVERITY_COLOR: Record<Severity, string> = {
  critical: '#991b1b',
  high: '#dc2626',
  medium: '#d97706',
  low: '#2563eb',
  info: '#6b7280',
};
const CATEGORY_COLOR = '#4f46e5';
const CLUSTER_SCOPE = '(cluster-scoped)';

export function formatHtml(r: ComplianceReport): string {
  const s = r.scan.summary;
  const files = r.scan.inputs.filter((i) => i.objects > 0).length;
  const titles = ruleTitles(r.scan.rules);
  const fwNames = new Map(r.frameworks.map((f) => [f.id, f.name]));
  const namespaces = [...new Set(r.ranked.map((x) => x.finding.object.namespace ?? CLUSTER_SCOPE))].sort();
  const critical = s.bySeverity.critical;
  const high = s.bySeverity.high;
  const failedControls = r.frameworks.reduce((n, f) => n + f.counts.fail, 0);

  const charts = [
    barChart(
      'Findings by severity',
      SEVERITIES.map((sev) => ({ label: sev, value: s.bySeverity[sev], color: SEVERITY_COLOR[sev] })),
    ),
    barChart(
      'Findings by category',
      Object.entries(r.byCategory)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([label, value]) => ({ label, value, color: CATEGORY_COLOR })),
    ),
    r.frameworks.length > 0
      ? barChart(
          'Compliance score per framework',
          r.frameworks.map((f) => ({
            label: shortName(f),
            value: f.score ?? 0,
            color: scoreColor(f.score),
            text: scoreText(f.score),
          })),
          { max: 100 },
        )
      : '',
  ].join('');

  const body = `
<header>
  <h1>Palisade compliance report</h1>
  <div class="meta">${r.date ? `${esc(r.date)} · ` : ''}${esc(r.scan.tool.name)} ${esc(r.scan.tool.version)} · ${s.objects} objects from ${files} files · ${s.rulesEvaluated} rules</div>
  <p class="disclaimer">${esc(r.disclaimer)}</p>
  ${problems(r)}
</header>
<section id="summary">
  <h2>Summary</h2>
  <div class="cards">
    ${card(r.ranked.length, 'findings', 'summary-findings')}
    ${card(critical, 'critical', 'summary-critical')}
    ${card(high, 'high', 'summary-high')}
    ${card(failedControls, 'failed controls', 'summary-failed-controls')}
    ${card(s.suppressed, 'suppressed', 'summary-suppressed')}
  </div>
  <div class="charts">${charts}</div>
  ${frameworkTable(r.frameworks)}
</section>
<section id="findings">
  <h2>Findings, highest risk first</h2>
  <p class="muted">Risk (0-100) adds severity and exposure: a workload behind a public LoadBalancer, Ingress or Gateway route ranks above the same problem in an unexposed Job.${r.exposureKnown ? '' : ' Exposure was not known for this report.'}</p>
  <div class="filters" role="region" aria-label="Filters">
    <span class="chips" role="group" aria-label="Severity">
      <button type="button" data-severity-filter="" aria-pressed="true">All</button>
      ${SEVERITIES.map((sev) => `<button type="button" data-severity-filter="${sev}" aria-pressed="false">${sev} (${s.bySeverity[sev]})</button>`).join('')}
    </span>
    <label>Namespace <select id="filter-namespace"><option value="">all</option>${namespaces.map((n) => `<option value="${esc(n)}">${esc(n)}</option>`).join('')}</select></label>
    <label>Framework <select id="filter-framework"><option value="">all</option>${r.frameworks.map((f) => `<option value="${esc(f.id)}">${esc(f.name)}</option>`).join('')}</select></label>
    <span class="muted"><b id="shown-count">${r.ranked.length}</b> of ${r.ranked.length} shown</span>
  </div>
  ${
    r.ranked.length === 0
      ? '<p class="empty">No findings.</p>'
      : `<table id="findings-table">
    <thead><tr><th>Risk</th><th>Severity</th><th>Finding</th><th>Object</th><th>Location</th><th>Exposure</th></tr></thead>
    <tbody>${r.ranked.map((x) => findingRow(x, titles, fwNames)).join('')}</tbody>
  </table>
  <p id="no-match" class="empty" hidden>No finding matches the filters.</p>`
  }
</section>
${r.frameworks.map(frameworkSection).join('')}
`;

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>Palisade compliance report</title>
<style>${STYLE}</style>
</head>
<body>
<main>${body}</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function card(n: number, label: string, id: string): string {
  return `<div class="card" id="${id}"><div class="n">${n}</div><div class="l">${esc(label)}</div></div>`;
}

function problems(r: ComplianceReport): string {
  const items: string[] = [];
  for (const e of r.scan.errors) items.push(`${esc(e.source)}${e.line ? `:${e.line}` : ''} ${esc(e.message)}`);
  for (const e of r.scan.ruleErrors)
    items.push(`rule ${esc(e.ruleId)} failed on ${esc(describeObject(e.object))}: ${esc(e.message)}`);
  if (items.length === 0) return '';
  return `<div class="disclaimer" style="border-color:var(--fail);background:#fef2f2"><b>The report is incomplete:</b><ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul></div>`;
}

function shortName(f: FrameworkResult): string {
  const names: Record<string, string> = {
    cis: 'CIS',
    nsa: 'NSA/CISA',
    mitre: 'MITRE',
    pss: 'PSS',
    soc2: 'SOC 2',
    'pci-dss': 'PCI DSS',
    hipaa: 'HIPAA',
    gdpr: 'GDPR',
  };
  return names[f.id] ?? f.name;
}

function scoreColor(score: number | null): string {
  if (score === null) return '#9ca3af';
  if (score >= 90) return '#15803d';
  if (score >= 70) return '#d97706';
  return '#b91c1c';
}

function frameworkTable(frameworks: readonly FrameworkResult[]): string {
  if (frameworks.length === 0) return '';
  const rows = frameworks
    .map(
      (f) =>
        `<tr data-framework-summary="${esc(f.id)}"><td><a href="#fw-${esc(f.id)}">${esc(f.name)}</a> <span class="muted">${esc(f.version)}</span></td>` +
        `<td class="num">${scoreText(f.score)}</td><td class="num">${f.counts.pass}</td><td class="num">${f.counts.fail}</td>` +
        `<td class="num">${f.counts['not-applicable']}</td><td class="num">${f.counts['not-evaluated']}</td><td class="num">${f.counts.manual}</td></tr>`,
    )
    .join('');
  return `<table id="framework-summary"><thead><tr><th>Framework</th><th>Score</th><th>Pass</th><th>Fail</th><th>N/A</th><th>Not evaluated</th><th>Manual</th></tr></thead><tbody>${rows}</tbody></table>
<p class="muted">Score = passed / (passed + failed) automated controls. Not applicable: nothing in the input is in the scope of the control's rules. Not evaluated: its rules did not run (opt-in or disabled) or failed.</p>`;
}

function findingRow(x: RiskedFinding, titles: ReadonlyMap<string, string>, fwNames: ReadonlyMap<string, string>): string {
  const f = x.finding;
  const ns = f.object.namespace ?? CLUSTER_SCOPE;
  const frameworks = [...new Set(x.controls.map((c) => c.framework))];
  const shown = x.controls.filter((c) => fwNames.has(c.framework));
  const line = f.position?.line ?? f.source.line;
  const col = f.position?.column ?? 1;
  const exposure =
    x.exposure.level === 'unknown'
      ? '<span class="muted">n/a</span>'
      : `<span class="exposure-${x.exposure.level}">${esc(x.exposure.level)}</span>${x.exposure.reason ? `<div class="muted">${esc(x.exposure.reason)}</div>` : ''}`;
  return (
    `<tr class="finding" data-severity="${f.severity}" data-namespace="${esc(ns)}" data-frameworks="${esc(frameworks.join(' '))}" data-rule="${esc(f.ruleId)}">` +
    `<td class="num">${x.risk}</td>` +
    `<td><span class="sev sev-${f.severity}">${f.severity}</span></td>` +
    `<td><div class="msg">${esc(f.message)}</div>` +
    `<div class="muted"><code>${esc(f.ruleId)}</code> ${esc(titles.get(f.ruleId) ?? '')}</div>` +
    `<div class="fix"><b>Fix:</b> ${esc(f.remediation)}</div>` +
    (shown.length
      ? `<div>${shown.map((c) => `<span class="ctl" title="${esc(fwNames.get(c.framework) ?? c.framework)}">${esc(c.framework === 'nsa' ? c.id : `${shortFw(c.framework)} ${c.id}`)}</span>`).join('')}</div>`
      : '') +
    `</td>` +
    `<td>${esc(describeObject(f.object))}</td>` +
    `<td class="loc">${esc(f.source.file)}:${line}:${col}<div>${esc(formatPath(f.path))}</div>${f.source.origin ? `<div>${esc(f.source.origin)}</div>` : ''}</td>` +
    `<td>${exposure}</td></tr>`
  );
}

function shortFw(id: string): string {
  const names: Record<string, string> = {
    cis: 'CIS',
    nsa: 'NSA',
    mitre: 'ATT&CK',
    pss: 'PSS',
    soc2: 'SOC2',
    'pci-dss': 'PCI',
    hipaa: 'HIPAA',
    gdpr: 'GDPR',
  };
  return names[id] ?? id;
}

function frameworkSection(f: FrameworkResult): string {
  return `
<section class="framework" id="fw-${esc(f.id)}" data-framework="${esc(f.id)}">
  <h2>${esc(f.name)} <span class="muted">${esc(f.version)}</span></h2>
  <div class="fw-head"><span class="score">${scoreText(f.score)}</span><span class="muted">${esc(countsText(f.counts))}</span><a href="${esc(f.source)}">source</a></div>
  <p class="fw-notes">${esc(f.notes)}</p>
  ${f.sections
    .map(
      (s) => `<h3>${esc(s.title)} <span class="muted">${scoreText(s.score)}</span></h3>
  <table class="controls"><thead><tr><th>Status</th><th>Control</th><th>Evidence</th></tr></thead><tbody>${s.controls.map(controlRow).join('')}</tbody></table>`,
    )
    .join('')}
</section>`;
}

function controlRow(c: ControlResult): string {
  const failing = c.failing.length
    ? `<ul class="objs">${c.failing
        .map(
          (o) =>
            `<li><span class="sev sev-${o.severity}">${o.severity}</span> ${esc(describeObject(o.object))} <span class="loc">${esc(o.file)}:${o.line}</span> <code>${esc(o.ruleId)}</code> ${esc(o.message)}</li>`,
        )
        .join('')}</ul>`
    : '';
  const excepted = c.excepted.length
    ? `<div class="why">${c.excepted.length} suppressed finding(s) accepted as exceptions: ${c.excepted.map((o) => esc(`${describeObject(o.object)} (${o.ruleId})`)).join(', ')}</div>`
    : '';
  const rules = c.rules.length
    ? c.rules
        .map((m) => `<div class="why"><code>${esc(m.ruleId)}</code>${m.ran ? '' : ' <i>(did not run)</i>'}: ${esc(m.why)}</div>`)
        .join('')
    : `<div class="why">${esc(c.description)}</div>`;
  return (
    `<tr class="control control-${c.status}" data-control="${esc(c.id)}" data-status="${c.status}">` +
    `<td><span class="status status-${c.status}">${c.status.replace('-', ' ')}</span></td>` +
    `<td><b>${esc(c.id)}</b> ${esc(c.title)}${c.reason ? `<div class="why">${esc(c.reason)}</div>` : ''}</td>` +
    `<td>${c.evidence === 'manual' ? '<i>manual</i>' : 'automated'}${rules}${failing}${excepted}</td></tr>`
  );
}

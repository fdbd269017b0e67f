/** The report's stylesheet (inline: the file must be readable offline). Printable. */
export const STYLE = `
:root{--fg:#1f2937;--muted:#6b7280;--line:#e5e7eb;--bg:#fff;--soft:#f9fafb;--accent:#1d4ed8;
--critical:#991b1b;--high:#dc2626;--medium:#d97706;--low:#2563eb;--info:#6b7280;
--pass:#15803d;--fail:#b91c1c;--na:#9ca3af;--ne:#b45309;--manual:#475569}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:1200px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px;padding-bottom:4px;border-bottom:2px solid var(--line)}
h3{font-size:16px;margin:20px 0 6px}
a{color:var(--accent)}
.meta,.muted{color:var(--muted)}
.disclaimer{background:#eff6ff;border-left:4px solid var(--accent);padding:8px 12px;margin:12px 0;font-size:13px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin:16px 0}
.card{border:1px solid var(--line);border-radius:8px;padding:10px 14px;background:var(--soft)}
.card .n{font-size:26px;font-weight:700}.card .l{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:16px}
.chart{margin:0;border:1px solid var(--line);border-radius:8px;padding:10px}
.chart figcaption{font-weight:600;margin-bottom:6px}
.chart text{font-size:12px;fill:var(--fg)}.chart .track{fill:#f3f4f6}.chart .value{font-weight:600}
.filters{position:sticky;top:0;background:var(--bg);z-index:2;display:flex;flex-wrap:wrap;gap:12px;align-items:center;padding:10px 0;border-bottom:1px solid var(--line)}
.filters label{font-size:13px;color:var(--muted)}
.filters select{font:inherit;padding:3px 6px}
.chips{display:inline-flex;gap:4px;flex-wrap:wrap}
.chips button{font:inherit;font-size:12px;border:1px solid var(--line);background:var(--bg);border-radius:999px;padding:3px 10px;cursor:pointer}
.chips button[aria-pressed="true"]{background:var(--fg);color:#fff;border-color:var(--fg)}
table{width:100%;border-collapse:collapse;margin:8px 0}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line)}
th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);background:var(--soft)}
td.num{text-align:right;font-variant-numeric:tabular-nums;font-weight:700}
code,.loc{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
.loc{color:var(--muted);overflow-wrap:anywhere;min-width:190px}
#findings-table td:nth-child(4){min-width:140px}
#findings-table td:nth-child(6){min-width:130px}
.sev,.status{display:inline-block;font-size:11px;font-weight:700;text-transform:uppercase;border-radius:4px;padding:1px 6px;color:#fff;white-space:nowrap}
.sev-critical{background:var(--critical)}.sev-high{background:var(--high)}.sev-medium{background:var(--medium)}.sev-low{background:var(--low)}.sev-info{background:var(--info)}
.status-pass{background:var(--pass)}.status-fail{background:var(--fail)}.status-not-applicable{background:var(--na)}.status-not-evaluated{background:var(--ne)}.status-manual{background:var(--manual)}
.msg{font-weight:600}.fix{margin-top:4px;font-size:13px}.fix b{color:var(--muted);font-weight:600}
.ctl{display:inline-block;font-size:11px;border:1px solid var(--line);border-radius:4px;padding:0 5px;margin:3px 3px 0 0;background:var(--soft);white-space:nowrap}
.exposure-internet{color:var(--fail);font-weight:700}.exposure-node{color:var(--ne);font-weight:600}
.score{font-size:22px;font-weight:700}
.fw-head{display:flex;gap:16px;align-items:baseline;flex-wrap:wrap}
.fw-notes{font-size:13px;color:var(--muted);margin:4px 0 8px}
.objs{margin:4px 0 0;padding-left:16px;font-size:12px}
.why{font-size:12px;color:var(--muted);margin:2px 0 0;padding-left:16px}
tr.control-manual td{color:var(--muted)}
.empty{padding:16px;text-align:center;color:var(--muted)}
@media print{
  .filters{display:none}
  main{max-width:none;padding:0}
  body{font-size:11px}
  tr,figure,.card{break-inside:avoid}
  h2{break-after:avoid}
  section.framework{break-before:page}
  [hidden]{display:none!important}
  .sev,.status{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  .chart rect{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`;

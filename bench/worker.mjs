// One measurement in a fresh process (so peak RSS belongs to it alone). Prints JSON.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const [mode, ...paths] = process.argv.slice(2);

function files(p, out = []) {
  if (statSync(p).isDirectory()) for (const e of readdirSync(p).sort()) files(path.join(p, e), out);
  else if (/\.(ya?ml|json)$/i.test(p)) out.push(p);
  return out;
}

const list = paths.flatMap((p) => files(p));
let bytes = 0;
for (const f of list) bytes += statSync(f).size;
const t0 = process.hrtime.bigint();
let objects = 0;
let findings = 0;
let errors = 0;

if (mode === 'parse-yaml') {
  const { parseAllDocuments } = await import('yaml');
  for (const f of list) {
    for (const d of parseAllDocuments(readFileSync(f, 'utf8'), { version: '1.1' })) {
      const v = d.toJS({ maxAliasCount: 100 });
      if (v && typeof v === 'object') objects++;
      if (d.errors.length) errors++;
    }
  }
} else if (mode === 'parse-jsyaml') {
  const jsyaml = (await import('js-yaml')).default;
  for (const f of list) {
    try {
      jsyaml.loadAll(readFileSync(f, 'utf8'), (v) => {
        if (v && typeof v === 'object') objects++;
      });
    } catch {
      errors++;
    }
  }
} else if (mode === 'scan') {
  const { runScan } = await import('../dist/scan/run.js');
  const { BUILTIN_RULES } = await import('../dist/rules/index.js');
  const r = await runScan({
    paths,
    rules: BUILTIN_RULES,
    config: { rules: {}, exclude: [], exceptions: [] },
    selection: { all: true },
    today: '2026-01-01',
  });
  objects = r.objects;
  findings = r.findings.length;
  errors = r.inputs.reduce((n, i) => n + i.errors.length, 0);
  if (r.findings.some((f) => !f.position)) throw new Error('a finding has no position');
} else {
  throw new Error(`unknown mode ${mode}`);
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const rssMiB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ mode, files: list.length, bytes, objects, findings, errors, seconds, rssMiB }));

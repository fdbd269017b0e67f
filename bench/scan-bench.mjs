#!/usr/bin/env node
// npm run bench [-- FOLDER...]: full-scan speed and memory next to parse-only baselines measured
// in the same run, on a generated 20k-object corpus and on any folders given (e.g. real-world
// manifests). Each measurement runs in its own process; the best of N runs is reported.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './corpus.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const OBJECTS = Number(process.env.BENCH_OBJECTS ?? 20000);

function measure(mode, paths) {
  let best;
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, [path.join(here, 'worker.mjs'), mode, ...paths], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    const r = JSON.parse(out.trim().split('\n').pop());
    if (!best || r.seconds < best.seconds) best = { ...r, rssMiB: Math.max(r.rssMiB, best?.rssMiB ?? 0) };
  }
  return best;
}

function report(name, paths) {
  const rows = ['parse-yaml', 'parse-jsyaml', 'scan'].map((m) => measure(m, paths));
  const base = rows[0];
  console.log(
    `\n${name}: ${rows[2].files} files, ${(base.bytes / 1048576).toFixed(1)} MiB, ${rows[2].objects} objects, ${rows[2].findings} findings, ${rows[2].errors} input errors`,
  );
  console.log('mode           MB/s   objects/s  peak RSS MiB  vs yaml parse');
  for (const r of rows) {
    const mbs = r.bytes / 1048576 / r.seconds;
    const ops = r.objects / r.seconds;
    const ratio = base.seconds / r.seconds;
    console.log(
      `${r.mode.padEnd(13)} ${mbs.toFixed(1).padStart(6)} ${ops.toFixed(0).padStart(10)} ${r.rssMiB.toFixed(0).padStart(13)}  ${ratio.toFixed(2)}x`,
    );
  }
}

const folders = process.argv.slice(2);
const tmp = mkdtempSync(path.join(tmpdir(), 'palisade-bench-'));
try {
  const n = generateCorpus(tmp, OBJECTS);
  console.log(`palisade bench — best of ${RUNS} runs each; "scan" is a full scan with all rules and file:line positions`);
  report(`synthetic corpus (${n} objects)`, [tmp]);
  for (const f of folders) report(f, [f]);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

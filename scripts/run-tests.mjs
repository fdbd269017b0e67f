#!/usr/bin/env node
// Finds *.test.ts under src/ and test/ and runs them with node:test through tsx (Node 20's
// --test takes no globs). Extra arguments are passed to node (e.g. --test-name-pattern).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function find(dir, out = []) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) find(p, out);
    else if (e.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const args = process.argv.slice(2);
const explicit = args.filter((a) => a.endsWith('.ts'));
const flags = args.filter((a) => !a.endsWith('.ts'));
const files = explicit.length ? explicit : [...find('src'), ...find('test')].sort();
const reporter = process.env.CI ? ['--test-reporter=spec'] : ['--test-reporter=spec'];
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...reporter, ...flags, ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);

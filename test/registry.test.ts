import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { AnyRule } from '../src/core/rule.js';
import { BUILTIN_RULES } from '../src/rules/index.js';
import { ROOT } from './helpers/cli.js';

function ruleFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) ruleFiles(p, out);
    else if (e.endsWith('.ts') && !e.endsWith('.test.ts') && dir !== path.join(ROOT, 'src', 'rules')) out.push(p);
  }
  return out;
}

it('every rule module is registered once, under its file name, with a test file', async () => {
  const ids = BUILTIN_RULES.map((r) => r.meta.id);
  assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
  for (const file of ruleFiles(path.join(ROOT, 'src', 'rules'))) {
    const mod = (await import(pathToFileURL(file).href)) as { default?: AnyRule };
    if (!mod.default?.meta) continue; // a helper module (e.g. image-ref.ts), not a rule
    const id = mod.default.meta.id;
    assert.equal(path.basename(file, '.ts'), id, `${file} is named after its rule`);
    assert.ok(BUILTIN_RULES.includes(mod.default), `${id} is in src/rules/index.ts`);
    assert.ok(statSync(file.replace(/\.ts$/, '.test.ts'), { throwIfNoEntry: false })?.isFile(), `${id} has a test file`);
  }
});

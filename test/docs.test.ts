import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { DOCS_DIR, generateRuleDocs } from '../scripts/docs-lib.js';

it('docs/rules is up to date with rule metadata (run `npm run docs`)', async () => {
  const files = await generateRuleDocs();
  const onDisk = existsSync(DOCS_DIR) ? readdirSync(DOCS_DIR).sort() : [];
  assert.deepEqual(onDisk, [...files.keys()].sort(), 'the set of pages matches the rules');
  for (const [name, content] of files) assert.equal(readFileSync(path.join(DOCS_DIR, name), 'utf8'), content, `${name} is stale`);
});

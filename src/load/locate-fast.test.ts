import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Path } from '../core/path.js';
import { locateFast } from './locate-fast.js';
import { JSYAML_SCHEMA, locateInText } from './yaml.js';

/** Every path in a value: maps, sequences and leaves. */
function allPaths(v: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => allPaths(x, [...prefix, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) allPaths(x, [...prefix, k], out);
  return out;
}

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(e)) out.push(p);
  }
  return out;
}

const SAMPLES = [
  'a: 1\nb:\n  c: [1, 2, {d: e}]\n  "q.k": x\n',
  'list:\n- a\n- b: 1\n  c: 2\n-   d: 3\n',
  'k: |\n  text\n  more\nnext: >-\n  folded\nafter: 1\n',
  '# comment\n\napiVersion: v1 # trailing\nkind: Pod\n',
  'm: {a: 1, b: [x, y], "c d": {e: f}}\n',
  'on: 1\nyes: 2\n',
  'a:\n  - - 1\n    - 2\n  - [3, 4]\n',
  'x: "multi\n  line"\ny: 2\n',
];

describe('fast positions agree with the yaml syntax tree', () => {
  const texts: [string, string][] = SAMPLES.map((s, i) => [`sample ${i}`, s]);
  for (const dir of ['examples', 'test/fixtures']) {
    for (const f of yamlFiles(dir)) {
      readFileSync(f, 'utf8')
        .split(/^---$/m)
        .forEach((d, i) => texts.push([`${f}#${i}`, d]));
    }
  }
  for (const [name, text] of texts) {
    it(name, async () => {
      const jsyaml = (await import('js-yaml')).default;
      let value: unknown;
      try {
        value = jsyaml.load(text, { schema: JSYAML_SCHEMA });
      } catch {
        return; // not for the fast path
      }
      const paths = allPaths(value);
      const fast = locateFast(text, 1, JSYAML_SCHEMA, paths);
      const slow = locateInText(text, 1, paths);
      if (!fast) return; // declined: the caller falls back to the slow path, which is correct by definition
      for (let i = 0; i < paths.length; i++) {
        // The document root itself may differ (first key vs. start of content); both are fine.
        if (paths[i]!.length === 0) continue;
        assert.deepEqual(fast[i], slow[i], `path ${JSON.stringify(paths[i])}`);
      }
    });
  }
  it('declines (returns undefined) where node events do not line up', () => {
    assert.equal(locateFast('l:\n- \n- x\n', 1, JSYAML_SCHEMA, [['l', 1]]), undefined);
  });
});

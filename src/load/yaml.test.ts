import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseYaml, type ParseEvent, type RawDocument } from './yaml.js';

function docs(text: string, faithfulOnly = false): RawDocument[] {
  return [...parseYaml(text, { faithfulOnly })]
    .filter((e): e is Extract<ParseEvent, { kind: 'document' }> => e.kind === 'document')
    .map((e) => e.doc);
}
function errors(text: string) {
  return [...parseYaml(text)].filter((e): e is Extract<ParseEvent, { kind: 'error' }> => e.kind === 'error').map((e) => e.error);
}

const SAMPLES: Record<string, string> = {
  scalars: `a: yes\nb: "yes"\nc: 'on'\nd: 0644\ne: 0o17\nf: 1e3\ng: 2024-01-01\nh: ~\ni:\nj: 1_000\nk: !!str 12\nl: [on, off, y, n]\nm: {x: 08}\n`,
  blockScalars: `script: |\n  line one\n  --- not a marker (indented)\nfolded: >-\n  a\n  b\nkeep: |+\n  x\n\n`,
  quotedKeys: `"a.b": 1\n'c d': 2\n? complex\n: 3\n`,
  unicode: `name: "caf\\u00e9 ✓"\nemoji: 🚀\n`,
  crlf: `apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: x\r\n`,
  mergeKeys: `base: &b {cpu: 1, memory: 2}\nsmall:\n  <<: *b\n  cpu: 0.5\nmulti:\n  <<: [*b, {extra: true}]\n`,
  flow: `{apiVersion: v1, kind: List, items: [{apiVersion: v1, kind: Pod, metadata: {name: a}}]}\n`,
  json: `{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x", "labels": {"a": "yes"}}, "spec": {"n": 1.5e3}}\n`,
};

describe('YAML loader', () => {
  for (const [name, text] of Object.entries(SAMPLES)) {
    it(`fast and faithful paths agree: ${name}`, () => {
      const fast = docs(text).map((d) => d.value);
      const faithful = docs(text, true).map((d) => d.value);
      assert.ok(fast.length > 0);
      assert.deepEqual(fast, faithful);
    });
  }

  it('reads YAML 1.1 scalars as Kubernetes does', () => {
    const [d] = docs(SAMPLES.scalars!);
    assert.deepEqual(d!.value, {
      a: true,
      b: 'yes',
      c: 'on',
      d: 420,
      e: 15,
      f: 1000,
      g: '2024-01-01',
      h: null,
      i: null,
      j: 1000,
      k: '12',
      l: [true, false, true, false],
      m: { x: 8 },
    });
  });

  it('merge keys work (later keys win, explicit keys override)', () => {
    const [d] = docs(SAMPLES.mergeKeys!);
    assert.deepEqual((d!.value as Record<string, unknown>).small, { cpu: 0.5, memory: 2 });
    assert.deepEqual((d!.value as Record<string, unknown>).multi, { cpu: 1, memory: 2, extra: true });
  });

  it('splits documents at --- and ..., numbering lines from the file start', () => {
    const text = `# leading comment\napiVersion: v1\nkind: A\n---\n---\n# only a comment\n--- {kind: B, apiVersion: v1}\n...\n# after end\n---\nkind: C\n`;
    const ds = docs(text);
    assert.deepEqual(
      ds.map((d) => (d.value as { kind: string }).kind),
      ['A', 'B', 'C'],
    );
    assert.deepEqual(
      ds.map((d) => d.line),
      [1, 7, 10],
    );
    assert.deepEqual(
      ds.map((d) => d.index),
      [0, 1, 2],
    );
  });

  it('handles directives and a byte-order mark', () => {
    const ds = docs(`\ufeff%YAML 1.1\n---\na: yes\n---\nb: 2\n`);
    assert.deepEqual(
      ds.map((d) => d.value),
      [{ a: true }, { b: 2 }],
    );
  });

  it('resolves paths to 1-based line:column, through flow maps, quoted keys, merges and CRLF', () => {
    const text = `x: 1\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    "palisade.dev/ignore": a\nspec:\n  containers:\n  - name: a\n    securityContext: {privileged: true}\n`;
    const [, d] = [...docs(text)].length === 2 ? docs(text) : [];
    const [ann, priv, missing, item] = d!.locate([
      ['metadata', 'annotations', 'palisade.dev/ignore'],
      ['spec', 'containers', 0, 'securityContext', 'privileged'],
      ['spec', 'containers', 0, 'resources', 'limits'],
      ['spec', 'containers', 0],
    ]);
    assert.deepEqual(ann, { line: 7, column: 5, exact: true });
    assert.deepEqual(priv, { line: 11, column: 23, exact: true });
    assert.deepEqual(missing, { line: 10, column: 5, exact: false }, 'falls back to the nearest existing parent');
    assert.deepEqual(item, { line: 10, column: 5, exact: true });
    const [crlf] = docs(SAMPLES.crlf!);
    assert.deepEqual(crlf!.locate([['metadata', 'name']]), [{ line: 4, column: 3, exact: true }]);
    const [merged] = docs(SAMPLES.mergeKeys!);
    assert.deepEqual(merged!.locate([['small', 'memory']]), [{ line: 1, column: 19, exact: true }]);
  });

  it('reports duplicate keys with their line and keeps the last value', () => {
    const [d] = docs(`a: 1\nb: 2\na: 3\n`);
    assert.equal((d!.value as { a: number }).a, 3);
    assert.deepEqual(
      d!.problems.map((p) => p.line),
      [3],
    );
  });

  it('gives errors with lines instead of throwing, and keeps reading later documents', () => {
    const text = `a: 1\n---\nb: [1, 2\nc: 3\n---\nd: 4\n`;
    assert.deepEqual(
      docs(text).map((d) => d.value),
      [{ a: 1 }, { d: 4 }],
    );
    const [e] = errors(text);
    assert.ok(e && e.line >= 3 && e.line <= 5, `line ${e?.line}`);
  });

  it('bounds alias expansion (billion laughs)', () => {
    const lvl = (n: number, prev: string) => `l${n}: &l${n} [${Array(10).fill(`*${prev}`).join(', ')}]`;
    const text =
      ['l0: &l0 [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => lvl(i + 1, `l${i}`))].join('\n') + '\n';
    const [e] = errors(text);
    assert.match(e!.message, /alias bomb/);
    assert.equal(docs(text).length, 0);
  });

  it('long comment banners do not cause regex backtracking (was exponential)', { timeout: 5000 }, () => {
    const banner = '#'.repeat(98) + '\n';
    const ds = docs(`${banner}# header\n${banner}\n${banner}apiVersion: v1\nkind: A\n---\n${banner}${banner}\n---\nkind: B\n`);
    assert.deepEqual(
      ds.map((d) => (d.value as { kind: string }).kind),
      ['A', 'B'],
    );
  });

  it('small alias use is fine', () => {
    const [d] = docs(`a: &x {k: v}\nb: *x\n`);
    assert.deepEqual(d!.value, { a: { k: 'v' }, b: { k: 'v' } });
  });
});

/** `secrets decrypt -r DIR | kubectl apply -f -`: a whole folder as one decrypted stream. */
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { encryptText } from '../src/secrets/manifest.js';
import { generateKeyFile, loadLocalProvider } from '../src/secrets/providers/local.js';
import type { KeyProvider } from '../src/secrets/providers/types.js';
import { joinStream, manifestFiles } from '../src/secrets/walk.js';
import { palisade, tempDir } from './helpers/cli.js';

const JSON_SECRET = `{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "j", "namespace": "prod"}, "stringData": {"k": "v, w"}}\n`;
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers: [{name: c, image: nginx}]
`;
const SECRET = `# the database
apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: prod
data:
  password: cGFzcw==
`;
const MARKED = `---
apiVersion: v1
kind: Secret
metadata: {name: other}
stringData:
  token: t0ken
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cm}
data: {a: b}
`;
const GARBAGE = 'not: [valid\n';

/** deploy/ with manifests, and files that must be skipped (they would break the stream). */
async function tree(p: KeyProvider): Promise<string> {
  const dir = tempDir();
  const root = path.join(dir, 'deploy');
  const enc = async (t: string) => (await encryptText(t, 'x', { providers: [p] })).text;
  const files: Record<string, string> = {
    'a.json': await enc(JSON_SECRET),
    'app/deployment.yaml': DEPLOYMENT,
    'app/secret.yaml': await enc(SECRET),
    'app/sub/other.yml': await enc(MARKED),
    'empty.yaml': '',
    'node_modules/pkg/x.yaml': GARBAGE,
    '.git/x.yaml': GARBAGE,
    '.palisade.yaml': 'secrets: {}\n',
    '.github/workflows/ci.yml': GARBAGE,
    'README.md': '# readme\n',
    'app/values.txt': GARBAGE,
  };
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    writeFileSync(path.join(root, f), text);
  }
  return root;
}

async function key(): Promise<{ file: string; p: KeyProvider }> {
  const file = path.join(tempDir(), 'k.key');
  await generateKeyFile(file);
  return { file, p: await loadLocalProvider(file) };
}

describe('secrets decrypt -r: files and stream', () => {
  it('walks .yaml/.yml/.json in name order, skipping node_modules and dot-files; links to files only', async () => {
    const { p } = await key();
    const root = await tree(p);
    const outside = tempDir({ 'linked.yaml': DEPLOYMENT });
    symlinkSync(path.join(outside, 'linked.yaml'), path.join(root, 'app', 'linked.yaml'));
    symlinkSync(root, path.join(root, 'app', 'loop')); // a folder link: not followed
    const rel = (await manifestFiles(root)).map((f) => path.relative(root, f));
    assert.deepEqual(rel, [
      'a.json',
      'app/deployment.yaml',
      'app/linked.yaml',
      'app/secret.yaml',
      'app/sub/other.yml',
      'empty.yaml',
    ]);
    await assert.rejects(manifestFiles(tempDir({ 'a.txt': 'x' })), /no \.yaml, \.yml or \.json files in it/);
  });

  it('joins files so that each starts a document, as kubectl splits them', () => {
    assert.equal(joinStream(['a: 1\n', 'b: 2']), 'a: 1\n---\nb: 2\n');
    assert.equal(joinStream(['a: 1', '---\nb: 2\n', '', '# c\n']), 'a: 1\n---\nb: 2\n---\n# c\n');
    assert.equal(joinStream(['\ufeffa: 1\n', '\ufeffb: 2\n']), 'a: 1\n---\nb: 2\n');
    // kubectl reads a stream that starts with `{` as JSON only: a leading JSON file gets a marker.
    assert.equal(joinStream(['{"a": 1}\n', 'b: 2\n']), '---\n{"a": 1}\n---\nb: 2\n');
    assert.equal(joinStream(['{"a": 1}\n']), '{"a": 1}\n');
    assert.equal(joinStream([]), '');
  });
});

describe('secrets decrypt -r: CLI', () => {
  it('prints the whole folder decrypted, other documents as they are, ready for kubectl apply -f -', async () => {
    const { file, p } = await key();
    const root = await tree(p);
    const r = palisade(['secrets', 'decrypt', '-r', root, '--key', `local:${file}`, '--no-config']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `---\n${JSON_SECRET}---\n${DEPLOYMENT}---\n${SECRET}${MARKED}`);
    const docs = parseAllDocuments(r.stdout).map((d) => {
      assert.deepEqual(d.errors, []);
      return d.toJS() as { kind: string; metadata: { name: string; annotations?: object } };
    });
    assert.deepEqual(
      docs.map((d) => `${d.kind}/${d.metadata.name}`),
      ['Secret/j', 'Deployment/web', 'Secret/db', 'Secret/other', 'ConfigMap/cm'],
    );
    for (const d of docs) assert.equal(d.metadata.annotations, undefined);
    // Files and folders can be mixed; a folder needs -r.
    const again = palisade([
      'secrets',
      'decrypt',
      path.join(root, 'app', 'secret.yaml'),
      '-r',
      path.join(root, 'app', 'sub'),
      '--key',
      `local:${file}`,
      '--no-config',
    ]);
    assert.equal(again.stdout, `${SECRET}${MARKED}`);
    const noR = palisade(['secrets', 'decrypt', root, '--key', `local:${file}`, '--no-config']);
    assert.equal(noR.code, 2);
    assert.match(noR.stderr, /deploy is a folder: use -r/);
  });

  it('one bad value anywhere: exit 2 naming file and value, and nothing on stdout', async () => {
    const { file, p } = await key();
    const root = await tree(p);
    const f = path.join(root, 'app', 'secret.yaml');
    const text = (await encryptText(SECRET, f, { providers: [p] })).text;
    writeFileSync(
      f,
      text.replace(/(password: ENC\[v1,)./, (_, a: string) => `${a}${text.includes('password: ENC[v1,A') ? 'B' : 'A'}`),
    );
    const r = palisade(['secrets', 'decrypt', '-r', root, '--key', `local:${file}`, '--no-config']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /deploy\/app\/secret\.yaml:2: Secret prod\/db: data\.password: value failed authentication/);
    const empty = palisade(['secrets', 'decrypt', '-r', tempDir(), '--key', `local:${file}`, '--no-config']);
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /no \.yaml, \.yml or \.json files in it/);
  });
});

/** `secrets rotate` (--rewrap, --new-data-key) and `secrets updatekeys` (--add, --remove). */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { SecretsError, parseMeta } from '../src/secrets/format.js';
import { decryptText, encryptText } from '../src/secrets/manifest.js';
import { generateKeyFile, loadLocalProvider } from '../src/secrets/providers/local.js';
import type { KeyProvider } from '../src/secrets/providers/types.js';
import { removeTargets, rotateText, updateKeysText } from '../src/secrets/rekey.js';
import { palisade, tempDir } from './helpers/cli.js';

const FILE = `# two Secrets and a ConfigMap
apiVersion: v1
kind: ConfigMap
metadata: {name: cm}
data: {a: b}
---
apiVersion: v1
kind: Secret
metadata:
  name: db # primary
  namespace: prod
data:
  password: cGFzcw== # base64 of pass
  user: YWRtaW4=
stringData:
  url: "postgres://db:5432/app"
---
{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "j"}, "stringData": {"k": "v, w"}}
`;

async function keys(n: number): Promise<{ dir: string; files: string[]; ps: KeyProvider[] }> {
  const dir = tempDir();
  const files: string[] = [];
  const ps: KeyProvider[] = [];
  for (let i = 0; i < n; i++) {
    const f = path.join(dir, `k${i}.key`);
    await generateKeyFile(f);
    files.push(f);
    ps.push(await loadLocalProvider(f));
  }
  return { dir, files, ps };
}

/** The annotation of the i-th Secret, read as Kubernetes would (flow and block alike). */
const annotation = (text: string, i: number) => {
  const secrets = parseAllDocuments(text)
    .map((d) => d.toJS() as { kind?: string; metadata: { annotations: Record<string, string> } })
    .filter((o) => o.kind === 'Secret');
  return parseMeta(secrets[i]!.metadata.annotations['palisade.dev/encryption']);
};
const kidsOf = (text: string, i = 0) => annotation(text, i).recipients.map((r) => r.kid);
const encValues = (text: string) => [...text.matchAll(/ENC\[[^\]]+\]/g)].map((m) => m[0]);
const dec = async (text: string, p: KeyProvider) =>
  (await decryptText(text, 'f.yaml', { providers: [p], keepAnnotation: false })).text;
const changedLines = (a: string, b: string) => b.split('\n').filter((l, i) => l !== a.split('\n')[i]);

describe('secrets rotate: library', () => {
  it('--rewrap changes only the recipients: values and MAC byte for byte, created kept', async () => {
    const { ps } = await keys(3);
    const [a, b, c] = ps as [KeyProvider, KeyProvider, KeyProvider];
    const enc = (await encryptText(FILE, 'f.yaml', { providers: [a, b] })).text;
    const r = await rotateText(enc, 'f.yaml', { mode: 'rewrap', recipients: [b, c], credentials: [] });
    assert.equal(r.changed, true);
    assert.deepEqual(encValues(r.text), encValues(enc));
    // Only the two annotation lines differ (block Secret, JSON Secret): nothing else moves.
    assert.equal(changedLines(enc, r.text).length, 2);
    for (const i of [0, 1]) {
      assert.deepEqual(kidsOf(r.text, i), [b.keyId, c.keyId]);
      assert.equal(annotation(r.text, i).mac, annotation(enc, i).mac);
      assert.equal(annotation(r.text, i).created, annotation(enc, i).created);
      // Wrapped afresh (new nonce) even for a recipient that stays.
      assert.notEqual(annotation(r.text, i).recipients[0]!.wrapped, annotation(enc, i).recipients[1]!.wrapped);
    }
    assert.equal(await dec(r.text, b), FILE);
    assert.equal(await dec(r.text, c), FILE);
    await assert.rejects(dec(r.text, a), /no given key can decrypt it/);
    assert.match(
      r.notes.join('\n'),
      /f\.yaml:7: Secret prod\/db: re-wrapped the data key for local:\w+, local:\w+; removed local:/,
    );
    JSON.parse(r.text.split('---\n')[2]!); // JSON stays JSON
  });

  it('--new-data-key re-encrypts every value with fresh nonces under a new data key', async () => {
    const { ps } = await keys(2);
    const [a, b] = ps as [KeyProvider, KeyProvider];
    const enc = (await encryptText(FILE, 'f.yaml', { providers: [a], now: new Date('2020-01-02T03:04:05Z') })).text;
    const now = new Date('2025-06-07T08:09:10.123Z');
    const r = await rotateText(enc, 'f.yaml', { mode: 'new-data-key', recipients: [a, b], credentials: [], now });
    const before = encValues(enc);
    const after = encValues(r.text);
    assert.equal(after.length, 4);
    const nonce = (v: string) => v.split(',')[1];
    for (let i = 0; i < after.length; i++) {
      assert.notEqual(after[i], before[i]);
      assert.ok(!before.map(nonce).includes(nonce(after[i]!)), 'a nonce was reused');
    }
    assert.equal(new Set(after.map(nonce)).size, after.length);
    assert.equal(annotation(r.text, 0).created, '2025-06-07T08:09:10Z');
    assert.notEqual(annotation(r.text, 0).mac, annotation(enc, 0).mac);
    assert.deepEqual(kidsOf(r.text), [a.keyId, b.keyId]);
    assert.equal(await dec(r.text, a), FILE);
    assert.equal(await dec(r.text, b), FILE);
    // The old ciphertexts cannot be spliced into the new file: they belong to the old data key.
    const mixed = r.text.replace(after[0]!, before[0]!);
    await assert.rejects(dec(mixed, a), /data\.password: value failed authentication/);
    // Comments and the ConfigMap are untouched.
    assert.equal(r.text.split('---\n')[0], FILE.split('---\n')[0]);
    assert.match(r.text, /password: ENC\[[^\]]+\] # base64 of pass\n/);
  });

  it('needs a key that can unwrap; --old-key style credentials are not kept as recipients', async () => {
    const { ps } = await keys(2);
    const [a, b] = ps as [KeyProvider, KeyProvider];
    const enc = (await encryptText(FILE, 'f.yaml', { providers: [a] })).text;
    await assert.rejects(
      rotateText(enc, 'f.yaml', { mode: 'rewrap', recipients: [b], credentials: [] }),
      /f\.yaml:7: Secret prod\/db: no given key can decrypt it: .*add --old-key SPEC/,
    );
    const r = await rotateText(enc, 'f.yaml', { mode: 'new-data-key', recipients: [b], credentials: [a] });
    assert.deepEqual(kidsOf(r.text), [b.keyId]);
    await assert.rejects(dec(r.text, a), /no given key can decrypt it/);
  });

  it('refuses plaintext, partly encrypted and tampered Secrets, naming the value', async () => {
    const { ps } = await keys(1);
    const [a] = ps as [KeyProvider];
    const opts = { mode: 'new-data-key' as const, recipients: [a], credentials: [] };
    await assert.rejects(
      rotateText(FILE, 'f.yaml', opts),
      /f\.yaml:7: Secret prod\/db: is not encrypted: run palisade secrets encrypt/,
    );
    const enc = (await encryptText(FILE, 'f.yaml', { providers: [a] })).text;
    const partly = enc.replace(/user: ENC\[[^\]]+\]/, 'user: YWRtaW4=');
    await assert.rejects(rotateText(partly, 'f.yaml', opts), (e: unknown) => {
      assert.ok(e instanceof SecretsError);
      assert.match(e.message, /Secret prod\/db: holds plaintext values \(data\.user\)/);
      assert.equal(e.valuePath, 'data.user');
      return true;
    });
    const pw = /password: (ENC\[[^\]]+\])/.exec(enc)![1]!;
    const tampered = enc.replace(
      pw,
      pw.replace(/,(.)/, (_, c: string) => `,${c === 'A' ? 'B' : 'A'}`),
    );
    for (const mode of ['rewrap', 'new-data-key'] as const)
      await assert.rejects(
        rotateText(tampered, 'f.yaml', { ...opts, mode }),
        /Secret prod\/db: data\.password: value failed authentication/,
      );
    const reordered = enc.replace(/( {2}password: .*)\n( {2}user: .*)\n/, '$2\n$1\n');
    await assert.rejects(rotateText(reordered, 'f.yaml', { ...opts, mode: 'rewrap' }), /MAC mismatch/);
    await assert.rejects(rotateText(enc, 'f.yaml', { ...opts, recipients: [] }), /at least one recipient/);
  });
});

describe('secrets updatekeys: library', () => {
  it('--add wraps the data key for the new key; existing wrapped keys and values stay byte for byte', async () => {
    const { ps } = await keys(3);
    const [a, b, c] = ps as [KeyProvider, KeyProvider, KeyProvider];
    const enc = (await encryptText(FILE, 'f.yaml', { providers: [a, b] })).text;
    const r = await updateKeysText(enc, 'f.yaml', { add: [c, a], remove: [], credentials: [b] });
    assert.deepEqual(encValues(r.text), encValues(enc));
    const [before, after] = [annotation(enc, 0), annotation(r.text, 0)];
    assert.deepEqual(after.recipients.slice(0, 2), before.recipients);
    assert.deepEqual(kidsOf(r.text), [a.keyId, b.keyId, c.keyId]);
    assert.equal(after.mac, before.mac);
    assert.equal(await dec(r.text, c), FILE);
    assert.match(r.notes[0]!, /Secret prod\/db: added local:\w+$/);
    // Adding a key that is already there changes nothing.
    const same = await updateKeysText(r.text, 'f.yaml', { add: [c], remove: [], credentials: [c] });
    assert.equal(same.changed, false);
    assert.match(same.notes[0]!, /recipients unchanged/);
  });

  it('--remove by kid, provider:kid or key; refuses to remove the last recipient', async () => {
    const { ps } = await keys(3);
    const [a, b, c] = ps as [KeyProvider, KeyProvider, KeyProvider];
    const enc = (await encryptText(FILE, 'f.yaml', { providers: [a, b, c] })).text;
    const byKid = await updateKeysText(enc, 'f.yaml', { add: [], remove: [{ text: a.keyId }], credentials: [b] });
    assert.deepEqual(kidsOf(byKid.text), [b.keyId, c.keyId]);
    assert.deepEqual(encValues(byKid.text), encValues(enc));
    await assert.rejects(dec(byKid.text, a), /no given key can decrypt it/);
    const byLabel = await updateKeysText(byKid.text, 'f.yaml', {
      add: [],
      remove: [{ text: `local:${b.keyId}` }],
      credentials: [c],
    });
    assert.deepEqual(kidsOf(byLabel.text), [c.keyId]);
    // The removed key itself may do the unwrapping, to swap one key for another.
    const swapped = await updateKeysText(byLabel.text, 'f.yaml', { add: [a], remove: [{ text: 'x', key: c }], credentials: [] });
    assert.deepEqual(kidsOf(swapped.text), [a.keyId]);
    assert.equal(await dec(swapped.text, a), FILE);
    await assert.rejects(
      updateKeysText(swapped.text, 'f.yaml', { add: [], remove: [{ text: a.keyId }], credentials: [a] }),
      /f\.yaml:7: Secret prod\/db: refusing to remove the last recipient \(local:\w+\)/,
    );
  });

  it('resolves --remove arguments: a lost key by its kid, a key spec by its key, typos are errors', async () => {
    const { dir, files, ps } = await keys(2);
    const [a, b] = ps as [KeyProvider, KeyProvider];
    const enc = (await encryptText(FILE, 'f.yaml', { providers: [a] })).text;
    const input = [{ file: 'f.yaml', text: enc }];
    assert.deepEqual(await removeTargets([a.keyId, `local:${a.keyId}`], input), [
      { text: a.keyId },
      { text: `local:${a.keyId}` },
    ]);
    const [t] = await removeTargets([`local:${files[0]}`], input);
    assert.equal(t!.key!.keyId, a.keyId);
    await assert.rejects(
      removeTargets([`local:${files[1]}`], input),
      new RegExp(`local:${b.keyId} .* is not a recipient of these files \\(they have: local:${a.keyId}\\)`),
    );
    await assert.rejects(
      removeTargets(['0123abcd'], input),
      /--remove 0123abcd: not a recipient of these files .* nor a usable key spec/,
    );
    await assert.rejects(removeTargets([`local:${path.join(dir, 'gone.key')}`], input), /key file .*gone\.key not found/);
  });
});

describe('secrets rotate / updatekeys: CLI', () => {
  it('rotate needs --rewrap or --new-data-key (not both); exit 2, nothing written', () => {
    const dir = tempDir({ 'f.yaml': FILE });
    const f = path.join(dir, 'f.yaml');
    const key = path.join(dir, 'k');
    assert.equal(palisade(['secrets', 'keygen', '--out', key]).code, 0);
    assert.equal(palisade(['secrets', 'encrypt', f, '--key', `local:${key}`, '--no-config']).code, 0);
    const enc = readFileSync(f, 'utf8');
    let r = palisade(['secrets', 'rotate', f, '--key', `local:${key}`, '--no-config']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /rotate needs --rewrap \(new wrapped keys, values unchanged\) or --new-data-key/);
    r = palisade(['secrets', 'rotate', f, '--rewrap', '--new-data-key', '--key', `local:${key}`, '--no-config']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot be used with/);
    r = palisade(['secrets', 'rotate', f, '--rewrap', '--no-config'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /rotate needs the recipients: --key SPEC \(repeatable\) or secrets\.keys/);
    assert.equal(readFileSync(f, 'utf8'), enc);
  });

  it('rotates and updates keys across files; one bad file means nothing is written', () => {
    const plain2 = FILE.replace('name: db #', 'name: db2 #');
    const dir = tempDir({ 'a.yaml': FILE, 'b.yaml': plain2 });
    const [fa, fb] = [path.join(dir, 'a.yaml'), path.join(dir, 'b.yaml')];
    const [k1, k2] = [path.join(dir, 'k1'), path.join(dir, 'k2')];
    for (const k of [k1, k2]) assert.equal(palisade(['secrets', 'keygen', '--out', k]).code, 0);
    assert.equal(palisade(['secrets', 'encrypt', fa, fb, '--key', `local:${k1}`, '--no-config']).code, 0);
    const [ea, eb] = [readFileSync(fa, 'utf8'), readFileSync(fb, 'utf8')];
    // b.yaml damaged: neither file changes.
    const pw = /password: (ENC\[[^\]]+\])/.exec(eb)![1]!;
    writeFileSync(fb, eb.replace(pw, pw.slice(0, -8)));
    let r = palisade(['secrets', 'rotate', '--new-data-key', fa, fb, '--key', `local:${k1}`, '--no-config']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /b\.yaml:7: Secret prod\/db2: data\.password: (malformed|tag is)/);
    assert.equal(readFileSync(fa, 'utf8'), ea);
    assert.deepEqual(readdirSync(dir).sort(), ['a.yaml', 'b.yaml', 'k1', 'k2']);
    writeFileSync(fb, eb);

    r = palisade([
      'secrets',
      'rotate',
      '--new-data-key',
      fa,
      fb,
      '--key',
      `local:${k2}`,
      '--old-key',
      `local:${k1}`,
      '--no-config',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /a\.yaml:7: Secret prod\/db: new data key, 3 value\(s\) re-encrypted, for local:\w+; removed local:\w+/,
    );
    r = palisade(['secrets', 'decrypt', fa, fb, '--key', `local:${k2}`, '--no-config']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${FILE}---\n${plain2}`);

    r = palisade(['secrets', 'updatekeys', fa, fb, '--add', `local:${k1}`, '--key', `local:${k2}`, '--no-config']);
    assert.equal(r.code, 0, r.stderr);
    const kid2 = /"kid":"(\w+)"/.exec(readFileSync(fa, 'utf8'))![1]!;
    r = palisade(['secrets', 'updatekeys', fa, fb, '--remove', kid2, '--key', `local:${k1}`, '--no-config']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`removed local:${kid2}`));
    assert.equal(palisade(['secrets', 'decrypt', fa, '--key', `local:${k2}`, '--no-config']).code, 2);
    const before = readFileSync(fa, 'utf8');
    r = palisade(['secrets', 'updatekeys', fa, '--remove', `local:${k1}`, '--no-config']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /refusing to remove the last recipient/);
    r = palisade(['secrets', 'updatekeys', fa, '--no-config']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /updatekeys needs --add SPEC or --remove SPEC-or-KID/);
    assert.equal(readFileSync(fa, 'utf8'), before);
  });
});

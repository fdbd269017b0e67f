import assert from 'node:assert/strict';
import { chmodSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseYaml } from '../src/load/yaml.js';
import { SecretsError } from '../src/secrets/format.js';
import { decryptText, encryptText, statusText } from '../src/secrets/manifest.js';
import { generateKeyFile, loadLocalProvider } from '../src/secrets/providers/local.js';
import type { KeyProvider } from '../src/secrets/providers/types.js';
import { palisade, tempDir } from './helpers/cli.js';

const FILE = `# Database credentials: rotate yearly
apiVersion: v1
kind: ConfigMap # not a Secret: untouched
metadata: {name: cm}
data:
  password: not-secret
---
apiVersion: v1
kind: Secret
metadata:
  name: db # the primary
  namespace: prod
  labels: {app: db}
type: Opaque
# values below
data:
  password: cGFzcw== # base64 of pass
  user: YWRtaW4=
stringData:
  cert: |
    -----BEGIN CERTIFICATE-----
    MIIB
    -----END CERTIFICATE-----
  url: "postgres://db:5432/app?ssl=on"
---
{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "j", "annotations": {"team": "a"}}, "stringData": {"k": "v, w"}}
`;

async function keys(n: number): Promise<{ dir: string; files: string[]; providers: KeyProvider[] }> {
  const dir = tempDir();
  const files: string[] = [];
  const providers: KeyProvider[] = [];
  for (let i = 0; i < n; i++) {
    const f = path.join(dir, `k${i}.key`);
    await generateKeyFile(f);
    files.push(f);
    providers.push(await loadLocalProvider(f));
  }
  return { dir, files, providers };
}

async function encrypted(providers: KeyProvider[]): Promise<string> {
  return (await encryptText(FILE, 'f.yaml', { providers })).text;
}

describe('secrets: manifests', () => {
  it('encrypts every Secret value and keeps everything else byte for byte', async () => {
    const { providers } = await keys(1);
    const enc = await encrypted(providers);
    assert.doesNotMatch(enc, /cGFzcw==|YWRtaW4=|BEGIN|postgres|v, w/);
    assert.match(enc, /^ {2}password: ENC\[v1,[^\]]+\] # base64 of pass$/m);
    assert.match(enc, /"k": "ENC\[v1,/); // JSON stays JSON
    JSON.parse(enc.split('---\n')[2]!);
    // Documents without Secrets are untouched, and every comment survives, in order.
    assert.equal(enc.split('---\n')[0], FILE.split('---\n')[0]);
    const comments = (t: string) => t.split('\n').flatMap((l) => (/ #|^#/.exec(l) ? [l.slice(l.indexOf('#'))] : []));
    assert.deepEqual(comments(enc), comments(FILE));
    assert.match(enc, /^metadata:\n {2}annotations:\n {4}palisade\.dev\/encryption: '\{"v":1,/m);
  });

  it('round-trips data and stringData exactly, in multi-document files', async () => {
    const { providers } = await keys(1);
    const enc = await encrypted(providers);
    const dec = await decryptText(enc, 'f.yaml', { providers, keepAnnotation: false });
    assert.equal(dec.text, FILE);
    // In place keeps the annotation, so status can warn and encrypt reuses the data key.
    const inPlace = await decryptText(enc, 'f.yaml', { providers, keepAnnotation: true });
    assert.equal(statusText(inPlace.text, 'f.yaml')[0]!.state, 'decrypted');
    const again = await encryptText(inPlace.text, 'f.yaml', { providers });
    assert.equal(/"created":"([^"]+)"/.exec(again.text)![1], /"created":"([^"]+)"/.exec(enc)![1]);
    assert.equal((await decryptText(again.text, 'f.yaml', { providers, keepAnnotation: false })).text, FILE);
  });

  it('any recipient key decrypts; a key that is not a recipient is refused by name', async () => {
    const { providers } = await keys(3);
    const enc = (await encryptText(FILE, 'f.yaml', { providers: providers.slice(0, 2) })).text;
    for (const p of providers.slice(0, 2))
      assert.equal((await decryptText(enc, 'f.yaml', { providers: [p], keepAnnotation: false })).text, FILE);
    await assert.rejects(
      decryptText(enc, 'f.yaml', { providers: [providers[2]!], keepAnnotation: false }),
      /f\.yaml:8: Secret prod\/db: no given key can decrypt it: encrypted for local:/,
    );
    await assert.rejects(decryptText(enc, 'f.yaml', { providers: [], keepAnnotation: false }), /--key given: none/);
  });

  it('re-encryption keeps the ciphertext of unchanged values (small Git diffs)', async () => {
    const { providers } = await keys(1);
    const enc = await encrypted(providers);
    const plain = (await decryptText(enc, 'f.yaml', { providers, keepAnnotation: true })).text;
    const edited = plain.replace('YWRtaW4=', 'cm9vdA==');
    const re = await encryptText(edited, 'f.yaml', { providers, previous: enc });
    const changed = re.text.split('\n').filter((l, i) => l !== enc.split('\n')[i]);
    assert.equal(changed.length, 2, changed.join('\n')); // the edited value and the MAC
    assert.match(changed[0]!, /palisade\.dev\/encryption/);
    assert.match(changed[1]!, /^ {2}user: ENC/);
    // A new plaintext value added to an encrypted file: only it is encrypted.
    const added = enc.replace('  user: ENC', '  extra: eA==\n  user: ENC');
    const r2 = await encryptText(added, 'f.yaml', { providers });
    assert.equal(r2.text.split('\n').filter((l, i) => l !== added.split('\n')[i]).length, 2);
    const back = await decryptText(r2.text, 'f.yaml', { providers, keepAnnotation: false });
    assert.match(back.text, /extra: eA==\n {2}user: YWRtaW4=/);
    // ...but adding a value must not launder tampering with the others into a fresh MAC.
    const removedOne = added.replace(/ {2}user: ENC\[[^\]]+\]\n/, '');
    await assert.rejects(encryptText(removedOne, 'f.yaml', { providers }), /MAC mismatch/);
    // After decrypt --in-place (no encrypted value left) there is nothing to vouch for.
    const reenc = await encryptText(plain, 'f.yaml', { providers });
    const opts = { providers, keepAnnotation: false };
    assert.equal((await decryptText(reenc.text, 'f.yaml', opts)).text, (await decryptText(enc, 'f.yaml', opts)).text);
  });

  it('detects tampering with each part, naming the file and the value', async () => {
    const { providers } = await keys(1);
    const enc = await encrypted(providers);
    const expectErr = async (text: string, re: RegExp) =>
      assert.rejects(decryptText(text, 'f.yaml', { providers, keepAnnotation: false }), (e: unknown) => {
        assert.ok(e instanceof SecretsError, String(e));
        assert.match(e.message, re);
        return true;
      });
    const pw = /password: (ENC\[[^\]]+\])/.exec(enc)![1]!;
    const user = /user: (ENC\[[^\]]+\])/.exec(enc)![1]!;
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    // A changed ciphertext byte, nonce byte, tag byte.
    for (const i of [8, 30, pw.length - 6])
      await expectErr(enc.replace(pw, flip(pw, i)), /f\.yaml:8: Secret prod\/db: data\.password: value failed authentication/);
    // Truncated value.
    await expectErr(enc.replace(pw, pw.slice(0, 20)), /data\.password: malformed ENC value/);
    // Swapped between keys: AAD binds each value to its key.
    await expectErr(
      enc.replace(pw, '\u0000').replace(user, pw).replace('\u0000', user),
      /data\.password: value failed authentication.*moved from another key/,
    );
    // A value removed, or two reordered: each value is fine, the MAC is not.
    await expectErr(enc.replace(/ {2}user: ENC\[[^\]]+\]\n/, ''), /MAC mismatch/);
    const swapped = enc.replace(/( {2}password: ENC\[[^\]]+\] # base64 of pass)\n( {2}user: ENC\[[^\]]+\])/, '$2\n$1');
    assert.notEqual(swapped, enc);
    await expectErr(swapped, /MAC mismatch/);
    // The MAC itself, and a wrapped key.
    const mac = /"mac":"([^"]+)"/.exec(enc)![1]!;
    await expectErr(enc.replace(mac, flip(mac, 3)), /MAC mismatch/);
    const wrapped = /"wrapped":"([^"]+)"/.exec(enc)![1]!;
    await expectErr(enc.replace(wrapped, flip(wrapped, 20)), /wrapped data key for local:\w+ .*failed authentication/);
    await expectErr(enc.replace(wrapped, wrapped.slice(0, 30)), /wrapped data key .* malformed/);
    // Renamed Secret, and a future format version.
    await expectErr(enc.replace('name: db #', 'name: db2 #'), /encrypted as v1\/Secret prod\/db but is now v1\/Secret prod\/db2/);
    await expectErr(enc.replace('{"v":1,', '{"v":2,'), /unknown encryption format version 2/);
    await expectErr(
      enc.replace(/ {2}annotations:\n {4}palisade\.dev\/encryption.*\n/, ''),
      /ENC values but no palisade\.dev\/encryption annotation/,
    );
  });

  it('decrypts awkward values to YAML that Kubernetes reads as the same strings', async () => {
    const { providers } = await keys(1);
    const values = [
      '  lead',
      'a: b',
      '#x',
      'yes',
      '0644',
      '~',
      'tab\tx',
      'two\nlines\n\n',
      'no newline\nat end',
      'ünï',
      'ls\u2028x',
      "it's",
      '',
    ];
    const src =
      'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n' +
      values.map((v, i) => `  k${i}: ${JSON.stringify(v)}\n`).join('');
    const enc = (await encryptText(src, 'f.yaml', { providers })).text;
    const dec = (await decryptText(enc, 'f.yaml', { providers, keepAnnotation: false })).text;
    const read = (t: string) => {
      const ev = [...parseYaml(t)][0]!;
      assert.equal(ev.kind, 'document');
      return ev.kind === 'document' ? (ev.doc.value as { stringData: Record<string, string> }).stringData : {};
    };
    assert.deepEqual(read(dec), read(src));
    assert.deepEqual(Object.values(read(dec)), values);
  });

  it('refuses values Kubernetes would not read as strings, and Lists of Secrets', async () => {
    const { providers } = await keys(1);
    await assert.rejects(
      encryptText('apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  flag: yes\n', 'f.yaml', { providers }),
      /f\.yaml:1: Secret s: stringData\.flag: not a string \(Kubernetes reads it as true\)/,
    );
    await assert.rejects(
      encryptText('apiVersion: v1\nkind: List\nitems:\n- kind: Secret\n', 'f.yaml', { providers }),
      /kind List is not supported/,
    );
  });
});

describe('secrets: CLI', () => {
  it('keygen, encrypt in place, status, decrypt to stdout; exit codes', () => {
    const dir = tempDir({ 'f.yaml': FILE });
    const f = path.join(dir, 'f.yaml');
    const key = path.join(dir, 'k');
    assert.equal(palisade(['secrets', 'keygen', '--out', key]).code, 0);
    assert.equal(statSync(key).mode & 0o777, 0o600);
    assert.equal(palisade(['secrets', 'keygen', '--out', key]).code, 2, 'never overwrites a key');
    let r = palisade(['secrets', 'status', f]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /Secret prod\/db: plaintext/);
    r = palisade(['secrets', 'encrypt', f, '--key', `local:${key}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(readFileSync(f, 'utf8'), /ENC\[v1,/);
    r = palisade(['secrets', 'status', f]);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /Secret prod\/db: encrypted, keys local:[0-9a-f]{16}, data key from \S+ \(0 days old\)/);
    r = palisade(['secrets', 'decrypt', f, '--key', `local:${key}`, '-o', '-']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, FILE);
    assert.equal(palisade(['secrets', 'decrypt', f, '--key', `local:${key}`, '-o', path.join(dir, 'plain.yaml')]).code, 2);
    assert.equal(palisade(['secrets', 'decrypt', f]).code, 2);
    r = palisade(['secrets', 'decrypt', f, '--key', 'pkcs11:x']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--key pkcs11:x: .*syntax: pkcs11:module=/);
    r = palisade(['secrets', 'decrypt', f, '--key', 'azure-keyvault:https://vault.example/keys/k']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /vault.example is not a Key Vault/);
    r = palisade(['secrets', 'decrypt', f, '--key', `local:${key}`, '--in-place']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(readFileSync(f, 'utf8'), /password: cGFzcw==/);
  });

  it('refuses key files readable by group or others', () => {
    const dir = tempDir({ 'f.yaml': FILE });
    const key = path.join(dir, 'k');
    assert.equal(palisade(['secrets', 'keygen', '--out', key]).code, 0);
    chmodSync(key, 0o640);
    const r = palisade(['secrets', 'encrypt', path.join(dir, 'f.yaml'), '--key', `local:${key}`]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /key file .*k is accessible by group or others \(mode 0640\); run chmod 600/);
    assert.equal(readFileSync(path.join(dir, 'f.yaml'), 'utf8'), FILE);
  });

  it('writes nothing when any file fails, and leaves no temp files', () => {
    const bad = 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  a: ENC[v1,broken\n';
    const dir = tempDir({ 'a.yaml': FILE, 'b.yaml': bad });
    const key = path.join(dir, 'k');
    palisade(['secrets', 'keygen', '--out', key]);
    const r = palisade(['secrets', 'encrypt', path.join(dir, 'a.yaml'), path.join(dir, 'b.yaml'), '--key', `local:${key}`]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /b\.yaml:1: Secret s: has ENC values but no palisade\.dev\/encryption annotation/);
    assert.equal(readFileSync(path.join(dir, 'a.yaml'), 'utf8'), FILE);
    assert.equal(readFileSync(path.join(dir, 'b.yaml'), 'utf8'), bad);
    assert.deepEqual(readdirSync(dir).sort(), ['a.yaml', 'b.yaml', 'k']);
    // A wrong key on decrypt --in-place: the encrypted file stays as it was.
    assert.equal(palisade(['secrets', 'encrypt', path.join(dir, 'a.yaml'), '--key', `local:${key}`]).code, 0);
    const enc = readFileSync(path.join(dir, 'a.yaml'), 'utf8');
    const other = path.join(dir, 'other');
    palisade(['secrets', 'keygen', '--out', other]);
    assert.equal(palisade(['secrets', 'decrypt', '--in-place', path.join(dir, 'a.yaml'), '--key', `local:${other}`]).code, 2);
    assert.equal(readFileSync(path.join(dir, 'a.yaml'), 'utf8'), enc);
    writeFileSync(path.join(dir, 'a.yaml'), enc);
  });
});

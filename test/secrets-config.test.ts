/** The `secrets:` section of .palisade.yaml, and `secrets status` (data key age, -o json). */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseConfig } from '../src/core/config.js';
import { parseSecretsSection, resolveKeySpec } from '../src/secrets/config.js';
import { encryptText, statusText } from '../src/secrets/manifest.js';
import { generateKeyFile, loadLocalProvider } from '../src/secrets/providers/local.js';
import { buildStatus, dataKeyAgeDays } from '../src/secrets/status.js';
import { palisade, tempDir } from './helpers/cli.js';

const SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: prod
stringData:
  password: pass
`;

describe('secrets config: parsing', () => {
  it('accepts keys and maxDataKeyAgeDays; scans ignore the section', () => {
    const r = parseSecretsSection({ keys: ['local:a.key', 'pkcs11:module=/m.so;token=t;key=k'], maxDataKeyAgeDays: 90 });
    assert.deepEqual(r, {
      value: { keys: ['local:a.key', 'pkcs11:module=/m.so;token=t;key=k'], maxDataKeyAgeDays: 90 },
      issues: [],
    });
    assert.deepEqual(parseSecretsSection(undefined), { value: { keys: [] }, issues: [] });
    assert.deepEqual(parseConfig({ secrets: { keys: ['local:a'] } }, [], 'x').issues, []);
  });

  it('reports every malformed entry at its path', () => {
    const issues = (raw: unknown) => parseSecretsSection(raw).issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    assert.deepEqual(issues(['local:a']), ['secrets: must be a mapping with keys, maxDataKeyAgeDays']);
    assert.deepEqual(issues({ key: ['local:a'], maxAge: 3 }), [
      'secrets.key: unknown key "key" (allowed: keys, maxDataKeyAgeDays)',
      'secrets.maxAge: unknown key "maxAge" (allowed: keys, maxDataKeyAgeDays)',
    ]);
    assert.deepEqual(issues({ keys: 'local:a' }), ['secrets.keys: must be a non-empty list of key specs (e.g. local:KEYFILE)']);
    assert.deepEqual(issues({ keys: [] }), ['secrets.keys: must be a non-empty list of key specs (e.g. local:KEYFILE)']);
    assert.deepEqual(issues({ keys: ['local:a', 3, 'aws-kms:arn', 'local:', 'a.key'] }), [
      'secrets.keys.1: must be a key spec string such as local:KEYFILE',
      'secrets.keys.2: unknown key provider "aws-kms" in "aws-kms:arn" (supported: local, pkcs11, azure-keyvault)',
      'secrets.keys.3: key spec "local:" has nothing after "local:"',
      'secrets.keys.4: unknown key provider "a.key" in "a.key" (supported: local, pkcs11, azure-keyvault)',
    ]);
    for (const bad of [0, -1, 1.5, '30', true])
      assert.deepEqual(issues({ maxDataKeyAgeDays: bad }), [
        'secrets.maxDataKeyAgeDays: must be a positive whole number of days',
      ]);
  });

  it('resolves local key paths against the config file and ~ to the home folder', () => {
    assert.equal(resolveKeySpec('local:keys/team.key', '/repo'), 'local:/repo/keys/team.key');
    assert.equal(resolveKeySpec('local:/abs/team.key', '/repo'), 'local:/abs/team.key');
    assert.equal(resolveKeySpec('local:~/.config/p.key', '/repo'), `local:${path.join(homedir(), '.config/p.key')}`);
    assert.equal(resolveKeySpec('pkcs11:module=rel.so;token=t;key=k', '/repo'), 'pkcs11:module=rel.so;token=t;key=k');
  });
});

describe('secrets status: data key age', () => {
  it('counts whole UTC calendar days, like the scan rule', () => {
    const now = new Date('2025-03-10T00:30:00Z');
    assert.equal(dataKeyAgeDays('2025-03-09T23:59:59Z', now), 1);
    assert.equal(dataKeyAgeDays('2025-03-10T00:00:00Z', now), 0);
    assert.equal(dataKeyAgeDays('2024-03-10T12:00:00Z', now), 365);
    assert.equal(dataKeyAgeDays('2025-03-11T00:00:00Z', now), -1);
    assert.equal(dataKeyAgeDays('yesterday', now), undefined);
    assert.equal(dataKeyAgeDays('2025-02-30T00:00:00Z', now), undefined);
  });

  it('marks keys older than maxDataKeyAgeDays, unreadable or future dates as overdue only with a limit', () => {
    const base = { where: 'w', line: 1, namespace: '', name: 'n', state: 'encrypted' as const, values: 1, plaintextValues: [] };
    const input = [
      {
        file: 'f',
        status: ['2025-01-01T00:00:00Z', '2025-01-09T00:00:00Z', 'x', '2026-01-01T00:00:00Z'].map((created) => ({
          ...base,
          created,
        })),
      },
    ];
    const now = new Date('2025-01-31T00:00:00Z');
    const r = buildStatus(input, now, 30);
    assert.deepEqual(
      r.files[0]!.secrets.map((s) => [s.dataKeyAgeDays, s.overdue]),
      [
        [30, false], // exactly the limit passes
        [22, false],
        [undefined, true],
        [-335, true],
      ],
    );
    assert.equal(r.failing, true);
    assert.equal(buildStatus(input, now, undefined).failing, false);
  });
});

describe('secrets config and status: CLI', () => {
  it('uses secrets.keys found upward from the working folder; --key overrides it', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'keys'));
    mkdirSync(path.join(dir, 'deploy'));
    const [team, glass, other] = ['keys/team.key', 'keys/glass.key', 'other.key'].map((k) => path.join(dir, k)) as [
      string,
      string,
      string,
    ];
    for (const k of [team, glass, other]) await generateKeyFile(k);
    writeFileSync(
      path.join(dir, '.palisade.yaml'),
      'failOn: high\nsecrets:\n  keys: [local:keys/team.key, local:keys/glass.key]\n',
    );
    const f = path.join(dir, 'deploy', 's.yaml');
    writeFileSync(f, SECRET);
    const cwd = path.join(dir, 'deploy');
    let r = palisade(['secrets', 'encrypt', 's.yaml'], { cwd });
    assert.equal(r.code, 0, r.stderr);
    const kids = async (...ks: string[]) => Promise.all(ks.map(async (k) => `local:${(await loadLocalProvider(k)).keyId}`));
    assert.deepEqual(statusText(readFileSync(f, 'utf8'), f)[0]!.recipients, await kids(team, glass));
    r = palisade(['secrets', 'decrypt', 's.yaml'], { cwd });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, SECRET);
    // --key replaces the config's keys: `other` is not a recipient, so it cannot decrypt.
    r = palisade(['secrets', 'decrypt', 's.yaml', '--key', `local:${other}`], { cwd });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /s\.yaml:1: Secret prod\/db: no given key can decrypt it/);
    // rotate --rewrap: --key gives exactly the recipients, and only they may unwrap unless
    // --old-key adds a current one; without --key the config's keys are the recipients.
    r = palisade(['secrets', 'rotate', '--rewrap', 's.yaml', '--key', `local:${other}`], { cwd });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no given key can decrypt it: .*add --old-key SPEC/);
    r = palisade(['secrets', 'rotate', '--rewrap', 's.yaml', '--key', `local:${other}`, '--old-key', `local:${team}`], { cwd });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(statusText(readFileSync(f, 'utf8'), f)[0]!.recipients, await kids(other));
    r = palisade(['secrets', 'rotate', '--rewrap', 's.yaml', '--old-key', `local:${other}`], { cwd });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(statusText(readFileSync(f, 'utf8'), f)[0]!.recipients, await kids(team, glass));
  });

  it('a config key missing on this machine: decrypt uses another, encrypting a new Secret names it', async () => {
    const dir = tempDir({ 's.yaml': SECRET, 'new.yaml': SECRET.replace('name: db', 'name: other') });
    const team = path.join(dir, 'team.key');
    await generateKeyFile(team);
    writeFileSync(path.join(dir, '.palisade.yaml'), 'secrets:\n  keys:\n    - local:team.key\n    - local:offline/glass.key\n');
    const p = await loadLocalProvider(team);
    writeFileSync(path.join(dir, 's.yaml'), (await encryptText(SECRET, 's.yaml', { providers: [p] })).text);
    let r = palisade(['secrets', 'decrypt', 's.yaml'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, SECRET);
    r = palisade(['secrets', 'encrypt', 'new.yaml'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /new\.yaml:1: Secret prod\/other: key local:.*offline\/glass\.key \(from .*\.palisade\.yaml\) is not available: key file .* not found/,
    );
    assert.equal(readFileSync(path.join(dir, 'new.yaml'), 'utf8'), SECRET.replace('name: db', 'name: other'));
  });

  it('strict: unknown keys in secrets: are errors with file and line, exit 2, nothing written; -c and --no-config', async () => {
    const dir = tempDir({ 's.yaml': SECRET });
    const key = path.join(dir, 'k.key');
    await generateKeyFile(key);
    writeFileSync(path.join(dir, '.palisade.yaml'), `rules: {}\nsecrets:\n  keys: [local:k.key]\n  maxDataKeyAge: 30\n`);
    for (const cmd of [
      ['encrypt', 's.yaml'],
      ['status', 's.yaml'],
      ['decrypt', 's.yaml'],
      ['rotate', '--rewrap', 's.yaml'],
    ]) {
      const r = palisade(['secrets', ...cmd], { cwd: dir });
      assert.equal(r.code, 2, cmd.join(' '));
      assert.match(
        r.stderr,
        /\.palisade\.yaml:4: unknown key "maxDataKeyAge" \(allowed: keys, maxDataKeyAgeDays\) \(secrets\.maxDataKeyAge\)/,
      );
    }
    assert.equal(readFileSync(path.join(dir, 's.yaml'), 'utf8'), SECRET);
    writeFileSync(path.join(dir, 'alt.yaml'), 'secrets:\n  keys: [local:k.key]\n');
    let r = palisade(['secrets', 'encrypt', 's.yaml', '-c', 'alt.yaml'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    r = palisade(['secrets', 'decrypt', 's.yaml', '--no-config'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--key given: none/);
  });

  it('status: data key age against maxDataKeyAgeDays, recipients, -o json', async () => {
    const dir = tempDir({ 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n' });
    const key = path.join(dir, 'k.key');
    await generateKeyFile(key);
    const p = await loadLocalProvider(key);
    const enc = (await encryptText(SECRET, 's.yaml', { providers: [p], now: new Date('2020-01-01T00:00:00Z') })).text;
    writeFileSync(path.join(dir, 'old.yaml'), enc);
    writeFileSync(path.join(dir, 'new.yaml'), (await encryptText(SECRET, 's.yaml', { providers: [p] })).text);
    writeFileSync(path.join(dir, '.palisade.yaml'), 'secrets:\n  maxDataKeyAgeDays: 90\n');
    let r = palisade(['secrets', 'status', 'new.yaml', 'cm.yaml'], { cwd: dir });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stdout.split('\n')[1], 'cm.yaml: no Secret');
    r = palisade(['secrets', 'status', 'new.yaml', 'old.yaml'], { cwd: dir });
    assert.equal(r.code, 1);
    const age = dataKeyAgeDays('2020-01-01T00:00:00Z', new Date())!;
    assert.match(
      r.stdout,
      new RegExp(`^new\\.yaml:1: Secret prod/db: encrypted, keys local:${p.keyId}, data key from \\S+ \\(0 days old\\)$`, 'm'),
    );
    assert.match(
      r.stdout,
      new RegExp(
        `^old\\.yaml:1: Secret prod/db: encrypted, keys local:${p.keyId}, data key from 2020-01-01T00:00:00Z \\(${age} days old, more than 90: run palisade secrets rotate --new-data-key\\)$`,
        'm',
      ),
    );
    r = palisade(['secrets', 'status', '-o', 'json', 'old.yaml', 'cm.yaml'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.stdout), {
      maxDataKeyAgeDays: 90,
      files: [
        {
          file: 'old.yaml',
          secrets: [
            {
              line: 1,
              namespace: 'prod',
              name: 'db',
              state: 'encrypted',
              values: 1,
              plaintextValues: [],
              recipients: [{ provider: 'local', kid: p.keyId }],
              created: '2020-01-01T00:00:00Z',
              dataKeyAgeDays: age,
              overdue: true,
              problem: null,
            },
          ],
        },
        { file: 'cm.yaml', secrets: [] },
      ],
    });
    // Without a limit an old key is reported but does not fail; plaintext still does.
    r = palisade(['secrets', 'status', '-o', 'json', 'old.yaml', '--no-config'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.equal(JSON.parse(r.stdout).files[0].secrets[0].overdue, false);
    writeFileSync(path.join(dir, 'plain.yaml'), SECRET);
    r = palisade(['secrets', 'status', '-o', 'json', 'plain.yaml', '--no-config'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.stdout).files[0].secrets[0].plaintextValues, ['stringData.password']);
    assert.equal(palisade(['secrets', 'status', '-o', 'yaml', 'plain.yaml'], { cwd: dir }).code, 2);
  });
});

/**
 * The pkcs11 key provider against a real token: Debian's SoftHSM (`softhsm2`), in a private
 * token directory made for this run. CI installs softhsm2 (.ci/run), so there a missing module
 * fails the suite; locally without it the suite is skipped.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, it } from 'node:test';
import { SecretsError } from '../src/secrets/format.js';
import { parsePkcs11Spec } from '../src/secrets/providers/pkcs11.js';
import { palisade } from './helpers/cli.js';
import { HAVE_SOFTHSM, makeSoftHsmToken, SOFTHSM_MODULE, SOFTHSM_PIN } from './helpers/softhsm.js';

const MODULE = SOFTHSM_MODULE;
const TOKEN = 'palisade-test';

const FILE = `apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: prod
data:
  password: cGFzcw== # base64 of pass
stringData:
  url: "postgres://db:5432/app"
`;

describe('secrets: pkcs11 key spec', () => {
  it('parses module, token, key and pin-file in any order, with %XX escapes', () => {
    assert.deepEqual(parsePkcs11Spec(`module=${MODULE};token=t;key=k`), { module: MODULE, token: 't', key: 'k' });
    assert.deepEqual(parsePkcs11Spec('key=a%3Bb%3D%25;pin-file=/run/pin;token=my token;module=/m.so'), {
      module: '/m.so',
      token: 'my token',
      key: 'a;b=%',
      pinFile: '/run/pin',
    });
  });

  it('rejects malformed specs with a reason', () => {
    const bad: [string, RegExp][] = [
      ['x', /attribute "x" has no "="/],
      ['module=/m.so;token=t', /missing key=/],
      ['module=/m.so;token=t;key=k;', /empty attribute/],
      ['module=/m.so;token=t;key=k;key=j', /key given twice/],
      ['module=/m.so;token=t;key=k;slot=1', /unknown attribute "slot"/],
      ['module=/m.so;token=;key=k', /token is empty/],
      ['module=/m.so;token=100%;key=k', /%XX escape/],
    ];
    for (const [spec, re] of bad)
      assert.throws(
        () => parsePkcs11Spec(spec),
        (e: unknown) => e instanceof SecretsError && re.test(e.message),
        spec,
      );
  });
});

const makeToken = () => makeSoftHsmToken(TOKEN);

const spec = (extra = '') => `pkcs11:module=${MODULE};token=${TOKEN};key=kek${extra}`;

describe(
  'secrets: pkcs11 provider on SoftHSM',
  { skip: !HAVE_SOFTHSM && !process.env.CI && `${MODULE} missing (apt-get install softhsm2)` },
  () => {
    it('has SoftHSM and pkcs11js (CI installs softhsm2)', () => {
      assert.ok(HAVE_SOFTHSM, `${MODULE} is missing: CI must install softhsm2 (.ci/run)`);
      assert.ok(createRequire(import.meta.url)('pkcs11js'), 'pkcs11js loads');
    });

    it('round-trips through the CLI with --key pkcs11:..., PIN from the environment or a file', () => {
      const { dir, env } = makeToken();
      const f = path.join(dir, 's.yaml');
      writeFileSync(f, FILE);
      let r = palisade(['secrets', 'encrypt', f, '--key', spec()], { env });
      assert.equal(r.code, 0, r.stderr);
      const enc = readFileSync(f, 'utf8');
      assert.doesNotMatch(enc, /cGFzcw==|postgres/);
      assert.match(enc, /"recipients":\[\{"provider":"pkcs11","kid":"kek:[0-9a-f]{6}","wrapped":"[A-Za-z0-9+/]{80}"\}\]/);
      r = palisade(['secrets', 'status', f]);
      assert.match(r.stdout, /encrypted, keys pkcs11:kek:[0-9a-f]{6}/);
      r = palisade(['secrets', 'decrypt', f, '--key', spec()], { env });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, FILE);
      // PIN from a file (one trailing newline allowed), no PIN in the environment.
      const pinFile = path.join(dir, 'pin');
      writeFileSync(pinFile, `${SOFTHSM_PIN}\n`);
      r = palisade(['secrets', 'decrypt', f, '--key', spec(`;pin-file=${pinFile}`)], {
        env: { ...env, PALISADE_PKCS11_PIN: '' },
      });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, FILE);
    });

    it('two recipients, the token key and a local break-glass key: either decrypts alone', () => {
      const { dir, env } = makeToken();
      const f = path.join(dir, 's.yaml');
      const key = path.join(dir, 'break-glass.key');
      writeFileSync(f, FILE);
      assert.equal(palisade(['secrets', 'keygen', '--out', key]).code, 0);
      let r = palisade(['secrets', 'encrypt', f, '--key', spec(), '--key', `local:${key}`], { env });
      assert.equal(r.code, 0, r.stderr);
      assert.match(readFileSync(f, 'utf8'), /"provider":"pkcs11".*"provider":"local"/);
      r = palisade(['secrets', 'decrypt', f, '--key', spec()], { env });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, FILE);
      // The break-glass path needs neither the token nor a PIN.
      r = palisade(['secrets', 'decrypt', f, '--key', `local:${key}`], { env: { SOFTHSM2_CONF: '/nonexistent' } });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, FILE);
    });

    it('wrong PIN, missing key, token or module, no PIN, tampered wrap: exit 2, clear message, nothing written', () => {
      const { dir, env } = makeToken();
      const f = path.join(dir, 's.yaml');
      writeFileSync(f, FILE);
      const cases: [string, Record<string, string>, RegExp][] = [
        [spec(), { ...env, PALISADE_PKCS11_PIN: '0000' }, /wrong PIN for PKCS#11 token "palisade-test"/],
        [spec(), { ...env, PALISADE_PKCS11_PIN: '' }, /no PIN: set PALISADE_PKCS11_PIN or add ;pin-file=PATH/],
        [`pkcs11:module=${MODULE};token=${TOKEN};key=nope`, env, /PKCS#11 key "nope" not found on token "palisade-test"/],
        [
          `pkcs11:module=${MODULE};token=other;key=kek`,
          env,
          /PKCS#11 token "other" not found in .*tokens present: "palisade-test"/,
        ],
        [`pkcs11:module=/nonexistent/libx.so;token=${TOKEN};key=kek`, env, /PKCS#11 module \/nonexistent\/libx\.so not found/],
        [`pkcs11:module=${MODULE};token=${TOKEN}`, env, /missing key=/],
      ];
      for (const [k, e, re] of cases) {
        const r = palisade(['secrets', 'encrypt', f, '--key', k], { env: e });
        assert.equal(r.code, 2, `${k}: ${r.stderr}`);
        assert.match(r.stderr, re);
        assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
        assert.equal(readFileSync(f, 'utf8'), FILE, 'nothing written');
      }
      // Tampering with the wrapped key: the token's GCM check fails, and decrypt says so.
      assert.equal(palisade(['secrets', 'encrypt', f, '--key', spec()], { env }).code, 0);
      const enc = readFileSync(f, 'utf8');
      const tampered = enc.replace(/"wrapped":"(.)/, (_m, c: string) => `"wrapped":"${c === 'A' ? 'B' : 'A'}`);
      writeFileSync(f, tampered);
      const r = palisade(['secrets', 'decrypt', f, '--key', spec(), '--in-place'], { env });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /wrapped data key for pkcs11:kek:[0-9a-f]{6} .* failed authentication/);
      assert.equal(readFileSync(f, 'utf8'), tampered);
    });
  },
);

/**
 * The "done when" on a real token: Secrets kept for an HSM key plus a local break-glass
 * key listed in .palisade.yaml, rotated and re-keyed through the CLI. SoftHSM as in
 * test/secrets-pkcs11.test.ts (skipped locally without it; CI installs softhsm2).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, it } from 'node:test';
import { palisade, tempDir } from './helpers/cli.js';

const MODULE = '/usr/lib/softhsm/libsofthsm2.so';
const PIN = '1234';
const FILE = `apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: prod
stringData:
  password: s3cret
`;

/** A private token directory with token `t` holding AES-256 key `kek`. */
function token(dir: string): Record<string, string> {
  mkdirSync(path.join(dir, 'tokens'));
  const conf = path.join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${path.join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  const env = { SOFTHSM2_CONF: conf, PALISADE_PKCS11_PIN: PIN };
  const init = spawnSync('softhsm2-util', ['--init-token', '--free', '--label', 't', '--pin', PIN, '--so-pin', '5678'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  assert.equal(init.status, 0, init.stderr);
  const p = 'require("pkcs11js")';
  const script = `const p = ${p}; const l = new p.PKCS11(); l.load(${JSON.stringify(MODULE)}); l.C_Initialize();
    const slot = l.C_GetSlotList(true).find((s) => l.C_GetTokenInfo(s).label.trim() === 't');
    const s = l.C_OpenSession(slot, p.CKF_SERIAL_SESSION | p.CKF_RW_SESSION); l.C_Login(s, p.CKU_USER, ${JSON.stringify(PIN)});
    l.C_GenerateKey(s, { mechanism: p.CKM_AES_KEY_GEN }, [
      { type: p.CKA_CLASS, value: p.CKO_SECRET_KEY }, { type: p.CKA_KEY_TYPE, value: p.CKK_AES },
      { type: p.CKA_VALUE_LEN, value: 32 }, { type: p.CKA_TOKEN, value: true }, { type: p.CKA_PRIVATE, value: true },
      { type: p.CKA_SENSITIVE, value: true }, { type: p.CKA_EXTRACTABLE, value: false },
      { type: p.CKA_ENCRYPT, value: true }, { type: p.CKA_DECRYPT, value: true }, { type: p.CKA_LABEL, value: 'kek' }]);
    l.C_Logout(s); l.C_CloseSession(s); l.C_Finalize();`;
  const nodePath = path.dirname(path.dirname(createRequire(import.meta.url).resolve('pkcs11js')));
  const g = spawnSync(process.execPath, ['-e', script], {
    env: { ...process.env, ...env, NODE_PATH: nodePath },
    encoding: 'utf8',
  });
  assert.equal(g.status, 0, g.stderr);
  return env;
}

describe(
  'secrets rotate: HSM key plus break-glass key',
  { skip: !existsSync(MODULE) && !process.env.CI && `${MODULE} missing` },
  () => {
    it('encrypts for the configured keys, rotates, and re-keys without the HSM via the break-glass key', () => {
      const dir = tempDir({ 's.yaml': FILE });
      const env = token(dir);
      const hsm = `pkcs11:module=${MODULE};token=t;key=kek`;
      assert.equal(palisade(['secrets', 'keygen', '--out', path.join(dir, 'glass.key')]).code, 0);
      writeFileSync(path.join(dir, '.palisade.yaml'), `secrets:\n  keys:\n    - '${hsm}'\n    - local:glass.key\n`);
      const cli = (args: string[], e: Record<string, string> = env) => palisade(['secrets', ...args], { cwd: dir, env: e });
      const recipients = () =>
        [...readFileSync(path.join(dir, 's.yaml'), 'utf8').matchAll(/"provider":"(\w+)","kid":"([^"]+)"/g)].map(
          (m) => `${m[1]}:${m[2]}`,
        );

      let r = cli(['encrypt', 's.yaml']);
      assert.equal(r.code, 0, r.stderr);
      const [hsmKid] = recipients();
      assert.match(hsmKid!, /^pkcs11:kek:[0-9a-f]{6}$/);
      assert.equal(recipients().length, 2);

      r = cli(['rotate', '--new-data-key', 's.yaml']);
      assert.equal(r.code, 0, r.stderr);
      const rotated = readFileSync(path.join(dir, 's.yaml'), 'utf8');
      r = cli(['decrypt', 's.yaml', '--key', 'local:glass.key'], { SOFTHSM2_CONF: '/nonexistent' });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, FILE);

      // The HSM is unreachable: re-wrapping for it fails with the reason, and nothing is written.
      r = cli(['rotate', '--rewrap', 's.yaml'], { SOFTHSM2_CONF: '/nonexistent', PALISADE_PKCS11_PIN: PIN });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /s\.yaml:1: Secret prod\/db: key pkcs11:.* \(from .*\.palisade\.yaml\) is not available: /);
      assert.equal(readFileSync(path.join(dir, 's.yaml'), 'utf8'), rotated);

      // Retire the HSM key by its provider:kid (no token needed), then add it back.
      r = cli(['updatekeys', 's.yaml', '--remove', hsmKid!, '--key', 'local:glass.key'], { SOFTHSM2_CONF: '/nonexistent' });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(recipients().length, 1);
      assert.match(recipients()[0]!, /^local:/);
      r = cli(['updatekeys', 's.yaml', '--add', hsm, '--key', 'local:glass.key']);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(recipients().reverse()[0], hsmKid);
      r = cli(['decrypt', 's.yaml', '--key', hsm]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, FILE);
    });
  },
);

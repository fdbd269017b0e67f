/**
 * The "done when" on a real token: Secrets kept for an HSM key plus a local break-glass
 * key listed in .palisade.yaml, rotated and re-keyed through the CLI. SoftHSM as in
 * test/secrets-pkcs11.test.ts (skipped locally without it; CI installs softhsm2).
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { palisade, tempDir } from './helpers/cli.js';
import { HAVE_SOFTHSM, makeSoftHsmToken, SOFTHSM_MODULE, SOFTHSM_PIN } from './helpers/softhsm.js';

const MODULE = SOFTHSM_MODULE;
const FILE = `apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: prod
stringData:
  password: s3cret
`;

describe(
  'secrets rotate: HSM key plus break-glass key',
  { skip: !HAVE_SOFTHSM && !process.env.CI && `${MODULE} missing` },
  () => {
    it('encrypts for the configured keys, rotates, and re-keys without the HSM via the break-glass key', () => {
      const dir = tempDir({ 's.yaml': FILE });
      const { env } = makeSoftHsmToken('t');
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
      r = cli(['rotate', '--rewrap', 's.yaml'], { SOFTHSM2_CONF: '/nonexistent', PALISADE_PKCS11_PIN: SOFTHSM_PIN });
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

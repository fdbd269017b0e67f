/**
 * A private SoftHSM token for the pkcs11 tests: its own token directory (SOFTHSM2_CONF), one
 * initialised token holding a non-extractable AES-256 key `kek`. CI installs softhsm2 (.ci/run).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { tempDir } from './cli.js';

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';
export const HAVE_SOFTHSM = existsSync(SOFTHSM_MODULE);
export const SOFTHSM_PIN = '1234';

/** Makes the token `label`; `env` points SoftHSM at it and carries the PIN for the CLI. */
export function makeSoftHsmToken(label: string): { dir: string; env: Record<string, string> } {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'tokens'));
  const conf = path.join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${path.join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  const env = { SOFTHSM2_CONF: conf, PALISADE_PKCS11_PIN: SOFTHSM_PIN };
  const r = spawnSync('softhsm2-util', ['--init-token', '--free', '--label', label, '--pin', SOFTHSM_PIN, '--so-pin', '5678'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, `softhsm2-util --init-token: ${r.stderr}${r.stdout}`);
  // The key is made with pkcs11js in a child process: SoftHSM reads SOFTHSM2_CONF once per
  // process, and the CLI under test runs in its own processes anyway.
  const script = `
    const p = require('pkcs11js');
    const lib = new p.PKCS11();
    lib.load(${JSON.stringify(SOFTHSM_MODULE)});
    lib.C_Initialize();
    try {
      const slot = lib.C_GetSlotList(true).find((s) => lib.C_GetTokenInfo(s).label.trim() === ${JSON.stringify(label)});
      const s = lib.C_OpenSession(slot, p.CKF_SERIAL_SESSION | p.CKF_RW_SESSION);
      lib.C_Login(s, p.CKU_USER, ${JSON.stringify(SOFTHSM_PIN)});
      lib.C_GenerateKey(s, { mechanism: p.CKM_AES_KEY_GEN }, [
        { type: p.CKA_CLASS, value: p.CKO_SECRET_KEY },
        { type: p.CKA_KEY_TYPE, value: p.CKK_AES },
        { type: p.CKA_VALUE_LEN, value: 32 },
        { type: p.CKA_TOKEN, value: true },
        { type: p.CKA_PRIVATE, value: true },
        { type: p.CKA_SENSITIVE, value: true },
        { type: p.CKA_EXTRACTABLE, value: false },
        { type: p.CKA_ENCRYPT, value: true },
        { type: p.CKA_DECRYPT, value: true },
        { type: p.CKA_LABEL, value: 'kek' },
      ]);
      lib.C_Logout(s);
      lib.C_CloseSession(s);
    } finally {
      lib.C_Finalize();
    }`;
  const g = spawnSync(process.execPath, ['-e', script], {
    env: { ...process.env, ...env, NODE_PATH: path.dirname(path.dirname(createRequire(import.meta.url).resolve('pkcs11js'))) },
    encoding: 'utf8',
  });
  assert.equal(g.status, 0, `generating the AES key on the token: ${g.stderr}`);
  return { dir, env };
}

#!/usr/bin/env node
// npm run bench:secrets: values encrypted and decrypted per second by `palisade secrets` (the
// built dist/), for a realistic Secret manifest of BENCH_VALUES values (default 20), with the
// local key provider and with the pkcs11 provider on a real SoftHSM token (a private token
// directory made for this run; skipped with a note when softhsm2 is not installed). Every file
// operation includes everything `encrypt`/`decrypt` do per file: YAML parsing, a new data key and
// its wrap (encrypt) or its unwrap (decrypt), HKDF, one AES-256-GCM operation per value, the MAC,
// and the splice into the text. The baseline, measured in the same run, is raw node:crypto
// AES-256-GCM on the same values with one key (no parsing, no envelope), so the ratios show what
// the format and the key provider cost. Also shown: one DEK wrap and unwrap alone per provider.
// Best of BENCH_RUNS (default 3) timed rounds of at least BENCH_SECONDS (default 1) each.
import { spawnSync } from 'node:child_process';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = (p) => import(path.join(here, '..', 'dist', p));
const { encryptText, decryptText } = await dist('secrets/manifest.js');
const { generateKeyFile, loadLocalProvider } = await dist('secrets/providers/local.js');

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 1);
const VALUES = Number(process.env.BENCH_VALUES ?? 20);
const MODULE = process.env.BENCH_PKCS11_MODULE ?? '/usr/lib/softhsm/libsofthsm2.so';

// ---------------------------------------------------------------------------------------------
// The file: what an application's Secret holds (passwords, tokens, URLs with credentials, a
// certificate and its key), base64 in `data` and strings in `stringData`, ~4 KiB in total.

const pem = (label, bytes) =>
  `-----BEGIN ${label}-----\n${randomBytes(bytes).toString('base64').replace(/.{64}/g, '$&\n').trim()}\n-----END ${label}-----\n`;
const token = (n) => randomBytes(n).toString('base64url');
const KINDS = [
  () => token(18), // password
  () => `postgres://app:${token(12)}@db.prod.svc:5432/shop?sslmode=verify-full`,
  () => token(30), // API token
  () => `redis://:${token(16)}@redis.prod.svc:6379/0`,
  () => `AKIA${token(12).toUpperCase().slice(0, 16)}`,
  () => token(30), // secret access key
  () => pem('CERTIFICATE', 700),
  () => pem('PRIVATE KEY', 900),
  () => JSON.stringify({ client_id: token(8), client_secret: token(24), issuer: 'https://login.example.com' }),
  () => String(1000 + (randomBytes(2).readUInt16BE() % 9000)), // a port or PIN
];

function makeValues(n) {
  const values = [];
  for (let i = 0; i < n; i++) values.push({ key: `value-${String(i).padStart(2, '0')}`, text: KINDS[i % KINDS.length]() });
  return values;
}

function manifest(values) {
  const data = [];
  const stringData = [];
  values.forEach((v, i) => {
    // Every other value in data (base64, as kubectl create secret writes it), the rest in stringData.
    if (i % 2 === 0) data.push(`  ${v.key}: ${Buffer.from(v.text).toString('base64')}`);
    else if (v.text.includes('\n')) stringData.push(`  ${v.key}: |\n${v.text.trimEnd().replace(/^/gm, '    ')}`);
    else stringData.push(`  ${v.key}: ${JSON.stringify(v.text)}`);
  });
  return [
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: shop-backend',
    '  namespace: prod',
    '  labels: {app: shop}',
    'type: Opaque',
    'data:',
    ...data,
    'stringData:',
    ...stringData,
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Timing: best of RUNS rounds, each running `op` (sync or async) until SECONDS have passed.

async function time(op) {
  for (let i = 0; i < 5; i++) await op(); // warm up (JIT, token session caches)
  let best = Infinity;
  for (let r = 0; r < RUNS; r++) {
    let n = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0;
    while (elapsed < SECONDS) {
      await op();
      n++;
      elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    }
    best = Math.min(best, elapsed / n);
  }
  return best; // seconds per op
}

// ---------------------------------------------------------------------------------------------
// SoftHSM: a private token directory with one token holding an AES-256 key, as the tests make it.

function softhsmToken(dir) {
  if (!existsSync(MODULE)) return { skip: `${MODULE} not found (apt-get install softhsm2)` };
  const require = createRequire(import.meta.url);
  let pkcs11jsDir;
  try {
    pkcs11jsDir = path.dirname(path.dirname(require.resolve('pkcs11js')));
  } catch {
    return { skip: 'pkcs11js is not installed (it is an optional dependency built at install time)' };
  }
  mkdirSync(path.join(dir, 'tokens'));
  const conf = path.join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${path.join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  const pin = '1234';
  const init = spawnSync('softhsm2-util', ['--init-token', '--free', '--label', 'bench', '--pin', pin, '--so-pin', '5678'], {
    env,
    encoding: 'utf8',
  });
  if (init.status !== 0) return { skip: `softhsm2-util --init-token failed: ${init.stderr || init.stdout}` };
  // A child process: SoftHSM reads SOFTHSM2_CONF once per process.
  const script = `
    const p = require('pkcs11js');
    const lib = new p.PKCS11();
    lib.load(${JSON.stringify(MODULE)});
    lib.C_Initialize();
    try {
      const slot = lib.C_GetSlotList(true).find((s) => lib.C_GetTokenInfo(s).label.trim() === 'bench');
      const s = lib.C_OpenSession(slot, p.CKF_SERIAL_SESSION | p.CKF_RW_SESSION);
      lib.C_Login(s, p.CKU_USER, ${JSON.stringify(pin)});
      lib.C_GenerateKey(s, { mechanism: p.CKM_AES_KEY_GEN }, [
        { type: p.CKA_CLASS, value: p.CKO_SECRET_KEY }, { type: p.CKA_KEY_TYPE, value: p.CKK_AES },
        { type: p.CKA_VALUE_LEN, value: 32 }, { type: p.CKA_TOKEN, value: true }, { type: p.CKA_PRIVATE, value: true },
        { type: p.CKA_SENSITIVE, value: true }, { type: p.CKA_EXTRACTABLE, value: false },
        { type: p.CKA_ENCRYPT, value: true }, { type: p.CKA_DECRYPT, value: true }, { type: p.CKA_LABEL, value: 'kek' },
      ]);
      lib.C_Logout(s);
      lib.C_CloseSession(s);
    } finally {
      lib.C_Finalize();
    }`;
  const gen = spawnSync(process.execPath, ['-e', script], { env: { ...env, NODE_PATH: pkcs11jsDir }, encoding: 'utf8' });
  if (gen.status !== 0) return { skip: `generating the AES key on the token failed: ${gen.stderr}` };
  // This process loads SoftHSM later (lazily, with the provider): it reads these then.
  process.env.SOFTHSM2_CONF = conf;
  process.env.PALISADE_PKCS11_PIN = pin;
  return { spec: `module=${MODULE};token=bench;key=kek` };
}

// ---------------------------------------------------------------------------------------------

const tmp = mkdtempSync(path.join(tmpdir(), 'palisade-secrets-bench-'));
try {
  const values = makeValues(VALUES);
  const file = manifest(values);
  const plaintexts = values.map((v, i) => (i % 2 === 0 ? Buffer.from(v.text).toString('base64') : v.text));
  const bytes = plaintexts.reduce((n, t) => n + Buffer.byteLength(t), 0);

  // Baseline: raw AES-256-GCM, fresh random nonce per value, one key, nothing else.
  const key = randomBytes(32);
  const sealed = plaintexts.map((t) => {
    const nonce = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key, nonce);
    const ct = Buffer.concat([c.update(t, 'utf8'), c.final()]);
    return { nonce, ct, tag: c.getAuthTag() };
  });
  const rawEncrypt = () => {
    for (const t of plaintexts) {
      const c = createCipheriv('aes-256-gcm', key, randomBytes(12));
      c.update(t, 'utf8');
      c.final();
      c.getAuthTag();
    }
  };
  const rawDecrypt = () => {
    for (const s of sealed) {
      const d = createDecipheriv('aes-256-gcm', key, s.nonce);
      d.setAuthTag(s.tag);
      d.update(s.ct);
      d.final();
    }
  };

  const keyFile = path.join(tmp, 'bench.key');
  await generateKeyFile(keyFile);
  const providers = [{ name: 'local', provider: await loadLocalProvider(keyFile) }];
  const hsm = softhsmToken(tmp);
  if (hsm.spec) {
    const { loadPkcs11Provider } = await dist('secrets/providers/pkcs11.js');
    providers.push({ name: 'pkcs11 (SoftHSM)', provider: await loadPkcs11Provider(hsm.spec) });
  }

  const rows = [];
  const row = (name, op, secondsPerFile) => rows.push({ name, op, secondsPerFile });
  row('raw AES-256-GCM (baseline)', 'encrypt', await time(rawEncrypt));
  row('raw AES-256-GCM (baseline)', 'decrypt', await time(rawDecrypt));
  const wraps = [];
  for (const { name, provider } of providers) {
    const opts = { providers: [provider] };
    const { text: encrypted } = await encryptText(file, 'bench.yaml', opts);
    // Decryption writes each value in its own style (plain where that reads back the same): the
    // round trip is checked on the values, as Kubernetes reads them.
    const check = await decryptText(encrypted, 'bench.yaml', { ...opts, keepAnnotation: false });
    const again = await decryptText((await encryptText(check.text, 'bench.yaml', opts)).text, 'bench.yaml', {
      ...opts,
      keepAnnotation: false,
    });
    if (again.text !== check.text || check.text.split('\n').length !== file.split('\n').length)
      throw new Error(`${name}: round trip changed the file`);
    row(`palisade, ${name}`, 'encrypt', await time(() => encryptText(file, 'bench.yaml', opts)));
    row(
      `palisade, ${name}`,
      'decrypt',
      await time(() => decryptText(encrypted, 'bench.yaml', { ...opts, keepAnnotation: false })),
    );
    const dek = randomBytes(32);
    const wrapped = await provider.wrap(dek);
    wraps.push({ name, wrap: await time(() => provider.wrap(dek)), unwrap: await time(() => provider.unwrap(wrapped)) });
  }

  console.log(
    `palisade secrets bench — Node ${process.version}, best of ${RUNS} rounds of ${SECONDS}s; one Secret of ${VALUES} values ` +
      `(${(bytes / 1024).toFixed(1)} KiB of plaintext, ${(Buffer.byteLength(file) / 1024).toFixed(1)} KiB file); ` +
      `palisade rows include YAML, the per-file data key and its wrap/unwrap, HKDF and the MAC`,
  );
  console.log('\nwhat                                 op         files/s     values/s   µs/value   vs baseline');
  for (const r of rows) {
    const base = rows.find((b) => b.op === r.op).secondsPerFile;
    const ratio = r.secondsPerFile / base;
    console.log(
      `${r.name.padEnd(36)} ${r.op.padEnd(8)} ${(1 / r.secondsPerFile).toFixed(0).padStart(10)} ${(VALUES / r.secondsPerFile)
        .toFixed(0)
        .padStart(
          12,
        )} ${((r.secondsPerFile / VALUES) * 1e6).toFixed(2).padStart(10)}   ${ratio < 1.005 ? '1.00x' : `${ratio.toFixed(1)}x slower`}`,
    );
  }
  console.log('\nkey provider alone (one 32-byte data key)   wraps/s   unwraps/s');
  for (const w of wraps)
    console.log(`${w.name.padEnd(42)} ${(1 / w.wrap).toFixed(0).padStart(9)} ${(1 / w.unwrap).toFixed(0).padStart(11)}`);
  if (hsm.skip) console.log(`\npkcs11: skipped: ${hsm.skip}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

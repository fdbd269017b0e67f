/**
 * The azure-keyvault key provider, through the CLI, against a local fake of Azure Key Vault.
 *
 * No Azure endpoint is reachable in CI, so the fake below is an HTTPS server on 127.0.0.1 (with
 * a CA and server certificate made here, trusted through NODE_EXTRA_CA_CERTS) that answers the
 * Key Vault REST calls the SDK makes, recorded from the documented API (api-version 2025-07-01):
 *   - any request without a bearer token: 401 with the challenge
 *     `WWW-Authenticate: Bearer authorization="https://login.microsoftonline.com/<tenant>", resource="https://vault.azure.net"`
 *   - GET  /keys/{name}[/{version}]          -> KeyBundle {key: JsonWebKey, attributes}
 *   - POST /keys/{name}/{version}/wrapkey    {alg, value: base64url} -> {kid, value}
 *   - POST /keys/{name}/{version}/unwrapkey  {alg, value: base64url} -> {kid, value}
 *   - errors as {error: {code, message}}: 404 KeyNotFound, 403 Forbidden, 400 BadParameter.
 * It really does RSA-OAEP-256 (node:crypto, oaepHash sha256) and AES key wrap (RFC 3394,
 * id-aes256-wrap) with keys it holds, so round trips are real. The CLI gets a fake credential
 * and the fake's URL through the provider's test hook, set by a module preloaded with --import.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  constants,
  createCipheriv,
  createDecipheriv,
  generateKeyPairSync,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import forge from 'node-forge';
import { SecretsError } from '../src/secrets/format.js';
import { parseAzureKeySpec } from '../src/secrets/providers/azure-keyvault.js';
import { ROOT, tempDir } from './helpers/cli.js';

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

/** A CA and a server certificate for 127.0.0.1 (an IP SAN, which webhook/certs.ts does not make). */
function makeCerts(): { ca: string; cert: string; key: string } {
  const keys = () => forge.pki.rsa.generateKeyPair(2048);
  const ca = keys();
  const caCert = forge.pki.createCertificate();
  caCert.serialNumber = '01';
  caCert.publicKey = ca.publicKey;
  caCert.validity.notBefore = new Date(Date.now() - 60_000);
  caCert.validity.notAfter = new Date(Date.now() + 86_400_000);
  const subject = [{ name: 'commonName', value: 'palisade-test-ca' }];
  caCert.setSubject(subject);
  caCert.setIssuer(subject);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  caCert.sign(ca.privateKey, forge.md.sha256.create());
  const leaf = keys();
  const cert = forge.pki.createCertificate();
  cert.serialNumber = '02';
  cert.publicKey = leaf.publicKey;
  cert.validity.notBefore = caCert.validity.notBefore;
  cert.validity.notAfter = caCert.validity.notAfter;
  cert.setSubject([{ name: 'commonName', value: '127.0.0.1' }]);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
  ]);
  cert.sign(ca.privateKey, forge.md.sha256.create());
  return {
    ca: forge.pki.certificateToPem(caCert),
    cert: forge.pki.certificateToPem(cert),
    key: forge.pki.privateKeyToPem(leaf.privateKey),
  };
}

type FakeKey = { kty: 'RSA' | 'oct-HSM'; rsa?: { priv: KeyObject; pub: KeyObject }; aes?: Buffer };
const TOKEN = 'fake-token-for-tests';
const b64url = (b: Buffer) => b.toString('base64url');
const AES_KW_IV = Buffer.from('A6A6A6A6A6A6A6A6', 'hex');

/** The fake Key Vault; `mode` switches it to answer 403 or never to answer. */
class FakeVault {
  server!: Server;
  port = 0;
  mode: 'ok' | 'forbidden' | 'hang' = 'ok';
  keys = new Map<string, { versions: Map<string, FakeKey>; current: string }>();
  /** `METHOD path` of every authorised request, for assertions. */
  log: string[] = [];

  get url(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  addVersion(name: string, kty: FakeKey['kty']): string {
    const version = randomBytes(16).toString('hex');
    const k: FakeKey = { kty };
    if (kty === 'RSA') {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      k.rsa = { priv: privateKey, pub: publicKey };
    } else k.aes = randomBytes(32);
    const entry = this.keys.get(name) ?? { versions: new Map(), current: version };
    entry.versions.set(version, k);
    entry.current = version;
    this.keys.set(name, entry);
    return version;
  }

  async start(tls: { cert: string; key: string }): Promise<void> {
    this.server = createServer(tls, (req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => this.handle(req.method!, req.url!, req.headers.authorization, body, res));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  private handle(method: string, rawUrl: string, auth: string | undefined, body: string, res: ServerResponse): void {
    const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(json));
    };
    const error = (status: number, code: string, message: string) => send(status, { error: { code, message } });
    const u = new URL(rawUrl, this.url);
    if (!u.searchParams.get('api-version')) return error(400, 'BadParameter', 'api-version is required');
    // Challenge-based auth: the SDK first sends the request without a token (and without body).
    if (auth !== `Bearer ${TOKEN}`)
      return send(
        401,
        { error: { code: 'Unauthorized', message: 'AKV10000: Request is missing a Bearer or PoP token.' } },
        {
          'www-authenticate':
            'Bearer authorization="https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47", resource="https://vault.azure.net"',
        },
      );
    if (this.mode === 'hang') return; // never answers
    this.log.push(`${method} ${u.pathname}`);
    if (this.mode === 'forbidden')
      return error(
        403,
        'Forbidden',
        "Caller is not authorized to perform action on resource. Action: 'Microsoft.KeyVault/vaults/keys/read'",
      );
    const m = /^\/keys\/([^/]+)(?:\/([^/]*))?(?:\/(wrapkey|unwrapkey))?$/.exec(u.pathname);
    const entry = m ? this.keys.get(m[1]!) : undefined;
    const version = m?.[2] || entry?.current;
    const key = version ? entry?.versions.get(version) : undefined;
    if (!m || !entry || !key)
      return error(404, 'KeyNotFound', `A key with (name/id) ${m?.[1] ?? '?'} was not found in this key vault.`);
    const kid = `${this.url}/keys/${m[1]}/${version}`;
    if (method === 'GET' && !m[3]) {
      const jwk: Record<string, unknown> = { kid, kty: key.kty, key_ops: ['wrapKey', 'unwrapKey', 'encrypt', 'decrypt'] };
      if (key.rsa) {
        const pub = key.rsa.pub.export({ format: 'jwk' });
        jwk.n = pub.n;
        jwk.e = pub.e;
      }
      const t = Math.floor(Date.now() / 1000);
      return send(200, { key: jwk, attributes: { enabled: true, created: t, updated: t, recoveryLevel: 'Recoverable' } });
    }
    if (method !== 'POST' || !m[3] || !m[2]) return error(405, 'MethodNotAllowed', 'not supported by the fake');
    const req = JSON.parse(body) as { alg: string; value: string };
    const input = Buffer.from(req.value, 'base64url');
    try {
      let out: Buffer;
      if (key.rsa && req.alg === 'RSA-OAEP-256') {
        const opts = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' };
        out =
          m[3] === 'wrapkey'
            ? publicEncrypt({ key: key.rsa.pub, ...opts }, input)
            : privateDecrypt({ key: key.rsa.priv, ...opts }, input);
      } else if (key.aes && req.alg === 'A256KW') {
        const c =
          m[3] === 'wrapkey'
            ? createCipheriv('id-aes256-wrap', key.aes, AES_KW_IV)
            : createDecipheriv('id-aes256-wrap', key.aes, AES_KW_IV);
        out = Buffer.concat([c.update(input), c.final()]);
      } else return error(400, 'BadParameter', `Algorithm ${req.alg} is not supported for key type ${key.kty}`);
      return send(200, { kid, value: b64url(out) });
    } catch {
      return error(400, 'BadParameter', 'Error occurred while decrypting the value.');
    }
  }
}

let certs: { ca: string; cert: string; key: string };
let vault: FakeVault;
let dir: string;
let env: Record<string, string>;
let hookFile: string;

before(async () => {
  certs = makeCerts();
  vault = new FakeVault();
  await vault.start(certs);
  dir = tempDir();
  writeFileSync(path.join(dir, 'ca.pem'), certs.ca);
  hookFile = path.join(dir, 'azure-hook.mjs');
  // The provider's test hook (see TEST_HOOK in src/secrets/providers/azure-keyvault.ts).
  writeFileSync(
    hookFile,
    `globalThis[Symbol.for('palisade.secrets.azure-keyvault.test-hook')] = {
  allowHost: ${JSON.stringify(`127.0.0.1:${vault.port}`)},
  credential: { getToken: async () => ({ token: ${JSON.stringify(TOKEN)}, expiresOnTimestamp: Date.now() + 3600000 }) },
};\n`,
  );
  env = { NODE_EXTRA_CA_CERTS: path.join(dir, 'ca.pem'), PALISADE_AZURE_TIMEOUT_MS: '10000' };
});
after(() => vault.server.close());

/** `palisade ARGS` in a child process, asynchronously: the fake lives in this process. */
function cli(
  args: string[],
  extraEnv: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const tsx = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
  const start = Date.now();
  const child = spawn(
    process.execPath,
    ['--import', pathToFileURL(hookFile).href, '--import', tsx, path.join(ROOT, 'test/helpers/palisade-src.ts'), ...args],
    { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) =>
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, ms: Date.now() - start })),
  );
}

describe('secrets: azure-keyvault key spec', () => {
  it('parses vault and Managed HSM key URLs, with and without a version', () => {
    assert.deepEqual(parseAzureKeySpec('https://team.vault.azure.net/keys/kek'), {
      vaultUrl: 'https://team.vault.azure.net',
      name: 'kek',
      managedHsm: false,
    });
    assert.deepEqual(parseAzureKeySpec('https://hsm1.managedhsm.azure.net/keys/kek/0123abcd'), {
      vaultUrl: 'https://hsm1.managedhsm.azure.net',
      name: 'kek',
      version: '0123abcd',
      managedHsm: true,
    });
  });

  it('rejects other hosts, http and bad paths', () => {
    const bad: [string, RegExp][] = [
      ['https://vault.example/keys/k', /is not a Key Vault .* or Managed HSM .* host/],
      ['http://team.vault.azure.net/keys/k', /must start with https/],
      ['https://team.vault.azure.net/secrets/k', /path must be \/keys\/NAME/],
      ['https://team.vault.azure.net/keys/a/b/c', /path must be \/keys\/NAME/],
      ['https://team.vault.azure.net/keys/k?x=1', /no user, query or fragment/],
      ['nope', /not a URL/],
    ];
    for (const [spec, re] of bad)
      assert.throws(
        () => parseAzureKeySpec(spec),
        (e: unknown) => e instanceof SecretsError && re.test(e.message),
        spec,
      );
  });
});

describe('secrets: azure-keyvault provider against a local fake Key Vault', () => {
  it('round-trips an RSA key (RSA-OAEP-256) and keeps using the wrapping version after rotation', async () => {
    const v1 = vault.addVersion('rsa-kek', 'RSA');
    const f = path.join(dir, 'rsa.yaml');
    writeFileSync(f, FILE);
    const spec = `azure-keyvault:${vault.url}/keys/rsa-kek`;
    let r = await cli(['secrets', 'encrypt', f, '--key', spec]);
    assert.equal(r.code, 0, r.stderr);
    const enc = readFileSync(f, 'utf8');
    assert.doesNotMatch(enc, /cGFzcw==|postgres/);
    const kid = `${vault.url}/keys/rsa-kek`;
    assert.ok(
      enc.includes(`"provider":"azure-keyvault","kid":"${kid}","wrapped":"RSA-OAEP-256:${v1}:`),
      `annotation records alg and version: ${enc}`,
    );
    r = await cli(['secrets', 'status', f]);
    assert.match(r.stdout, new RegExp(`encrypted, keys azure-keyvault:${kid.replace(/[.]/g, '\\.')}`));
    r = await cli(['secrets', 'decrypt', f, '--key', spec]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, FILE);
    // A new key version in the vault: the file still unwraps with the version that wrapped it.
    vault.addVersion('rsa-kek', 'RSA');
    vault.log = [];
    r = await cli(['secrets', 'decrypt', f, '--key', spec]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, FILE);
    assert.ok(vault.log.includes(`POST /keys/rsa-kek/${v1}/unwrapkey`), vault.log.join('\n'));
  });

  it('round-trips a Managed HSM AES key (A256KW)', async () => {
    const v = vault.addVersion('aes-kek', 'oct-HSM');
    const f = path.join(dir, 'aes.yaml');
    writeFileSync(f, FILE);
    const spec = `azure-keyvault:${vault.url}/keys/aes-kek/${v}`;
    let r = await cli(['secrets', 'encrypt', f, '--key', spec]);
    assert.equal(r.code, 0, r.stderr);
    // AES key wrap of 32 bytes is 40 bytes: 56 base64 characters.
    assert.match(readFileSync(f, 'utf8'), new RegExp(`"wrapped":"A256KW:${v}:[A-Za-z0-9+/]{54}=="`));
    r = await cli(['secrets', 'decrypt', f, '--key', spec]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, FILE);
  });

  it('two recipients, Azure and a local break-glass key: either decrypts alone', async () => {
    vault.addVersion('two-kek', 'RSA');
    const f = path.join(dir, 'two.yaml');
    const key = path.join(dir, 'break-glass.key');
    writeFileSync(f, FILE);
    assert.equal((await cli(['secrets', 'keygen', '--out', key])).code, 0);
    const spec = `azure-keyvault:${vault.url}/keys/two-kek`;
    let r = await cli(['secrets', 'encrypt', f, '--key', spec, '--key', `local:${key}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(readFileSync(f, 'utf8'), /"provider":"azure-keyvault".*"provider":"local"/);
    r = await cli(['secrets', 'decrypt', f, '--key', spec]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, FILE);
    // The break-glass path needs no Azure at all: the vault refusing everything does not matter.
    vault.mode = 'forbidden';
    try {
      r = await cli(['secrets', 'decrypt', f, '--key', `local:${key}`]);
    } finally {
      vault.mode = 'ok';
    }
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, FILE);
  });

  it('403, unknown key, tampered wrap: exit 2, clear message, nothing written', async () => {
    vault.addVersion('err-kek', 'RSA');
    const f = path.join(dir, 'err.yaml');
    writeFileSync(f, FILE);
    const spec = `azure-keyvault:${vault.url}/keys/err-kek`;
    const check = (r: { code: number; stderr: string }, re: RegExp) => {
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, re);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(readFileSync(f, 'utf8'), FILE, 'nothing written');
    };
    vault.mode = 'forbidden';
    try {
      check(
        await cli(['secrets', 'encrypt', f, '--key', spec]),
        /access denied by Azure Key Vault \(403 Forbidden.*not authorized/,
      );
    } finally {
      vault.mode = 'ok';
    }
    check(
      await cli(['secrets', 'encrypt', f, '--key', `azure-keyvault:${vault.url}/keys/missing`]),
      /Azure key .*\/keys\/missing: key not found in Azure Key Vault \(404\)/,
    );
    check(
      await cli(['secrets', 'encrypt', f, '--key', `azure-keyvault:${vault.url}/keys/err-kek/00000000000000000000000000000000`]),
      /version 0{32}: key not found/,
    );
    // Tampered wrapped key: RSA-OAEP fails in the vault (400), reported as failed authentication.
    assert.equal((await cli(['secrets', 'encrypt', f, '--key', spec])).code, 0);
    const enc = readFileSync(f, 'utf8');
    const tampered = enc.replace(
      /("wrapped":"RSA-OAEP-256:[0-9a-f]+:)(.)/,
      (_m, p: string, c: string) => `${p}${c === 'A' ? 'B' : 'A'}`,
    );
    assert.notEqual(tampered, enc);
    writeFileSync(f, tampered);
    const r = await cli(['secrets', 'decrypt', f, '--key', spec, '--in-place']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /wrapped data key for azure-keyvault:.* failed authentication/);
    assert.equal(readFileSync(f, 'utf8'), tampered);
  });

  it('a vault that never answers: clear error within the configured timeout', async () => {
    vault.addVersion('slow-kek', 'RSA');
    const f = path.join(dir, 'slow.yaml');
    writeFileSync(f, FILE);
    vault.mode = 'hang';
    let r;
    try {
      r = await cli(['secrets', 'encrypt', f, '--key', `azure-keyvault:${vault.url}/keys/slow-kek`], {
        PALISADE_AZURE_TIMEOUT_MS: '1500',
      });
    } finally {
      vault.mode = 'ok';
    }
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /no answer from Azure Key Vault within 1500 ms \(set PALISADE_AZURE_TIMEOUT_MS/);
    // Process start-up (tsx) included; well under the SDK's own retry schedule.
    assert.ok(r.ms < 1500 + 5000, `took ${r.ms} ms`);
    assert.equal(readFileSync(f, 'utf8'), FILE, 'nothing written');
  });
});

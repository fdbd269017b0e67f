import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decryptValue, deriveKeys, encryptValue, newDataKey } from './envelope.js';
import { SecretsError, formatEnc, formatMeta, parseEnc, parseMeta, valueAad, type ObjectContext } from './format.js';

const CTX: ObjectContext = { apiVersion: 'v1', kind: 'Secret', namespace: 'prod', name: 'db' };

describe('envelope', () => {
  it('round-trips values, empty and non-ASCII included, through the ENC text form', () => {
    const keys = deriveKeys(newDataKey());
    for (const v of ['', 'p', 'päss\nwörd\n', 'x'.repeat(10_000)]) {
      const aad = valueAad(CTX, 'stringData', 'k');
      const enc = formatEnc(encryptValue(keys, v, aad));
      assert.match(enc, /^ENC\[v1,[A-Za-z0-9+/=]{16},[A-Za-z0-9+/=]*,[A-Za-z0-9+/=]{24}\]$/);
      assert.equal(decryptValue(keys, parseEnc(enc, 'stringData.k'), aad, 'stringData.k'), v);
    }
  });

  it('fails authentication with another key, another place (AAD) or any changed byte', () => {
    const keys = deriveKeys(newDataKey());
    const aad = valueAad(CTX, 'data', 'password');
    const v = encryptValue(keys, 'secret', aad);
    const bad = (f: () => unknown) =>
      assert.throws(f, (e: unknown) => e instanceof SecretsError && /data.password: value failed authentication/.test(e.message));
    bad(() => decryptValue(deriveKeys(newDataKey()), v, aad, 'data.password'));
    bad(() => decryptValue(keys, v, valueAad(CTX, 'data', 'user'), 'data.password'));
    bad(() => decryptValue(keys, v, valueAad(CTX, 'stringData', 'password'), 'data.password'));
    bad(() => decryptValue(keys, v, valueAad({ ...CTX, name: 'db2' }, 'data', 'password'), 'data.password'));
    for (const part of ['nonce', 'ciphertext', 'tag'] as const) {
      for (let i = 0; i < v[part].length; i++) {
        const t = { ...v, [part]: Buffer.from(v[part]) };
        t[part][i]! ^= 1;
        bad(() => decryptValue(keys, t, aad, 'data.password'));
      }
    }
    bad(() => decryptValue(keys, { ...v, ciphertext: v.ciphertext.subarray(1) }, aad, 'data.password'));
  });

  it('rejects malformed, truncated and future-version ENC values with the value named', () => {
    const ok = formatEnc(encryptValue(deriveKeys(newDataKey()), 'x', Buffer.alloc(0)));
    assert.throws(() => parseEnc(ok.slice(0, -3), 'data.a'), /data.a: malformed ENC value/);
    assert.throws(() => parseEnc(ok.replace('v1', 'v2'), 'data.a'), /data.a: unknown value format version v2/);
    assert.throws(() => parseEnc(ok.replace(/^ENC\[v1,[^,]{4}/, 'ENC[v1,'), 'data.a'), /data.a: (nonce is|malformed nonce)/);
    assert.throws(() => parseEnc(ok.replace(/[^,]{4}\]$/, ']'), 'data.a'), /data.a: (tag is|malformed tag)/);
  });

  it('parses the annotation it writes and rejects unknown versions', () => {
    const m = {
      v: 1,
      alg: 'AES-256-GCM',
      created: '2024-01-01T00:00:00Z',
      ctx: CTX,
      recipients: [{ provider: 'local', kid: 'k', wrapped: 'w' }],
      mac: 'm',
    };
    assert.deepEqual(parseMeta(formatMeta(m)), m);
    assert.throws(() => parseMeta(formatMeta({ ...m, v: 2 })), /unknown encryption format version 2/);
    assert.throws(() => parseMeta(formatMeta(m).slice(0, 40)), /not valid JSON/);
  });

  it('never repeats a nonce over many encryptions under one data key', () => {
    // 1,000,000 by default, as the issue asks; PALISADE_NONCE_COUNT lowers it for quick runs.
    const n = Number(process.env.PALISADE_NONCE_COUNT ?? 1_000_000);
    const keys = deriveKeys(newDataKey());
    const aad = valueAad(CTX, 'data', 'k');
    const seen = new Set<string>();
    for (let i = 0; i < n; i++) seen.add(encryptValue(keys, 'v', aad).nonce.toString('latin1'));
    assert.equal(seen.size, n);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activate, evaluate } from '../../core/engine.js';
import type { KubeObject } from '../../core/objects.js';
import { loadText } from '../../load/files.js';
import keyAge from './encryption-key-age.js';
import { encryptionEntries, entryFor, keyDate, namesResource, parseDay } from './encryption.js';

describe('EncryptionConfiguration helpers', () => {
  it('matches resource names and wildcards as the API server does', () => {
    assert.ok(namesResource('secrets', 'secrets', ''));
    assert.ok(namesResource('*.', 'secrets', ''));
    assert.ok(namesResource('*.*', 'secrets', ''));
    assert.ok(!namesResource('*.apps', 'secrets', ''));
    assert.ok(namesResource('*.apps', 'deployments', 'apps'));
    assert.ok(namesResource('deployments.apps', 'deployments', 'apps'));
    assert.ok(!namesResource('*.', 'deployments', 'apps'));
  });

  it('the first entry naming a resource decides', () => {
    const entries = encryptionEntries({
      resources: [
        { resources: ['events'], providers: [{ identity: {} }] },
        { resources: ['*.*'], providers: [{ secretbox: { keys: [] } }] },
        { resources: ['secrets'], providers: [{ identity: {} }] },
      ],
    });
    assert.equal(entryFor(entries, 'secrets')?.index, 1);
    assert.equal(entryFor(entries, 'events')?.index, 0);
  });

  it('reads dates from key names', () => {
    const day = (s: string) => parseDay(s);
    assert.equal(keyDate('key-20250131'), day('2025-01-31'));
    assert.equal(keyDate('key-2025-01-31'), day('2025-01-31'));
    assert.equal(keyDate('prod_20250131'), day('2025-01-31'));
    assert.equal(keyDate('key1'), undefined);
    assert.equal(keyDate('key-20251301'), undefined);
    assert.equal(keyDate('key-120250131'), undefined, 'the date must stand on its own');
  });

  it('encryption-key-age fails closed without a date for today', () => {
    const objects: KubeObject[] = [];
    loadText(
      'apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n- resources: [secrets]\n  providers:\n  - secretbox: {keys: [{name: key-20250101, secret: c2VjcmV0}]}\n',
      'enc.yaml',
      (o) => objects.push(o),
    );
    const [active] = activate([keyAge]);
    const result = evaluate(objects, { rules: [{ ...active!, options: { maxKeyAgeDays: 30, today: '' } }], today: '2026-01-01' });
    assert.equal(result.ruleErrors.length, 1);
    assert.match(result.ruleErrors[0]!.message, /option today must be a date/);
  });
});

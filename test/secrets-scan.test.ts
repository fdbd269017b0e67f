/**
 * `palisade scan` knows the encrypted-Secret format, on real encrypted files: an encrypted Secret
 * is not a plaintext finding, and an old data key is a secret-data-key-age finding, with "today"
 * filled by the scan and compliance commands (the engine reads no clock).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { activate, evaluate } from '../src/core/engine.js';
import type { KubeObject } from '../src/core/objects.js';
import { loadText } from '../src/load/files.js';
import { BUILTIN_RULES } from '../src/rules/index.js';
import { decryptText, encryptText } from '../src/secrets/manifest.js';
import { generateKeyFile, loadLocalProvider } from '../src/secrets/providers/local.js';
import { palisade, tempDir } from './helpers/cli.js';

const FILE = `apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: prod
stringData:
  password: Qm9-t7Lx2-kWv8-zR4p
  url: postgres://app:Qm9-t7Lx2@db.internal:5432/shop
`;

const RULES = ['secret-plaintext-in-manifest', 'secret-data-key-age'];

async function encrypted(now: Date): Promise<{ text: string; decrypted: string }> {
  const dir = tempDir();
  const keyFile = path.join(dir, 'team.key');
  await generateKeyFile(keyFile);
  const providers = [await loadLocalProvider(keyFile)];
  const { text } = await encryptText(FILE, 'secrets.yaml', { providers, now });
  const { text: decrypted } = await decryptText(text, 'secrets.yaml', { providers, keepAnnotation: false });
  return { text, decrypted };
}

function findings(yaml: string, today: string): string[] {
  const objects: KubeObject[] = [];
  loadText(yaml, 'secrets.yaml', (o) => objects.push(o));
  const rules = activate(BUILTIN_RULES.filter((r) => RULES.includes(r.meta.id))).map((ar) => ({
    ...ar,
    options: ar.rule.meta.id === 'secret-data-key-age' ? { ...ar.options, today } : ar.options,
  }));
  const result = evaluate(objects, { rules, today });
  assert.deepEqual(result.ruleErrors, []);
  return result.findings.map((f) => `${f.ruleId}: ${f.message}`);
}

describe('scan: encrypted Secrets', () => {
  it('an encrypted Secret is no plaintext finding; its data key age is judged', async () => {
    const { text, decrypted } = await encrypted(new Date('2026-01-01T10:00:00Z'));
    assert.deepEqual(findings(text, '2026-03-01'), []);
    assert.deepEqual(findings(text, '2026-06-01'), [
      'secret-data-key-age: data key created 2026-01-01 is 151 days old (more than 90): run palisade secrets rotate --new-data-key',
    ]);
    // The same Secret decrypted: plaintext findings, and no annotation left to judge.
    const plain = findings(decrypted, '2026-06-01');
    assert.ok(plain.length > 0 && plain.every((f) => f.startsWith('secret-plaintext-in-manifest: ')), plain.join('\n'));
  });

  it('palisade scan and palisade compliance fill today for the rule', async () => {
    const { text } = await encrypted(new Date('2020-01-01T00:00:00Z'));
    const dir = tempDir();
    writeFileSync(path.join(dir, 'secrets.yaml'), text);
    const scan = palisade(['scan', '-o', 'json', '--no-config', '--rules', RULES.join(','), dir]);
    assert.equal(scan.code, 0, scan.stderr); // medium: below the default --fail-on high
    const report = JSON.parse(scan.stdout) as { findings: { ruleId: string; message: string }[]; ruleErrors?: unknown[] };
    assert.deepEqual(
      report.findings.map((f) => f.ruleId),
      ['secret-data-key-age'],
    );
    assert.match(report.findings[0]!.message, /^data key created 2020-01-01 is \d+ days old \(more than 90\)/);

    const compliance = palisade(['compliance', dir, '--framework', 'pci-dss', '-o', 'json', '--no-config']);
    assert.notEqual(compliance.code, 2, compliance.stderr);
    const c = JSON.parse(compliance.stdout) as {
      frameworks: { sections: { controls: { id: string; status: string }[] }[] }[];
      ruleErrors: unknown[];
    };
    assert.deepEqual(c.ruleErrors, [], 'today is filled: the rule runs');
    const ctl = c.frameworks[0]!.sections.flatMap((s) => s.controls).find((x) => x.id === '3.7.4');
    assert.equal(ctl?.status, 'fail');
  });

  it('secrets.maxDataKeyAgeDays in .palisade.yaml is also the scan rule default (one rotation policy)', async () => {
    const { text } = await encrypted(new Date(Date.now() - 45 * 86_400_000));
    const dir = tempDir();
    writeFileSync(path.join(dir, 'secrets.yaml'), text);
    const scanWith = (config: string) => {
      writeFileSync(path.join(dir, '.palisade.yaml'), config);
      const r = palisade(['scan', '-o', 'json', '--rules', RULES.join(','), dir], { cwd: dir });
      return {
        r,
        ids: r.code === 2 ? [] : (JSON.parse(r.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId),
      };
    };
    assert.deepEqual(scanWith('secrets: {maxDataKeyAgeDays: 90}\n').ids, [], '45 days is within 90');
    assert.deepEqual(scanWith('secrets: {maxDataKeyAgeDays: 30}\n').ids, ['secret-data-key-age']);
    // The rule's own option wins.
    assert.deepEqual(
      scanWith('secrets: {maxDataKeyAgeDays: 30}\nrules:\n  secret-data-key-age: {options: {maxAgeDays: 60}}\n').ids,
      [],
    );
    // And a typo in the section is a config error for scans too.
    const bad = scanWith('secrets: {maxDataKeyAge: 30}\n');
    assert.equal(bad.r.code, 2);
    assert.match(bad.r.stderr, /\.palisade\.yaml:1: unknown key "maxDataKeyAge"/);
  });
});

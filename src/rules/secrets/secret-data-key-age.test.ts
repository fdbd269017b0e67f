import assert from 'node:assert/strict';
import { it } from 'node:test';
import { activate, evaluate } from '../../core/engine.js';
import type { KubeObject } from '../../core/objects.js';
import { loadText } from '../../load/files.js';
import { ruleTester } from '../../testing/rule-tester.js';
import rule from './secret-data-key-age.js';

/** The annotation as `palisade secrets encrypt` writes it (the rule reads it, never verifies the
 *  wrapped key or the MAC, so those are fixed strings of the right shape). */
const meta = (created: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    v: 1,
    alg: 'AES-256-GCM',
    created,
    ctx: ['v1', 'Secret', 'prod', 'db'],
    recipients: [{ provider: 'local', kid: 'b50e5bec735fe754', wrapped: 'RQ3q'.repeat(20) }],
    mac: '+t8aVf0lYv8m3y6o6cB1o9fC0s1kqj1n3sCw2m4yB0Y=',
    ...extra,
  });

const secret = (annotation: string | undefined, kind = 'Secret') => `
apiVersion: v1
kind: ${kind}
metadata:
  name: db
  namespace: prod
${annotation === undefined ? '' : `  annotations:\n    palisade.dev/encryption: '${annotation.replaceAll("'", "''")}'\n`}data:
  password: ENC[v1,Q9iFYqZtvrrHOMAi,GmqwDX9qSwA=,z93cIn1rRVAxix2Cl7+7xA==]
`;

const AT = 'metadata.annotations["palisade.dev/encryption"]';
const on = (today: string, maxAgeDays?: number) => ({ today, ...(maxAgeDays === undefined ? {} : { maxAgeDays }) });

ruleTester(rule, {
  valid: [
    {
      name: 'a data key made 30 days ago (default maximum 90 days)',
      doc: true,
      options: on('2026-01-31'),
      yaml: secret(meta('2026-01-01T09:30:00Z')),
    },
    {
      name: 'exactly maxAgeDays old passes (whole UTC days, time of day ignored)',
      options: on('2026-04-01'),
      yaml: secret(meta('2026-01-01T23:59:59Z')),
    },
    {
      name: 'a plain Secret without the annotation is not this rule’s business',
      options: on('2030-01-01'),
      yaml: secret(undefined).replace(/ENC\[[^\]]*\]/, 'cGFzcw=='),
    },
    {
      name: 'a Secret decrypted in place (plaintext values, annotation kept) with a young key',
      options: on('2026-01-02'),
      yaml: secret(meta('2026-01-01T00:00:00Z')).replace(/ENC\[[^\]]*\]/, 'cGFzcw=='),
    },
    {
      name: 'a custom maximum',
      options: on('2026-12-31', 365),
      yaml: secret(meta('2026-01-01T00:00:00Z')),
    },
    {
      name: 'other kinds with the annotation are silent (only core v1 Secrets are encrypted)',
      options: on('2030-01-01'),
      yaml:
        secret(meta('2020-01-01T00:00:00Z'), 'ConfigMap') +
        `---
apiVersion: bitnami.com/v1alpha1
kind: Secret
metadata:
  name: db
  annotations: {palisade.dev/encryption: not-json}
`,
    },
  ],
  invalid: [
    {
      name: 'a data key older than the maximum',
      doc: true,
      options: on('2026-01-31'),
      yaml: secret(meta('2025-06-01T08:00:00Z')),
      findings: [
        { path: AT, message: 'data key created 2025-06-01 is 244 days old (more than 90): run palisade secrets rotate' },
      ],
    },
    {
      name: 'one day past the maximum',
      options: on('2026-04-02'),
      yaml: secret(meta('2026-01-01T00:00:00Z')),
      findings: [{ path: AT, message: 'is 91 days old (more than 90)' }],
    },
    {
      name: 'annotation that is not JSON',
      doc: true,
      options: on('2026-01-31'),
      yaml: secret('{"v":1,"alg":"AES-256-GCM","created":"2026-01-0'),
      findings: [{ path: AT, message: /is not valid JSON.*cannot be decrypted at deploy/ }],
    },
    {
      name: 'annotation with missing fields',
      options: on('2026-01-31'),
      yaml: secret(JSON.stringify({ v: 1, alg: 'AES-256-GCM', created: '2026-01-01T00:00:00Z' })),
      findings: [{ path: AT, message: 'is missing fields' }],
    },
    {
      name: 'unknown format version',
      options: on('2026-01-31'),
      yaml: secret(meta('2026-01-01T00:00:00Z', { v: 2 })),
      findings: [{ path: AT, message: 'annotation palisade.dev/encryption: unknown encryption format version 2' }],
    },
    {
      name: 'annotation that is not a string (YAML reads 1 as a number)',
      options: on('2026-01-31'),
      yaml: secret('x').replace("'x'", '1'),
      findings: [{ path: AT, message: 'is not a string' }],
    },
    {
      name: 'created is not a timestamp, or not a real date',
      options: on('2026-01-31'),
      yaml:
        secret(meta('last tuesday')) +
        '---\n' +
        secret(meta('2025-02-30T00:00:00Z')).replace('name: db', 'name: db2') +
        '---\n' +
        secret(meta('2025-02-01')).replace('name: db', 'name: db3'),
      findings: [
        { path: AT, message: 'created "last tuesday" is not a UTC timestamp' },
        { path: AT, message: 'created "2025-02-30T00:00:00Z" is not a UTC timestamp' },
        { path: AT, message: 'created "2025-02-01" is not a UTC timestamp' },
      ],
    },
    {
      name: 'created in the future',
      options: on('2026-01-31'),
      yaml: secret(meta('2026-02-01T00:00:00Z')),
      findings: [{ path: AT, message: 'is dated in the future' }],
    },
  ],
});

it('secret-data-key-age fails closed without a date for today (a rule error, never a pass)', () => {
  const objects: KubeObject[] = [];
  loadText(secret(meta('2020-01-01T00:00:00Z')), 'secret.yaml', (o) => objects.push(o));
  const [active] = activate([rule]);
  const result = evaluate(objects, { rules: [{ ...active!, options: { maxAgeDays: 90, today: '' } }], today: '2026-01-01' });
  assert.equal(result.findings.length, 0);
  assert.equal(result.ruleErrors.length, 1);
  assert.match(result.ruleErrors[0]!.message, /option today must be a date/);
});

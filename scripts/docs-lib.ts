/**
 * Rule documentation generated from rule metadata and the cases marked `doc: true` in each
 * rule's test file. `npm run docs` writes docs/rules/; a test fails when they are stale.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { activate, evaluate } from '../src/core/engine.js';
import type { KubeObject } from '../src/core/objects.js';
import { formatPath } from '../src/core/path.js';
import type { AnyRule } from '../src/core/rule.js';
import { loadText } from '../src/load/files.js';
import { ruleDocMarkdown, type DocExample } from '../src/report/rule-docs.js';
import { BUILTIN_RULES } from '../src/rules/index.js';
import { collectedCases, collectOnly } from '../src/testing/rule-tester.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DOCS_DIR = path.join(ROOT, 'docs', 'rules');

function testFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) testFiles(p, out);
    else if (e.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

function findingsOf(rule: AnyRule, yaml: string, options?: Record<string, unknown>): string[] {
  const objects: KubeObject[] = [];
  loadText(yaml, 'example.yaml', (o) => objects.push(o));
  const [active] = activate([rule]);
  const res = evaluate(objects, { rules: [{ ...active!, options: { ...active!.options, ...options } }], today: '2026-01-01' });
  return res.findings.map((f) => `${formatPath(f.path)}: ${f.message}`);
}

/** Every generated file (relative to docs/rules) with its content. */
export async function generateRuleDocs(): Promise<Map<string, string>> {
  collectOnly(true);
  try {
    // Only rule test files (named after a rule id); other tests would run here.
    const ids = new Set(BUILTIN_RULES.map((r) => r.meta.id));
    for (const f of testFiles(path.join(ROOT, 'src', 'rules'))) {
      if (ids.has(path.basename(f, '.test.ts'))) await import(pathToFileURL(f).href);
    }
  } finally {
    collectOnly(false);
  }
  const files = new Map<string, string>();
  const rules = [...BUILTIN_RULES].sort(
    (a, b) => a.meta.category.localeCompare(b.meta.category) || a.meta.id.localeCompare(b.meta.id),
  );
  for (const rule of rules) {
    const cases = collectedCases.get(rule.meta.id);
    const examples = {
      invalid: (cases?.invalid ?? [])
        .filter((c) => c.doc)
        .map((c): DocExample => ({ name: c.name, yaml: c.yaml, findings: findingsOf(rule, c.yaml, c.options) })),
      valid: (cases?.valid ?? []).filter((c) => c.doc).map((c): DocExample => ({ name: c.name, yaml: c.yaml })),
    };
    files.set(`${rule.meta.id}.md`, ruleDocMarkdown(rule.meta, examples));
  }
  const ADMISSION_COLUMN = { object: 'yes', namespace: 'namespace', index: 'no' } as const;
  const index = [
    '# Rules',
    '',
    '<!-- Generated from rule metadata by `npm run docs`; do not edit. -->',
    '',
    `${rules.length} built-in rules. Opt-in rules run with \`--all-rules\`, \`--rules\`, or when enabled in \`.palisade.yaml\`.`,
    '',
    'Admission: whether the webhook runs the rule on each review (yes: it decides from the object alone; ' +
      "namespace: from the object and its Namespace's labels, known through the webhook's namespace cache; " +
      'no: it needs other objects, so it runs in scans only). Fix: the rule can fix what it finds ' +
      '(`--fix`, and the mutating webhook for rules listed under `webhook.mutate`).',
    '',
    '| Rule | Severity | Category | Default | Admission | Fix | Title |',
    '|---|---|---|---|---|---|---|',
    ...rules.map(
      (r) =>
        `| [${r.meta.id}](${r.meta.id}.md) | ${r.meta.severity} | ${r.meta.category} | ${r.meta.optIn ? 'opt-in' : 'on'} | ${ADMISSION_COLUMN[r.meta.needs]} | ${typeof r.fix === 'function' ? 'yes' : ''} | ${r.meta.title} |`,
    ),
    '',
  ].join('\n');
  files.set('README.md', index);
  return files;
}

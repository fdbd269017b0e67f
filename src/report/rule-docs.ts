/** A rule's documentation page, generated from its metadata (and, for the docs site, its cases). */
import type { RuleMeta } from '../core/rule.js';

export interface DocExample {
  name: string;
  yaml: string;
  findings?: string[];
}

const ADMISSION: Record<RuleMeta['needs'], string> = {
  object: 'yes (decides from the object alone)',
  namespace: "yes (the object and its Namespace's labels, from the webhook's namespace cache)",
  index: 'no (needs related objects from the scan)',
};

export function ruleDocMarkdown(
  meta: RuleMeta,
  examples: { valid: DocExample[]; invalid: DocExample[] } = { valid: [], invalid: [] },
): string {
  const out: string[] = [];
  out.push(`# ${meta.id}`, '', `**${meta.title}**`, '');
  out.push('| | |', '|---|---|');
  out.push(`| Severity | ${meta.severity} |`);
  out.push(`| Category | ${meta.category} |`);
  out.push(`| Applies to | ${meta.targets === '*' ? 'all kinds' : meta.targets.join(', ')} |`);
  out.push(
    `| Enabled by default | ${meta.optIn ? 'no (opt-in: enable it in .palisade.yaml, with --rules or --all-rules)' : 'yes'} |`,
  );
  out.push(`| Runs at admission | ${ADMISSION[meta.needs]} |`);
  if (meta.controls.length) out.push(`| Controls | ${meta.controls.map((c) => `${c.framework} ${c.id}`).join(', ')} |`);
  out.push('', '## Why', '', meta.description, '', '## How to fix', '', meta.remediation, '');
  if (meta.scope) out.push('## What it assumes about the input', '', meta.scope, '');
  const opts = Object.entries(meta.options ?? {});
  if (opts.length) {
    out.push('## Options', '', '| Option | Type | Default | Description |', '|---|---|---|---|');
    for (const [k, o] of opts) out.push(`| \`${k}\` | ${o.type} | \`${JSON.stringify(o.default)}\` | ${o.description} |`);
    out.push('', 'Set them in `.palisade.yaml`:', '', '```yaml', 'rules:', `  ${meta.id}:`, '    options:');
    for (const [k, o] of opts) out.push(`      ${k}: ${JSON.stringify(o.default)}`);
    out.push('```', '');
  }
  if (examples.invalid.length || examples.valid.length) {
    out.push('## Examples', '');
    for (const e of examples.invalid) {
      out.push(`### Reported: ${e.name}`, '', '```yaml', e.yaml.trim(), '```', '');
      if (e.findings?.length) out.push(...e.findings.map((f) => `- \`${f}\``), '');
    }
    for (const e of examples.valid) out.push(`### Not reported: ${e.name}`, '', '```yaml', e.yaml.trim(), '```', '');
  }
  out.push(
    '## Suppressing',
    '',
    'Annotate the object (or its pod template):',
    '',
    '```yaml',
    'metadata:',
    '  annotations:',
    `    palisade.dev/ignore: "${meta.id}"`,
    '    palisade.dev/ignore-reason: "why this is acceptable here"',
    '```',
    '',
  );
  if (meta.references?.length) out.push('## References', '', ...meta.references.map((r) => `- ${r}`), '');
  return out.join('\n');
}

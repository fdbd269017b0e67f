/** `palisade rules`: list the rules; `palisade rules explain ID`: a rule's documentation. */
import Table from 'cli-table3';
import { Command, Option } from 'commander';
import { ruleDocMarkdown } from '../report/rule-docs.js';
import { BUILTIN_RULES } from '../rules/index.js';
import { emit, EXIT } from './io.js';

export function rulesCommand(): Command {
  const cmd = new Command('rules')
    .description('List the built-in rules')
    .addOption(new Option('-o, --output <format>', 'table or json').choices(['table', 'json']).default('table'))
    .action(async (flags: { output: 'table' | 'json' }) => {
      const rules = [...BUILTIN_RULES].sort(
        (a, b) => a.meta.category.localeCompare(b.meta.category) || a.meta.id.localeCompare(b.meta.id),
      );
      if (flags.output === 'json') {
        const out = rules.map(({ meta }) => ({
          id: meta.id,
          title: meta.title,
          severity: meta.severity,
          category: meta.category,
          enabledByDefault: !meta.optIn,
          needs: meta.needs,
          targets: meta.targets,
          controls: meta.controls,
          description: meta.description,
          remediation: meta.remediation,
          options: meta.options ?? {},
          fixable: typeof BUILTIN_RULES.find((r) => r.meta.id === meta.id)?.fix === 'function',
        }));
        await emit(JSON.stringify(out, null, 2) + '\n', undefined);
        return;
      }
      const table = new Table({ head: ['id', 'severity', 'category', 'default', 'title'], style: { head: [], border: [] } });
      for (const { meta } of rules) table.push([meta.id, meta.severity, meta.category, meta.optIn ? 'opt-in' : 'on', meta.title]);
      await emit(table.toString() + `\n${rules.length} rules. Details: palisade rules explain <id>\n`, undefined);
    });
  cmd
    .command('explain')
    .description("Print a rule's documentation")
    .argument('<id>', 'rule id')
    .action(async (id: string) => {
      const rule = BUILTIN_RULES.find((r) => r.meta.id === id);
      if (!rule) {
        const near = BUILTIN_RULES.map((r) => r.meta.id).filter((r) => r.includes(id) || id.includes(r));
        process.stderr.write(`palisade: unknown rule "${id}"${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}\n`);
        process.exitCode = EXIT.error;
        return;
      }
      await emit(ruleDocMarkdown(rule.meta), undefined);
    });
  return cmd;
}

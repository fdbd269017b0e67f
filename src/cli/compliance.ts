/** `palisade compliance`: scan -> evaluate catalogs -> report per framework -> exit code. */
import { Command, Option } from 'commander';
import { EMPTY_CONFIG, type PalisadeConfig } from '../core/config.js';
import { exposureContext } from '../compliance/exposure.js';
import {
  buildComplianceReport,
  formatComplianceJson,
  formatComplianceText,
  type ComplianceReport,
} from '../compliance/report.js';
import { FRAMEWORK_IDS, isFrameworkId, type FrameworkId } from '../compliance/types.js';
import { ConfigError, findConfig, loadConfigFile, loadExceptionsFile } from '../load/config-file.js';
import { formatHtml } from '../report/html/index.js';
import { formatMarkdown } from '../report/markdown.js';
import { buildReport } from '../report/model.js';
import { BUILTIN_RULES } from '../rules/index.js';
import { runScan, UsageError } from '../scan/run.js';
import { emit, EXIT, today, withSecretsPolicy, withToday } from './io.js';
import { progress } from './progress.js';

const FORMATS = ['text', 'json', 'markdown', 'html'] as const;
type Format = (typeof FORMATS)[number];
const FRAMEWORK_CHOICES = [...FRAMEWORK_IDS, 'all'] as const;

interface ComplianceFlags {
  framework: string;
  output: Format;
  outputFile?: string;
  config?: string | false;
  exceptions?: string;
  allRules?: boolean;
  inlineSuppressions: boolean;
  quiet?: boolean;
}

/** Parses --framework: one id, a comma-separated list, or `all`. */
export function parseFrameworks(value: string): FrameworkId[] {
  const parts = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.includes('all')) return [...FRAMEWORK_IDS];
  const bad = parts.filter((p) => !isFrameworkId(p));
  if (bad.length > 0 || parts.length === 0)
    throw new UsageError(`--framework must be one of ${FRAMEWORK_CHOICES.join(', ')} (got "${value}")`);
  return [...new Set(parts)] as FrameworkId[];
}

export function complianceCommand(): Command {
  return new Command('compliance')
    .description('Report compliance with CIS, NSA/CISA, MITRE ATT&CK, PSS, SOC 2, PCI DSS, HIPAA and GDPR controls')
    .argument('[paths...]', 'files or folders to scan; - reads stdin', ['.'])
    .option('--framework <ids>', `framework(s): ${FRAMEWORK_CHOICES.join(', ')} (comma-separated)`, 'all')
    .addOption(new Option('-o, --output <format>', 'report format').choices(FORMATS).default('text'))
    .option('--output-file <file>', 'write the report to a file (atomically) instead of stdout')
    .option('-c, --config <file>', 'config file (default: .palisade.yaml found upward from the working directory)')
    .option('--no-config', 'ignore .palisade.yaml')
    .option('--exceptions <file>', 'exceptions file (rule, object, reason, owner, expiry)')
    .option('--all-rules', 'also run opt-in rules (more controls get automated evidence)')
    .option('--no-inline-suppressions', 'ignore palisade.dev/ignore annotations')
    .option('-q, --quiet', 'no progress output')
    .action(async (paths: string[], flags: ComplianceFlags) => {
      process.exitCode = await compliance(paths, flags);
    });
}

async function compliance(paths: string[], flags: ComplianceFlags): Promise<number> {
  let frameworks: FrameworkId[];
  let config: PalisadeConfig = { ...EMPTY_CONFIG };
  let exceptions: Awaited<ReturnType<typeof loadExceptionsFile>> = [];
  try {
    frameworks = parseFrameworks(flags.framework);
    const configFile = flags.config === false ? undefined : (flags.config ?? findConfig(process.cwd()));
    if (configFile) config = await withSecretsPolicy(await loadConfigFile(configFile, BUILTIN_RULES), configFile);
    const exceptionsFile = flags.exceptions ?? config.exceptionsFile;
    if (exceptionsFile) exceptions = await loadExceptionsFile(exceptionsFile, BUILTIN_RULES);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof UsageError) return usage(e.message);
    throw e;
  }

  const bar = progress(!flags.quiet);
  let result;
  try {
    result = await runScan({
      onFile: bar.onFile,
      paths,
      rules: BUILTIN_RULES,
      config: withToday(config, BUILTIN_RULES, today()),
      selection: { all: flags.allRules },
      inlineSuppressions: flags.inlineSuppressions === false ? false : undefined,
      exceptions,
      today: today(),
    });
  } catch (e) {
    if (e instanceof UsageError) return usage(e.message);
    throw e;
  } finally {
    bar.done();
  }

  const scan = buildReport(result, { failOn: config.failOn ?? 'high' });
  const report = buildComplianceReport({
    scan,
    allFindings: result.findings,
    frameworks,
    kinds: result.kinds,
    exposure: exposureContext(result.index),
    date: today(),
  });
  await emit(render(report, flags.output), flags.outputFile);

  if (scan.summary.objects === 0) {
    process.stderr.write('palisade: no Kubernetes object found in the inputs: no control can be evaluated\n');
    return EXIT.error;
  }
  if (scan.errors.length > 0 || scan.ruleErrors.length > 0) return EXIT.error;
  return report.frameworks.some((f) => f.counts.fail > 0) ? EXIT.findings : EXIT.ok;
}

export function render(report: ComplianceReport, format: Format): string {
  switch (format) {
    case 'json':
      return formatComplianceJson(report);
    case 'markdown':
      return formatMarkdown(report);
    case 'html':
      return formatHtml(report);
    default:
      return formatComplianceText(report);
  }
}

function usage(message: string): number {
  process.stderr.write(`palisade: ${message}\n`);
  return EXIT.error;
}

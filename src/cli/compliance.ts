/** `palisade compliance`: scan -> evaluate catalogs -> report per framework -> exit code. */
import { Command, Option } from 'commander';
import { activeRules, EMPTY_CONFIG, type PalisadeConfig } from '../core/config.js';
import { Evaluation } from '../core/engine.js';
import type { Finding } from '../core/finding.js';
import type { KubeObject } from '../core/objects.js';
import { exposureContext, type ExposureContext } from '../compliance/exposure.js';
import {
  buildComplianceReport,
  formatComplianceJson,
  formatComplianceText,
  type ComplianceReport,
} from '../compliance/report.js';
import { FRAMEWORK_IDS, isFrameworkId, type FrameworkId } from '../compliance/types.js';
import { ConfigError, findConfig, loadConfigFile, loadExceptionsFile } from '../load/config-file.js';
import { loadSources } from '../load/files.js';
import { formatHtml } from '../report/html/index.js';
import { formatMarkdown } from '../report/markdown.js';
import { buildReport } from '../report/model.js';
import { BUILTIN_RULES } from '../rules/index.js';
import { resolvePositions, UsageError, type ScanOptions, type ScanResult } from '../scan/run.js';
import { emit, EXIT, today } from './io.js';
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

/** What the compliance evaluation needs beyond a ScanResult: kinds seen and exposure. */
export interface ScanContext {
  kinds: Map<string, number>;
  exposure: ExposureContext;
}

/**
 * runScan, plus the object kinds seen and the exposure context from the scan's index.
 * TODO: fold into runScan (src/scan/run.ts) once it returns its index and kind counts; until
 * then this mirrors it step by step.
 */
export async function runScanWithContext(opts: ScanOptions): Promise<ScanResult & { context: ScanContext }> {
  const { active, errors } = activeRules(opts.rules, opts.config, opts.selection ?? {});
  if (errors.length > 0) throw new UsageError(errors.join('\n'));
  const evaluation = new Evaluation({
    rules: active,
    inlineSuppressions: opts.inlineSuppressions ?? opts.config.inlineSuppressions ?? true,
    exclusions: opts.config.exclude,
    exceptions: [...opts.config.exceptions, ...(opts.exceptions ?? [])],
    baseline: opts.baseline,
    today: opts.today,
  });
  const kinds = new Map<string, number>();
  const inputs = await loadSources(
    opts.paths,
    (o: KubeObject) => {
      kinds.set(o.id.kind, (kinds.get(o.id.kind) ?? 0) + 1);
      evaluation.add(o);
    },
    { maxFileSize: opts.maxFileSize ?? opts.config.maxFileSize, stdin: opts.stdin, onFile: opts.onFile },
  );
  const result = evaluation.finish();
  resolvePositions(result.findings);
  result.findings.sort(compareFindings);
  return {
    inputs,
    findings: result.findings,
    ruleErrors: result.ruleErrors,
    objects: result.objects,
    active,
    expiredExceptions: result.expiredExceptions,
    context: { kinds, exposure: exposureContext(evaluation.index) },
  };
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    a.source.file.localeCompare(b.source.file) ||
    (a.position?.line ?? a.source.line) - (b.position?.line ?? b.source.line) ||
    (a.position?.column ?? 0) - (b.position?.column ?? 0) ||
    a.ruleId.localeCompare(b.ruleId)
  );
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
    if (configFile) config = await loadConfigFile(configFile, BUILTIN_RULES);
    const exceptionsFile = flags.exceptions ?? config.exceptionsFile;
    if (exceptionsFile) exceptions = await loadExceptionsFile(exceptionsFile, BUILTIN_RULES);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof UsageError) return usage(e.message);
    throw e;
  }

  const bar = progress(!flags.quiet);
  let result;
  try {
    result = await runScanWithContext({
      onFile: bar.onFile,
      paths,
      rules: BUILTIN_RULES,
      config,
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
    kinds: result.context.kinds,
    exposure: result.context.exposure,
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

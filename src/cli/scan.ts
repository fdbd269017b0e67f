/** `palisade scan`: parse flags -> run the scan -> pick a reporter -> exit code. */
import { Command, Option } from 'commander';
import { EMPTY_CONFIG, parseSize, type PalisadeConfig } from '../core/config.js';
import { isSeverity, SEVERITIES, type Severity } from '../core/finding.js';
import { parseLevel, parseVersion, PssParseError } from '../core/pss/types.js';
import { describeObject } from '../core/objects.js';
import { formatPath } from '../core/path.js';
import type { Exception } from '../core/suppress.js';
import {
  ConfigError,
  findConfig,
  loadBaseline,
  loadConfigFile,
  loadExceptionsFile,
  type BaselineFile,
} from '../load/config-file.js';
import { formatJson } from '../report/json.js';
import { formatJunit } from '../report/junit.js';
import { buildReport, failingFindings, type Report } from '../report/model.js';
import { formatSarif } from '../report/sarif.js';
import { formatText } from '../report/text.js';
import { BUILTIN_RULES } from '../rules/index.js';
import { runScan, UsageError, type ScanResult } from '../scan/run.js';
import { rulesOfFramework } from '../compliance/evaluate.js';
import { buildComplianceReport } from '../compliance/report.js';
import { FRAMEWORK_IDS, type FrameworkId } from '../compliance/types.js';
import { formatHtml } from '../report/html/index.js';
import { exposureContext } from '../compliance/exposure.js';
import { parseFrameworks } from './compliance.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { TOOL_NAME, VERSION } from '../version.js';
import { emit, EXIT, today, useColor, withSecretsPolicy, withToday } from './io.js';
import { progress } from './progress.js';

const FORMATS = ['text', 'json', 'sarif', 'junit', 'html'] as const;
type Format = (typeof FORMATS)[number];

interface ScanFlags {
  output: Format;
  outputFile?: string;
  failOn?: string;
  allowEmpty?: boolean;
  rules?: string;
  skipRules?: string;
  allRules?: boolean;
  config?: string | false;
  exceptions?: string;
  baseline?: string;
  writeBaseline?: string;
  inlineSuppressions: boolean;
  showSuppressed?: boolean;
  maxFileSize?: string;
  pssLevel?: string;
  scope: 'files' | 'cluster';
  pssVersion?: string;
  color?: boolean;
  quiet?: boolean;
  framework?: string;
}

const list = (s: string | undefined) =>
  s
    ? s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : undefined;

export function scanCommand(): Command {
  return new Command('scan')
    .description('Scan Kubernetes manifests (files, folders, or - for stdin) against the rules')
    .argument('[paths...]', 'files or folders to scan; - reads stdin', ['.'])
    .addOption(new Option('-o, --output <format>', 'report format').choices(FORMATS).default('text'))
    .option('--output-file <file>', 'write the report to a file (atomically) instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity (or "none")'))
    .option('--allow-empty', 'exit 0 (not 2) when the inputs hold no Kubernetes object')
    .option('--rules <ids>', 'run only these rules (comma-separated)')
    .option('--skip-rules <ids>', 'do not run these rules (comma-separated)')
    .option('--all-rules', 'also run opt-in rules')
    .option('-c, --config <file>', 'config file (default: .palisade.yaml found upward from the working directory)')
    .option('--no-config', 'ignore .palisade.yaml')
    .option('--exceptions <file>', 'exceptions file (rule, object, reason, owner, expiry)')
    .option('--baseline <file>', 'report only findings not in this baseline')
    .option('--write-baseline <file>', 'write the current findings as a baseline and exit 0')
    .option(
      '--no-inline-suppressions',
      'ignore palisade.dev/ignore annotations (for gates where editors must not exempt themselves)',
    )
    .option('--show-suppressed', 'include suppressed findings in the report')
    .addOption(
      new Option(
        '--scope <scope>',
        'files: the input is part of what runs; cluster: a complete cluster export (rules may conclude "missing")',
      )
        .choices(['files', 'cluster'])
        .default('files'),
    )
    .option('--max-file-size <size>', 'largest file read, e.g. 50Mi')
    .option(
      '--pss-level <level>',
      'Pod Security level for namespaces without PSA labels: privileged, baseline, restricted (default)',
    )
    .option('--pss-version <version>', 'Pod Security policy version for namespaces without PSA labels: latest (default) or v1.N')
    .option(
      '--framework <ids>',
      `report only findings of rules mapped to these frameworks: ${[...FRAMEWORK_IDS, 'all'].join(', ')}`,
    )
    .option('--color', 'force colour')
    .option('--no-color', 'no colour (also NO_COLOR=1)')
    .option('-q, --quiet', 'print nothing on success (text output)')
    .action(async (paths: string[], flags: ScanFlags) => {
      process.exitCode = await scan(paths, flags);
    });
}

async function scan(paths: string[], flags: ScanFlags): Promise<number> {
  let config: PalisadeConfig = { ...EMPTY_CONFIG };
  let exceptions: Exception[] = [];
  let baseline: Set<string> | undefined;
  try {
    const configFile = flags.config === false ? undefined : (flags.config ?? findConfig(process.cwd()));
    if (configFile) config = await withSecretsPolicy(await loadConfigFile(configFile, BUILTIN_RULES), configFile);
    const exceptionsFile = flags.exceptions ?? config.exceptionsFile;
    if (exceptionsFile) exceptions = await loadExceptionsFile(exceptionsFile, BUILTIN_RULES);
    const baselineFile = flags.baseline ?? config.baseline;
    if (baselineFile && !flags.writeBaseline) baseline = await loadBaseline(baselineFile);
  } catch (e) {
    if (e instanceof ConfigError) return usage(e.message);
    throw e;
  }

  let failOn: Severity | 'none' = config.failOn ?? 'high';
  if (flags.failOn !== undefined) {
    if (flags.failOn !== 'none' && !isSeverity(flags.failOn))
      return usage(`--fail-on must be one of ${SEVERITIES.join(', ')}, none`);
    failOn = flags.failOn;
  }
  try {
    config = withToday(withPssDefaults(config, flags.pssLevel, flags.pssVersion), BUILTIN_RULES, today());
  } catch (e) {
    if (e instanceof PssParseError) return usage(`--pss-level/--pss-version: ${e.message}`);
    throw e;
  }
  let maxFileSize: number | undefined;
  if (flags.maxFileSize !== undefined) {
    maxFileSize = parseSize(flags.maxFileSize);
    if (!maxFileSize) return usage('--max-file-size must be a size such as 50Mi');
  }

  let frameworks: FrameworkId[] | undefined;
  try {
    if (flags.framework !== undefined) frameworks = parseFrameworks(flags.framework);
  } catch (e) {
    if (e instanceof UsageError) return usage(e.message);
    throw e;
  }

  let result: ScanResult;
  const bar = progress(!flags.quiet);
  try {
    result = await runScan({
      world: flags.scope,
      onFile: bar.onFile,
      paths,
      rules: BUILTIN_RULES,
      config,
      selection: { only: list(flags.rules), skip: list(flags.skipRules), all: flags.allRules },
      inlineSuppressions: flags.inlineSuppressions === false ? false : undefined,
      exceptions,
      baseline,
      today: today(),
      maxFileSize,
    });
  } catch (e) {
    if (e instanceof UsageError) return usage(e.message);
    throw e;
  } finally {
    bar.done();
  }
  if (frameworks) {
    const keep = new Set(frameworks.flatMap((f) => [...rulesOfFramework(f)]));
    result = {
      ...result,
      findings: result.findings.filter((f) => keep.has(f.ruleId)),
      active: result.active.filter((a) => keep.has(a.rule.meta.id)),
    };
  }

  const report = buildReport(result, { showSuppressed: flags.showSuppressed, failOn: failOn === 'none' ? 'critical' : failOn });
  const gate = failOn === 'none' ? [] : failingFindings(report);
  const empty = report.summary.objects === 0;
  const broken = report.errors.length > 0 || report.ruleErrors.length > 0;

  if (flags.writeBaseline) {
    const b: BaselineFile = {
      schemaVersion: 1,
      tool: { name: TOOL_NAME, version: VERSION },
      findings: result.findings
        .filter((f) => !f.suppression)
        .map((f) => ({
          fingerprint: f.fingerprint,
          ruleId: f.ruleId,
          object: describeObject(f.object),
          path: formatPath(f.path),
        })),
    };
    await writeFileAtomic(flags.writeBaseline, JSON.stringify(b, null, 2) + '\n');
    process.stderr.write(`palisade: wrote ${b.findings.length} findings to baseline ${flags.writeBaseline}\n`);
  }

  const quietOk = flags.quiet && flags.output === 'text' && gate.length === 0 && !broken && !empty;
  if (!quietOk) await emit(render(report, flags, result, frameworks), flags.outputFile);
  if (empty && !flags.allowEmpty)
    process.stderr.write('palisade: no Kubernetes object found in the inputs (use --allow-empty if that is expected)\n');

  if (broken || (empty && !flags.allowEmpty)) return EXIT.error;
  if (flags.writeBaseline) return EXIT.ok;
  return gate.length > 0 ? EXIT.findings : EXIT.ok;
}

/** --pss-level / --pss-version become the options of every Pod Security control rule (a
 *  namespace's own PSA labels still win; options set in the config file win over the flags'
 *  defaults but not over the flags). */
function withPssDefaults(config: PalisadeConfig, level: string | undefined, version: string | undefined): PalisadeConfig {
  if (level === undefined && version === undefined) return config;
  const options: Record<string, string> = {};
  if (level !== undefined) options.level = parseLevel(level);
  if (version !== undefined) {
    parseVersion(version);
    options.version = version;
  }
  const rules = { ...config.rules };
  for (const r of BUILTIN_RULES) {
    if (!r.meta.pss) continue;
    const current = rules[r.meta.id] ?? {};
    rules[r.meta.id] = { ...current, options: { ...current.options, ...options } };
  }
  return { ...config, rules };
}

function render(report: Report, flags: ScanFlags, result: ScanResult, frameworks?: FrameworkId[]): string {
  switch (flags.output) {
    case 'html':
      return formatHtml(
        buildComplianceReport({
          scan: report,
          allFindings: result.findings,
          frameworks: frameworks ?? [...FRAMEWORK_IDS],
          kinds: result.kinds,
          exposure: exposureContext(result.index),
          date: today(),
        }),
      );
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    case 'junit':
      return formatJunit(report);
    default:
      return formatText(report, { color: useColor(flags.color, !!flags.outputFile) });
  }
}

function usage(message: string): number {
  process.stderr.write(`palisade: ${message}\n`);
  return EXIT.error;
}

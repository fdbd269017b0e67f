/**
 * One scan: read sources, stream objects through the engine, resolve positions of findings.
 * The CLI (and later the cluster scanner) call this; formatting is left to reporters.
 */
import { activeRules, type PalisadeConfig, type RuleSelection } from '../core/config.js';
import { Evaluation, type ActiveRule, type RuleError } from '../core/engine.js';
import type { Finding } from '../core/finding.js';
import type { Path } from '../core/path.js';
import type { Position } from '../core/position.js';
import type { AnyRule } from '../core/rule.js';
import type { Exception } from '../core/suppress.js';
import type { ObjectIndex, World } from '../core/index.js';
import { loadSources, type InputRecord, type LoadOptions } from '../load/files.js';

export interface ScanOptions extends LoadOptions {
  paths: readonly string[];
  rules: readonly AnyRule[];
  config: PalisadeConfig;
  selection?: RuleSelection;
  inlineSuppressions?: boolean;
  exceptions?: readonly Exception[];
  baseline?: ReadonlySet<string>;
  /** YYYY-MM-DD (exception expiry). */
  today: string;
  /** `files` (default): only what was given; `cluster`: the input is a complete cluster export,
   *  so cross-resource rules may conclude that something is missing. */
  world?: World;
}

export interface ScanResult {
  inputs: InputRecord[];
  /** All findings, suppressed ones included, with positions, in file/line order. */
  findings: Finding[];
  ruleErrors: RuleError[];
  objects: number;
  active: ActiveRule[];
  expiredExceptions: Exception[];
  /** The scan's index (relations for exposure and risk) and the count of objects per kind. */
  index: ObjectIndex;
  kinds: Map<string, number>;
}

export class UsageError extends Error {}

export async function runScan(opts: ScanOptions): Promise<ScanResult> {
  const { active, errors } = activeRules(opts.rules, opts.config, opts.selection ?? {});
  if (errors.length > 0) throw new UsageError(errors.join('\n'));
  const evaluation = new Evaluation({
    rules: active,
    world: opts.world,
    inlineSuppressions: opts.inlineSuppressions ?? opts.config.inlineSuppressions ?? true,
    exclusions: opts.config.exclude,
    exceptions: [...opts.config.exceptions, ...(opts.exceptions ?? [])],
    baseline: opts.baseline,
    today: opts.today,
  });
  const kinds = new Map<string, number>();
  const inputs = await loadSources(
    opts.paths,
    (o) => {
      kinds.set(o.id.kind, (kinds.get(o.id.kind) ?? 0) + 1);
      evaluation.add(o);
    },
    {
      maxFileSize: opts.maxFileSize ?? opts.config.maxFileSize,
      stdin: opts.stdin,
      onFile: opts.onFile,
    },
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
    index: evaluation.index,
    kinds,
  };
}

/** One syntax pass per object with findings (positions are lazy: most objects have none). */
export function resolvePositions(findings: Finding[]): void {
  const byLocator = new Map<(paths: readonly Path[]) => Position[], Finding[]>();
  for (const f of findings) {
    const locate = f.source.locate;
    if (!locate) continue;
    const list = byLocator.get(locate);
    if (list) list.push(f);
    else byLocator.set(locate, [f]);
  }
  for (const [locate, list] of byLocator) {
    let positions: Position[];
    try {
      positions = locate(list.map((f) => f.path));
    } catch {
      positions = list.map((f) => ({ line: f.source.line, column: 1, exact: false }));
    }
    list.forEach((f, i) => (f.position = positions[i]));
  }
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    a.source.file.localeCompare(b.source.file) ||
    (a.position?.line ?? a.source.line) - (b.position?.line ?? b.source.line) ||
    (a.position?.column ?? 0) - (b.position?.column ?? 0) ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

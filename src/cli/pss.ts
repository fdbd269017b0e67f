/**
 * `palisade pss`: the verdict upstream Pod Security Admission would give each pod-bearing object
 * at a level and version, and `--upgrade-check v1.A..v1.B` for verdicts that change between two
 * policy versions.
 */
import { Command, Option } from 'commander';
import { createColors } from 'picocolors';
import { describeObject, podTemplateOf, type KubeObject, type ObjectIdentity } from '../core/objects.js';
import { formatPath } from '../core/path.js';
import { evaluateObject, type Forbidden } from '../core/pss/evaluate.js';
import { formatVersion, parseLevel, parseVersion, PssParseError, type Level, type Version } from '../core/pss/types.js';
import { loadSources } from '../load/files.js';
import { emit, EXIT, useColor } from './io.js';

interface PssFlags {
  level: string;
  version: string;
  upgradeCheck?: string;
  output: 'text' | 'json';
  outputFile?: string;
  allowEmpty?: boolean;
  color?: boolean;
}

interface Verdict {
  version: string;
  evaluatedVersion: string;
  allowed: boolean;
  forbidden: Forbidden[];
}

interface Located {
  object: ObjectIdentity;
  location: { file: string; line: number; column: number; path: string };
}

export function pssCommand(): Command {
  return new Command('pss')
    .description('Predict Pod Security Admission verdicts (exactly as k8s.io/pod-security-admission) for pod-bearing objects')
    .argument('[paths...]', 'files or folders; - reads stdin', ['.'])
    .option('--level <level>', 'baseline or restricted', 'restricted')
    .option('--version <version>', 'policy version: latest or v1.N', 'latest')
    .option('--upgrade-check <range>', 'report objects whose verdict changes between two versions, e.g. v1.29..v1.35')
    .addOption(new Option('-o, --output <format>', 'text or json').choices(['text', 'json']).default('text'))
    .option('--output-file <file>', 'write the report to a file (atomically)')
    .option('--allow-empty', 'exit 0 when no pod-bearing object is found')
    .option('--color', 'force colour')
    .option('--no-color', 'no colour')
    .action(async (paths: string[], flags: PssFlags) => {
      process.exitCode = await pss(paths, flags);
    });
}

function usage(message: string): number {
  process.stderr.write(`palisade pss: ${message}\n`);
  return EXIT.error;
}

async function pss(paths: string[], flags: PssFlags): Promise<number> {
  let level: Level;
  let versions: Version[];
  try {
    level = parseLevel(flags.level);
    if (flags.upgradeCheck !== undefined) {
      const m = /^(.+?)\.\.(.+)$/.exec(flags.upgradeCheck);
      if (!m) return usage('--upgrade-check takes FROM..TO, e.g. v1.29..v1.35');
      versions = [parseVersion(m[1]!), parseVersion(m[2]!)];
    } else versions = [parseVersion(flags.version)];
  } catch (e) {
    if (e instanceof PssParseError) return usage(e.message);
    throw e;
  }

  const objects: KubeObject[] = [];
  const inputs = await loadSources(paths, (o) => {
    if (podTemplateOf(o)) objects.push(o);
  });
  const errors = inputs.flatMap((i) => i.errors);

  const located = (o: KubeObject): Located => {
    const path = podTemplateOf(o)!.specPath;
    const [pos] = o.source.locate?.([path]) ?? [];
    return {
      object: o.id,
      location: { file: o.source.file, line: pos?.line ?? o.source.line, column: pos?.column ?? 1, path: formatPath(path) },
    };
  };
  const verdict = (o: KubeObject, v: Version): Verdict => {
    const r = evaluateObject(level, v, o)!;
    return { version: formatVersion(v), evaluatedVersion: r.evaluatedVersion, allowed: r.allowed, forbidden: r.forbidden };
  };

  let failing: number;
  let body: Record<string, unknown>;
  let text: string;
  const c = createColors(useColor(flags.color, !!flags.outputFile));
  if (versions.length === 1) {
    const results = objects.map((o) => ({ ...located(o), level, ...verdict(o, versions[0]!) }));
    failing = results.filter((r) => !r.allowed).length;
    body = { schemaVersion: 1, results, errors };
    text = results
      .map((r) => {
        const head = `${r.allowed ? c.green('allowed  ') : c.red('forbidden')} ${describeObject(r.object)}  ${c.dim(`${r.location.file}:${r.location.line}`)}`;
        return [
          head,
          ...r.forbidden.map(
            (f) => `           ${f.detail ? `${f.reason} (${f.detail})` : f.reason}  ${c.dim(`[${f.control}]`)}`,
          ),
        ].join('\n');
      })
      .join('\n');
    text += `\n\n${results.length - failing} of ${results.length} pod-bearing objects allowed at ${level}:${formatVersion(versions[0]!)}`;
  } else {
    const [from, to] = versions as [Version, Version];
    const results = objects
      .map((o) => ({ ...located(o), level, from: verdict(o, from), to: verdict(o, to) }))
      .filter((r) => JSON.stringify(r.from.forbidden) !== JSON.stringify(r.to.forbidden));
    failing = results.filter((r) => !r.to.allowed).length;
    body = { schemaVersion: 1, level, from: formatVersion(from), to: formatVersion(to), results, errors };
    text = results
      .map((r) => {
        const before = new Set(r.from.forbidden.map((f) => f.control));
        const after = new Set(r.to.forbidden.map((f) => f.control));
        const added = r.to.forbidden.filter((f) => !before.has(f.control));
        const removed = r.from.forbidden.filter((f) => !after.has(f.control));
        return [
          `${r.to.allowed ? c.green('now allowed') : c.red('now forbidden')} ${describeObject(r.object)}  ${c.dim(`${r.location.file}:${r.location.line}`)}`,
          ...added.map((f) => `   + ${f.detail ? `${f.reason} (${f.detail})` : f.reason}`),
          ...removed.map((f) => `   - ${f.reason}`),
        ].join('\n');
      })
      .join('\n');
    text += `\n\n${results.length} of ${objects.length} pod-bearing objects change verdict from ${level}:${formatVersion(from)} to ${level}:${formatVersion(to)}`;
  }
  for (const e of errors) text += `\n${c.red('error')} ${e.source}${e.line ? `:${e.line}` : ''}  ${e.message}`;
  await emit(flags.output === 'json' ? JSON.stringify(body, null, 2) + '\n' : text.trimStart() + '\n', flags.outputFile);

  if (errors.length > 0) return EXIT.error;
  if (objects.length === 0 && !flags.allowEmpty) {
    process.stderr.write('palisade pss: no pod-bearing object found in the inputs (use --allow-empty if that is expected)\n');
    return EXIT.error;
  }
  return failing > 0 ? EXIT.findings : EXIT.ok;
}

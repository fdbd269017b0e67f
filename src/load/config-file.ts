/** Finds and reads `.palisade.yaml`, exceptions files and baselines; errors name file and line. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EMPTY_CONFIG, parseConfig, parseExceptions, type ConfigIssue, type PalisadeConfig } from '../core/config.js';
import { formatPath } from '../core/path.js';
import type { AnyRule } from '../core/rule.js';
import type { Exception } from '../core/suppress.js';
import { decodeText } from './files.js';
import { parseYaml, type RawDocument } from './yaml.js';

export const CONFIG_NAMES = ['.palisade.yaml', '.palisade.yml'];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** `.palisade.yaml` in `dir` or the nearest parent, or undefined. */
export function findConfig(dir: string): string | undefined {
  let cur = path.resolve(dir);
  for (;;) {
    for (const n of CONFIG_NAMES) {
      const p = path.join(cur, n);
      if (existsSync(p)) return p;
    }
    const parent = path.dirname(cur);
    if (parent === cur) return undefined;
    cur = parent;
  }
}

/** One YAML document from a config-like file; every problem is a ConfigError with file:line. */
export async function readYamlDocument(file: string): Promise<RawDocument | undefined> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch (e) {
    throw new ConfigError([`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`]);
  }
  const { text, error } = decodeText(buf);
  if (error || text === undefined) throw new ConfigError([`${file}: ${error}`]);
  let doc: RawDocument | undefined;
  for (const ev of parseYaml(text)) {
    if (ev.kind === 'error') throw new ConfigError([`${file}:${ev.error.line}: ${ev.error.message}`]);
    if (ev.doc.problems.length > 0) throw new ConfigError(ev.doc.problems.map((p) => `${file}:${p.line}: ${p.message}`));
    if (doc) throw new ConfigError([`${file}:${ev.doc.line}: expected one YAML document`]);
    doc = ev.doc;
  }
  return doc;
}

/** Config issues as `file:line: message (path)`. */
export function describeIssues(file: string, doc: RawDocument, issues: ConfigIssue[]): string[] {
  const positions = doc.locate(issues.map((i) => i.path));
  return issues.map((i, n) => {
    const where = i.path.length ? ` (${formatPath(i.path)})` : '';
    return `${file}:${positions[n]?.line ?? doc.line}: ${i.message}${where}`;
  });
}

export async function loadConfigFile(file: string, rules: readonly AnyRule[]): Promise<PalisadeConfig> {
  const doc = await readYamlDocument(file);
  if (!doc) return { ...EMPTY_CONFIG };
  const { config, issues } = parseConfig(doc.value, rules, file);
  if (issues.length > 0) throw new ConfigError(describeIssues(file, doc, issues));
  // Relative paths in the config are relative to the config file.
  const base = path.dirname(file);
  if (config.exceptionsFile) config.exceptionsFile = path.resolve(base, config.exceptionsFile);
  if (config.baseline) config.baseline = path.resolve(base, config.baseline);
  return config;
}

/** An exceptions file: `exceptions: [...]` (or a bare list). */
export async function loadExceptionsFile(file: string, rules: readonly AnyRule[]): Promise<Exception[]> {
  const doc = await readYamlDocument(file);
  if (!doc) return [];
  const raw = doc.value;
  const issues: ConfigIssue[] = [];
  const known = new Map(rules.map((r) => [r.meta.id, r]));
  let list: unknown = raw;
  let at: (string | number)[] = [];
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const keys = Object.keys(raw);
    const extra = keys.filter((k) => k !== 'exceptions');
    if (extra.length)
      issues.push({ path: [extra[0]!], message: `unknown key "${extra[0]}" (an exceptions file holds "exceptions:")` });
    list = (raw as Record<string, unknown>).exceptions;
    at = ['exceptions'];
  }
  const out = parseExceptions(list ?? [], known, at, file, issues);
  if (issues.length > 0) throw new ConfigError(describeIssues(file, doc, issues));
  return out;
}

export interface BaselineFile {
  schemaVersion: 1;
  tool: { name: string; version: string };
  findings: { fingerprint: string; ruleId: string; object: string; path: string }[];
}

export async function loadBaseline(file: string): Promise<Set<string>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new ConfigError([`${file}: not a readable baseline (${e instanceof Error ? e.message : String(e)})`]);
  }
  const b = raw as Partial<BaselineFile>;
  if (b?.schemaVersion !== 1 || !Array.isArray(b.findings) || !b.findings.every((f) => typeof f?.fingerprint === 'string'))
    throw new ConfigError([`${file}: not a Palisade baseline (expected schemaVersion 1 and findings[].fingerprint)`]);
  return new Set(b.findings.map((f) => f.fingerprint));
}

/**
 * Sources -> documents -> objects: files, folders (recursive), and `-` for stdin. Every problem
 * becomes data (an error with file and line) and the rest of the input is still read.
 */
import { readFileSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { KubeObject } from '../core/objects.js';
import { objectsFromDocument, type InputNote } from './objects.js';
import { parseYaml, type ParseEvent } from './yaml.js';
import { parseJson } from './json.js';

export const DEFAULT_MAX_FILE_SIZE = 50 * 1024 * 1024;
const MANIFEST_EXT = /\.(ya?ml|json)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git']);

export interface InputError {
  source: string;
  line?: number;
  column?: number;
  message: string;
}

export interface InputRecord {
  source: string;
  objects: number;
  errors: InputError[];
  /** Documents that are not Kubernetes objects (values.yaml, Chart.yaml, kustomization.yaml...). */
  skipped: InputNote[];
}

export interface LoadOptions {
  maxFileSize?: number;
  /** Reads standard input (tests pass their own). */
  stdin?: () => Promise<Buffer>;
  /** Called before each file is read (for progress on long scans). */
  onFile?: (done: number, total: number, file: string) => void;
}

/** Expands paths into the files to read, in a stable order; missing paths are errors. */
export async function expandPaths(paths: readonly string[]): Promise<{ files: string[]; errors: InputError[] }> {
  const files: string[] = [];
  const errors: InputError[] = [];
  for (const p of paths) {
    if (p === '-') {
      files.push('-');
      continue;
    }
    let st;
    try {
      st = await stat(p);
    } catch (e) {
      errors.push({ source: p, message: describeFsError(e) });
      continue;
    }
    if (st.isDirectory()) {
      const found: string[] = [];
      await walk(p, found, errors);
      if (found.length === 0) errors.push({ source: p, message: 'no .yaml, .yml or .json files in this folder' });
      files.push(...found.sort());
    } else files.push(p);
  }
  return { files, errors };
}

async function walk(dir: string, out: string[], errors: InputError[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    errors.push({ source: dir, message: describeFsError(e) });
    return;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) await walk(full, out, errors);
    } else if ((e.isFile() || e.isSymbolicLink()) && MANIFEST_EXT.test(e.name)) {
      // Symlinked files are read; symlinked folders are not followed (no cycles).
      if (e.isSymbolicLink()) {
        const st = await stat(full).catch(() => undefined);
        if (!st?.isFile()) continue;
      }
      out.push(full);
    }
  }
}

function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return e instanceof Error ? e.message : String(e);
}

async function readSource(file: string, opts: LoadOptions): Promise<{ text?: string; error?: string }> {
  const limit = opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  let buf: Buffer;
  if (file === '-') {
    buf = await (opts.stdin ?? readStdin)();
    if (buf.length > limit) return { error: `input is larger than the ${formatBytes(limit)} limit (--max-file-size)` };
  } else {
    // Synchronous reads: a scan reads thousands of small files one after another, and awaiting
    // each one through the thread pool left the CPU idle for a third of the scan.
    try {
      const st = statSync(file);
      if (st.isDirectory()) return { error: 'is a folder' };
      if (st.size > limit)
        return { error: `file is ${formatBytes(st.size)}, over the ${formatBytes(limit)} limit (--max-file-size)` };
      buf = readFileSync(file);
      if (buf.length > limit) return { error: `file is over the ${formatBytes(limit)} limit (--max-file-size)` };
    } catch (e) {
      return { error: describeFsError(e) };
    }
  }
  return decodeText(buf);
}

/** UTF-8 text, or an error for binary content (NUL bytes or invalid UTF-8). */
export function decodeText(buf: Buffer): { text?: string; error?: string } {
  if (buf.subarray(0, 8192).includes(0)) return { error: 'binary content (NUL bytes): not a YAML or JSON file' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf) };
  } catch {
    return { error: 'not valid UTF-8 text: not a YAML or JSON file' };
  }
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / 1024 / 1024).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

/** Parses one text (YAML or JSON) into objects; `display` names it in findings and errors. */
export function loadText(text: string, display: string, onObject: (o: KubeObject) => void): InputRecord {
  const record: InputRecord = { source: display, objects: 0, errors: [], skipped: [] };
  const events: Iterable<ParseEvent> = looksLikeJson(display, text) ? (parseJson(text) ?? parseYaml(text)) : parseYaml(text);
  for (const ev of events) {
    if (ev.kind === 'error') {
      const hint = TEMPLATE_SYNTAX.test(text)
        ? ' (this looks like an unrendered Helm template: scan `helm template` output instead)'
        : '';
      record.errors.push({ source: display, line: ev.error.line, column: ev.error.column, message: ev.error.message + hint });
      continue;
    }
    for (const p of ev.doc.problems) record.errors.push({ source: display, line: p.line, column: p.column, message: p.message });
    const { objects, skipped } = objectsFromDocument(display, ev.doc);
    record.skipped.push(...skipped);
    for (const o of objects) {
      record.objects++;
      onObject(o);
    }
  }
  return record;
}

const TEMPLATE_SYNTAX = /\{\{-?\s*[.$a-zA-Z(/]/;

function looksLikeJson(file: string, text: string): boolean {
  if (/\.json$/i.test(file)) return true;
  const first = /\S/.exec(text)?.[0];
  return first === '{';
}

/** Reads every source, calling `onObject` as each object is parsed. */
export async function loadSources(
  paths: readonly string[],
  onObject: (o: KubeObject) => void,
  opts: LoadOptions = {},
): Promise<InputRecord[]> {
  const { files, errors } = await expandPaths(paths);
  const records: InputRecord[] = errors.map((e) => ({ source: e.source, objects: 0, errors: [e], skipped: [] }));
  for (const [i, file] of files.entries()) {
    opts.onFile?.(i, files.length, file);
    const display = file === '-' ? '<stdin>' : file;
    const { text, error } = await readSource(file, opts);
    if (error !== undefined || text === undefined) {
      records.push({ source: display, objects: 0, errors: [{ source: display, message: error ?? 'unreadable' }], skipped: [] });
      continue;
    }
    records.push(loadText(text, display, onObject));
  }
  return records;
}

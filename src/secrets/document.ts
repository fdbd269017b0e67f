/**
 * The YAML side of encrypted Secrets: finding Secrets and their values in a file, and editing
 * the file by splicing text at parsed node ranges.
 *
 * Files are read with eemeli's `yaml` in YAML 1.1 mode with the Kubernetes scalar resolver (the
 * same reading as src/load/yaml.ts), because we need node ranges to edit. Edits are splices of
 * the original text at those ranges, not a re-serialisation of the document: everything outside
 * the changed values and the annotation (comments, key order, quoting, indentation, other
 * documents) stays byte for byte. Non-Secret documents are never touched.
 */
import { isMap, isPair, isScalar, parseAllDocuments, Scalar, type Document, type Node as YamlNode, type YAMLMap } from 'yaml';
import { KUBERNETES_YAML_OPTIONS } from '../load/yaml.js';
import { resolvePlainScalar } from '../load/k8s-scalars.js';
import { ANNOTATION, SecretsError, type ObjectContext, type Section } from './format.js';

export interface ValueSite {
  section: Section;
  key: string;
  path: string;
  node: Scalar;
  value: string;
  /** Inside `{...}` (or JSON): values must be double-quoted there. */
  flow: boolean;
  keyNode: Scalar;
}

export interface SecretDoc {
  /** `file:line: Secret ns/name`: the prefix of every message about it. */
  where: string;
  line: number;
  ctx: ObjectContext;
  values: ValueSite[];
  metadata: YAMLMap;
  /** The `metadata.annotations` map, if there is one. */
  annotations?: YAMLMap;
  annotationsKey?: Scalar;
  /** Our annotation's key and value nodes. */
  metaKey?: Scalar;
  metaNode?: Scalar;
  /** `annotations:` with no value: valid, but we would have to replace it to add ours. */
  emptyAnnotations?: boolean;
}

export interface Edit {
  start: number;
  end: number;
  text: string;
}

export function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

const lineStart = (text: string, offset: number): number => text.lastIndexOf('\n', offset - 1) + 1;

function lineEnd(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i === -1 ? text.length : i + 1;
}

function mapGet(map: YAMLMap, key: string): { key: Scalar; value: unknown } | undefined {
  for (const p of map.items) {
    if (isPair(p) && isScalar(p.key) && p.key.value === key) return { key: p.key, value: p.value };
  }
  return undefined;
}

function str(map: YAMLMap, key: string): string | undefined {
  const v = mapGet(map, key)?.value;
  return isScalar(v) && typeof v.value === 'string' ? v.value : undefined;
}

/** Finds the Secrets of a file. Throws on YAML errors: we never rewrite a file we misread. */
export function scanSecrets(text: string, file: string): SecretDoc[] {
  const out: SecretDoc[] = [];
  const docs = parseAllDocuments(text, KUBERNETES_YAML_OPTIONS);
  if (!Array.isArray(docs)) return out; // an empty stream
  for (const doc of docs as Document.Parsed[]) {
    const err = doc.errors[0];
    if (err) throw new SecretsError(`${file}:${lineOf(text, err.pos[0])}: YAML: ${err.message.split('\n')[0]}`);
    const root = doc.contents;
    if (!isMap(root)) continue;
    const kind = str(root, 'kind');
    const apiVersion = str(root, 'apiVersion');
    const line = lineOf(text, root.range?.[0] ?? 0);
    if (kind === 'List' || (kind?.endsWith('List') && /Secret/.test(text.slice(root.range[0], root.range[2]))))
      throw new SecretsError(`${file}:${line}: kind ${kind} is not supported yet: put each Secret in its own document`);
    if (kind !== 'Secret' || apiVersion !== 'v1') continue;
    const mdNode = mapGet(root, 'metadata')?.value;
    if (!isMap(mdNode)) throw new SecretsError(`${file}:${line}: Secret without a metadata map`);
    const name = str(mdNode, 'name');
    if (!name) throw new SecretsError(`${file}:${line}: Secret without metadata.name (the name is part of each value's AAD)`);
    const ctx: ObjectContext = { apiVersion, kind, namespace: str(mdNode, 'namespace') ?? '', name };
    const where = `${file}:${line}: Secret ${ctx.namespace ? `${ctx.namespace}/` : ''}${name}`;
    const d: SecretDoc = { where, line, ctx, values: [], metadata: mdNode };
    const ann = mapGet(mdNode, 'annotations');
    const emptyAnnotations = ann && (ann.value === null || (isScalar(ann.value) && ann.value.value === null));
    if (emptyAnnotations) d.emptyAnnotations = true;
    else if (ann) {
      if (!isMap(ann.value)) throw new SecretsError(`${where}: metadata.annotations is not a map`);
      d.annotations = ann.value;
      d.annotationsKey = ann.key;
      const m = mapGet(ann.value, ANNOTATION);
      if (m) {
        if (!isScalar(m.value) || typeof m.value.value !== 'string')
          throw new SecretsError(`${where}: annotation ${ANNOTATION} is not a string`);
        d.metaKey = m.key;
        d.metaNode = m.value;
      }
    }
    // File order, which the MAC covers.
    d.values.push(...valueSites(root, where, 'encrypted'));
    out.push(d);
  }
  return out;
}

/** A Secret's `data`/`stringData` values in document order (the order the MAC covers). Only
 *  plain string scalars can be `verb`: aliases, anchors and merges share one node between paths,
 *  and editing it would change values elsewhere, so they are refused rather than guessed at. */
export function valueSites(root: YAMLMap, where: string, verb: 'encrypted' | 'decrypted'): ValueSite[] {
  const sites: ValueSite[] = [];
  for (const p of root.items) {
    if (!isPair(p) || !isScalar(p.key) || (p.key.value !== 'data' && p.key.value !== 'stringData')) continue;
    const section: Section = p.key.value;
    if (p.value === null || (isScalar(p.value) && p.value.value === null)) continue;
    if (!isMap(p.value)) throw new SecretsError(`${where}: ${section} is not a map`);
    for (const vp of p.value.items) {
      const key = isScalar(vp.key) ? vp.key.value : undefined;
      if (typeof key !== 'string' || !isScalar(vp.key)) throw new SecretsError(`${where}: ${section} has a non-string key`);
      const path = `${section}.${key}`;
      const node = vp.value as YamlNode | null;
      if (!isScalar(node) || node.anchor || key === '<<')
        throw new SecretsError(`${where}: ${path}: only plain string values can be ${verb} (no aliases, anchors or maps)`, path);
      if (typeof node.value !== 'string')
        throw new SecretsError(
          `${where}: ${path}: not a string (Kubernetes reads it as ${JSON.stringify(node.value)})${verb === 'encrypted' ? '; quote it' : ''}`,
          path,
        );
      sites.push({ section, key, path, node, value: node.value, flow: p.value.flow ?? false, keyNode: vp.key });
    }
  }
  return sites;
}

export function applyEdits(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** Replaces a scalar's text, keeping the line breaks a block scalar (`|`) owns at its end. */
export function replaceScalar(text: string, node: Scalar, replacement: string): Edit {
  const [start, end] = node.range!;
  const slice = text.slice(start, end);
  const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
  const suffix = block ? (/\n\s*$/.exec(slice)?.[0] ?? '') : '';
  return { start, end, text: replacement + suffix };
}

/** YAML 1.1 also breaks lines at NEL, LS and PS, and forbids C1 controls unescaped. */
function doubleQuoted(s: string): string {
  return JSON.stringify(s).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Characters a literal block cannot hold as they are (all controls but tab and newline). */
function hasUnprintable(s: string): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if ((c < 0x20 && c !== 9 && c !== 10) || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || c === 0xfeff)
      return true;
  }
  return false;
}

const singleQuoted = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/** Plaintext back into YAML: plain when that reads back as the same string, a literal block for
 *  multi-line text, double-quoted otherwise. */
export function renderPlain(text: string, site: ValueSite, value: string): string {
  if (site.flow) return doubleQuoted(value);
  if (/^[A-Za-z0-9_/+.][A-Za-z0-9_/+.=@ -]*$/.test(value) && !value.endsWith(' ') && resolvePlainScalar(value) === value)
    return value;
  const [, end] = site.node.range!;
  const restOfLine = text.slice(end, lineEnd(text, end)).trim();
  const lines = value.split('\n');
  const trailing = value.endsWith('\n') ? 1 : 0;
  if (lines.length > 1 && restOfLine === '' && !hasUnprintable(value) && !value.endsWith('\n\n') && /^[^ \t\n]/.test(value)) {
    const keyStart = site.keyNode.range![0];
    const indent = ' '.repeat(keyStart - lineStart(text, keyStart) + 2);
    const body = trailing ? lines.slice(0, -1) : lines;
    return `${trailing ? '|' : '|-'}\n${body.map((l) => (l === '' ? '' : indent + l)).join('\n')}`;
  }
  return doubleQuoted(value);
}

export const renderEnc = (site: ValueSite, enc: string): string => (site.flow ? `"${enc}"` : enc);

/** Writes (or replaces) the annotation, inserting `annotations:` when the Secret has none. */
export function annotationEdit(text: string, d: SecretDoc, metaJson: string): Edit {
  if (d.metaNode) {
    const flow = d.annotations?.flow ?? false;
    return replaceScalar(text, d.metaNode, flow ? doubleQuoted(metaJson) : singleQuoted(metaJson));
  }
  const insertIntoBlock = (map: YAMLMap, line: (indent: string) => string): Edit => {
    const first = map.items[0]?.key as Scalar | undefined;
    const at = first?.range?.[0];
    if (at === undefined) throw new SecretsError(`${d.where}: cannot place the ${ANNOTATION} annotation`);
    const ls = lineStart(text, at);
    if (text.slice(ls, at).trim() !== '')
      throw new SecretsError(`${d.where}: cannot place the ${ANNOTATION} annotation (metadata layout not supported)`);
    return { start: ls, end: ls, text: line(' '.repeat(at - ls)) };
  };
  const afterBrace = (map: YAMLMap, entry: string): Edit => {
    const at = map.range![0] + 1;
    return { start: at, end: at, text: map.items.length ? `${entry}, ` : entry };
  };
  if (d.emptyAnnotations)
    throw new SecretsError('metadata.annotations is empty: remove that line or give it a value, then encrypt again');
  if (d.annotations) {
    return d.annotations.flow
      ? afterBrace(d.annotations, `"${ANNOTATION}": ${doubleQuoted(metaJson)}`)
      : insertIntoBlock(d.annotations, (i) => `${i}${ANNOTATION}: ${singleQuoted(metaJson)}\n`);
  }
  return d.metadata.flow
    ? afterBrace(d.metadata, `"annotations": {"${ANNOTATION}": ${doubleQuoted(metaJson)}}`)
    : insertIntoBlock(d.metadata, (i) => `${i}annotations:\n${i}  ${ANNOTATION}: ${singleQuoted(metaJson)}\n`);
}

/** Removes the annotation (and `annotations:` if nothing else is left in it). */
export function annotationRemoval(text: string, d: SecretDoc): Edit | undefined {
  const { annotations, metaKey, metaNode, annotationsKey } = d;
  if (!annotations || !metaKey || !metaNode || !annotationsKey) return undefined;
  const valueEnd = metaNode.range![1];
  // Nothing else in `annotations`: remove the whole entry, as encrypt inserted it.
  const whole = annotations.items.length === 1;
  if (whole && d.metadata.flow) return removeFlowPair(text, annotationsKey.range![0], annotations.range![1]);
  if (annotations.flow && !whole) return removeFlowPair(text, metaKey.range![0], valueEnd);
  if (whole) return { start: lineStart(text, annotationsKey.range![0]), end: lineEnd(text, annotations.range![1] - 1), text: '' };
  return { start: lineStart(text, metaKey.range![0]), end: lineEnd(text, valueEnd - 1), text: '' };
}

/** Removes `key: value` from a flow map with one of the commas around it. */
function removeFlowPair(text: string, start: number, end: number): Edit {
  const after = /^\s*,\s*/.exec(text.slice(end))?.[0];
  if (after) return { start, end: end + after.length, text: '' };
  const before = /,\s*$/.exec(text.slice(0, start))?.[0] ?? '';
  return { start: start - before.length, end, text: '' };
}

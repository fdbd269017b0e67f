/**
 * Encrypting and decrypting Secret manifests in place.
 *
 * Files are read with eemeli's `yaml` in YAML 1.1 mode with the Kubernetes scalar resolver (the
 * same reading as src/load/yaml.ts), because we need node ranges to edit. Edits are splices of
 * the original text at those ranges, not a re-serialisation of the document: everything outside
 * the changed values and the annotation (comments, key order, quoting, indentation, other
 * documents) stays byte for byte. Non-Secret documents are never touched.
 */
import {
  isMap,
  isPair,
  isScalar,
  parseAllDocuments,
  Scalar,
  type Document,
  type DocumentOptions,
  type Node as YamlNode,
  type ParseOptions,
  type ScalarTag,
  type SchemaOptions,
  type YAMLMap,
} from 'yaml';
import { resolvePlainScalar } from '../load/k8s-scalars.js';
import { computeMac, decryptValue, deriveKeys, encryptValue, newDataKey, verifyMac, type DataKeys } from './envelope.js';
import {
  ALGORITHM,
  ANNOTATION,
  FORMAT_VERSION,
  SecretsError,
  describeContext,
  formatEnc,
  formatMeta,
  looksEncrypted,
  parseEnc,
  parseMeta,
  sameContext,
  valueAad,
  type EncryptionMeta,
  type MacEntry,
  type ObjectContext,
  type Section,
} from './format.js';
import type { KeyProvider } from './providers/types.js';

/** The Kubernetes reading of plain scalars (YAML 1.1: `on` is true, `0644` is octal). */
const k8sPlain: ScalarTag = {
  tag: 'tag:palisade.dev,2024:k8s-plain',
  default: true,
  test: /^(?!<<$)/,
  resolve: (s) => resolvePlainScalar(s),
};
const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  schema: 'failsafe',
  customTags: [k8sPlain],
  merge: true,
  uniqueKeys: true,
  prettyErrors: false,
  strict: false,
};

interface ValueSite {
  section: Section;
  key: string;
  path: string;
  node: Scalar;
  value: string;
  /** Inside `{...}` (or JSON): values must be double-quoted there. */
  flow: boolean;
  keyNode: Scalar;
}

interface SecretDoc {
  /** `file:line: Secret ns/name`: the prefix of every message about it. */
  where: string;
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

interface Edit {
  start: number;
  end: number;
  text: string;
}

const fail = (where: string, e: unknown): never => {
  if (e instanceof SecretsError) throw new SecretsError(`${where}: ${e.message}`, e.valuePath);
  throw e;
};

function lineOf(text: string, offset: number): number {
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
function scan(text: string, file: string): SecretDoc[] {
  const out: SecretDoc[] = [];
  const docs = parseAllDocuments(text, YAML_OPTIONS);
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
    const d: SecretDoc = { where, ctx, values: [], metadata: mdNode };
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
        // Aliases, anchors and merges share one node between paths: editing it would change
        // values elsewhere, so they are refused rather than guessed at.
        if (!isScalar(node) || node.anchor || key === '<<')
          throw new SecretsError(
            `${where}: ${path}: only plain string values can be encrypted (no aliases, anchors or maps)`,
            path,
          );
        if (typeof node.value !== 'string')
          throw new SecretsError(
            `${where}: ${path}: not a string (Kubernetes reads it as ${JSON.stringify(node.value)}); quote it`,
            path,
          );
        d.values.push({ section, key, path, node, value: node.value, flow: p.value.flow ?? false, keyNode: vp.key });
      }
    }
    out.push(d);
  }
  return out;
}

function applyEdits(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** Replaces a scalar's text, keeping the line breaks a block scalar (`|`) owns at its end. */
function replaceScalar(text: string, node: Scalar, replacement: string): Edit {
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
function renderPlain(text: string, site: ValueSite, value: string): string {
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

const renderEnc = (site: ValueSite, enc: string): string => (site.flow ? `"${enc}"` : enc);

/** Writes (or replaces) the annotation, inserting `annotations:` when the Secret has none. */
function annotationEdit(text: string, d: SecretDoc, metaJson: string): Edit {
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
function annotationRemoval(text: string, d: SecretDoc): Edit | undefined {
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

async function unwrapDek(meta: EncryptionMeta, providers: readonly KeyProvider[]): Promise<Buffer> {
  const matching = meta.recipients.filter((r) => providers.some((p) => p.id === r.provider && p.keyId === r.kid));
  if (matching.length === 0) {
    const wanted = meta.recipients.map((r) => `${r.provider}:${r.kid}`).join(', ');
    const given = providers.map((p) => p.describe()).join(', ') || 'none';
    throw new SecretsError(`no given key can decrypt it: encrypted for ${wanted}; --key given: ${given}`);
  }
  let first: unknown;
  for (const r of matching) {
    const p = providers.find((x) => x.id === r.provider && x.keyId === r.kid)!;
    try {
      return await p.unwrap(r.wrapped);
    } catch (e) {
      first ??= e;
    }
  }
  throw first;
}

function checkContext(d: SecretDoc, meta: EncryptionMeta): void {
  if (!sameContext(meta.ctx, d.ctx))
    throw new SecretsError(
      `encrypted as ${describeContext(meta.ctx)} but is now ${describeContext(d.ctx)}: values are bound to the Secret they were encrypted for (renamed or moved?); decrypt with the old identity and encrypt again`,
    );
}

export interface EncryptOptions {
  /** Recipients for Secrets encrypted for the first time, and credentials for the rest. */
  providers: readonly KeyProvider[];
  /** The file as it was before an edit: ciphertexts of unchanged values are reused from it. */
  previous?: string;
  now?: Date;
}

export interface FileResult {
  text: string;
  /** Per Secret, what happened: for the CLI's summary. */
  notes: string[];
  changed: boolean;
}

/** Encrypts every plaintext value of every Secret in a file. Already encrypted values are
 *  verified and kept as they are; values equal to their previous plaintext keep their
 *  previous ciphertext. Throws SecretsError; never returns a partial result. */
export async function encryptText(text: string, file: string, opts: EncryptOptions): Promise<FileResult> {
  const docs = scan(text, file);
  const previous = opts.previous === undefined ? undefined : previousCiphertexts(opts.previous, file);
  const edits: Edit[] = [];
  const notes: string[] = [];
  for (const d of docs) {
    try {
      const note = await encryptDoc(text, d, opts, previous, edits);
      notes.push(`${d.where}: ${note}`);
    } catch (e) {
      fail(d.where, e);
    }
  }
  return { text: applyEdits(text, edits), notes, changed: edits.length > 0 };
}

async function encryptDoc(
  text: string,
  d: SecretDoc,
  opts: EncryptOptions,
  previous: Map<string, string> | undefined,
  edits: Edit[],
): Promise<string> {
  if (d.values.length === 0) return 'no values, left as is';
  let dek: Buffer;
  let meta: Omit<EncryptionMeta, 'mac'>;
  if (d.metaNode) {
    const old = parseMeta(d.metaNode.value);
    checkContext(d, old);
    dek = await unwrapDek(old, opts.providers);
    meta = { ...old };
  } else {
    if (d.values.some((s) => looksEncrypted(s.value)))
      throw new SecretsError(`has ENC values but no ${ANNOTATION} annotation (was it removed?)`);
    if (opts.providers.length === 0) throw new SecretsError('no --key given to encrypt with');
    dek = newDataKey();
    meta = {
      v: FORMAT_VERSION,
      alg: ALGORITHM,
      created: (opts.now ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z'),
      ctx: d.ctx,
      recipients: await Promise.all(
        opts.providers.map(async (p) => ({ provider: p.id, kid: p.keyId, wrapped: await p.wrap(dek) })),
      ),
    };
  }
  const keys = deriveKeys(dek);
  const entries: MacEntry[] = [];
  const mine: Edit[] = [];
  let fresh = 0;
  let reused = 0;
  for (const s of d.values) {
    const aad = valueAad(d.ctx, s.section, s.key);
    if (looksEncrypted(s.value)) {
      // Verified, not trusted: re-encrypting must not launder a tampered value into a new MAC.
      decryptValue(keys, parseEnc(s.value, s.path), aad, s.path);
      entries.push({ section: s.section, key: s.key, enc: s.value });
      continue;
    }
    const prior = previous?.get(`${describeContext(d.ctx)}\u0000${s.path}`);
    let enc: string | undefined;
    if (prior !== undefined) {
      try {
        if (decryptValue(keys, parseEnc(prior, s.path), aad, s.path) === s.value) enc = prior;
      } catch {
        // Another data key or a damaged old value: encrypt afresh.
      }
    }
    if (enc) reused++;
    else {
      enc = formatEnc(encryptValue(keys, s.value, aad));
      fresh++;
    }
    entries.push({ section: s.section, key: s.key, enc });
    mine.push(replaceScalar(text, s.node, renderEnc(s, enc)));
  }
  if (mine.length === 0) {
    const full = { ...meta, mac: (meta as EncryptionMeta).mac };
    if (!verifyMac(keys, full, entries)) throw macError();
    return 'already encrypted, unchanged';
  }
  const mac = computeMac(keys, meta, entries);
  edits.push(...mine, annotationEdit(text, d, formatMeta({ ...meta, mac })));
  // Adding recipients re-wraps the DEK: that is `updatekeys`, not a side effect of encrypt.
  const extra = opts.providers.filter((p) => !meta.recipients.some((r) => r.provider === p.id && r.kid === p.keyId));
  const note = extra.length ? ` (not added as recipients: ${extra.map((p) => p.describe()).join(', ')})` : '';
  return `encrypted ${fresh} value(s)${reused ? `, kept ${reused} unchanged ciphertext(s)` : ''}${note}`;
}

const macError = () =>
  new SecretsError(`MAC mismatch: values were added, removed, reordered or swapped, or the ${ANNOTATION} annotation was edited`);

/** `ns/name` + path -> ENC text, from the file before an edit. */
function previousCiphertexts(text: string, file: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const d of scan(text, `${file} (previous)`))
    for (const s of d.values) if (looksEncrypted(s.value)) m.set(`${describeContext(d.ctx)}\u0000${s.path}`, s.value);
  return m;
}

export interface DecryptOptions {
  providers: readonly KeyProvider[];
  /** Keep the annotation (in-place decryption: a later `encrypt` reuses the data key). */
  keepAnnotation: boolean;
}

/** Decrypts every encrypted Secret of a file; other documents come back untouched. */
export async function decryptText(text: string, file: string, opts: DecryptOptions): Promise<FileResult> {
  const docs = scan(text, file);
  const edits: Edit[] = [];
  const notes: string[] = [];
  for (const d of docs) {
    try {
      notes.push(`${d.where}: ${await decryptDoc(text, d, opts, edits)}`);
    } catch (e) {
      fail(d.where, e);
    }
  }
  return { text: applyEdits(text, edits), notes, changed: edits.length > 0 };
}

async function decryptDoc(text: string, d: SecretDoc, opts: DecryptOptions, edits: Edit[]): Promise<string> {
  if (!d.metaNode) {
    if (d.values.some((s) => looksEncrypted(s.value)))
      throw new SecretsError(`has ENC values but no ${ANNOTATION} annotation (was it removed?)`);
    return 'not encrypted, left as is';
  }
  const meta = parseMeta(d.metaNode.value);
  checkContext(d, meta);
  const keys: DataKeys = deriveKeys(await unwrapDek(meta, opts.providers));
  const entries: MacEntry[] = [];
  const mine: Edit[] = [];
  for (const s of d.values) {
    if (!looksEncrypted(s.value))
      throw new SecretsError(`${s.path}: value is not encrypted (added after encryption? run palisade secrets encrypt)`, s.path);
    const plain = decryptValue(keys, parseEnc(s.value, s.path), valueAad(d.ctx, s.section, s.key), s.path);
    entries.push({ section: s.section, key: s.key, enc: s.value });
    mine.push(replaceScalar(text, s.node, renderPlain(text, s, plain)));
  }
  // After the values, so a single damaged value is reported by name rather than as a MAC error.
  if (!verifyMac(keys, meta, entries)) throw macError();
  edits.push(...mine);
  if (!opts.keepAnnotation) {
    const r = annotationRemoval(text, d);
    if (r) edits.push(r);
  }
  return `decrypted ${mine.length} value(s)`;
}

export type SecretState = 'encrypted' | 'partly-encrypted' | 'decrypted' | 'plaintext' | 'empty' | 'broken';

export interface SecretStatus {
  where: string;
  state: SecretState;
  values: number;
  plaintextValues: string[];
  created?: string;
  recipients?: string[];
  problem?: string;
}

/** What `status` reports; needs no key (nothing is decrypted or verified). */
export function statusText(text: string, file: string): SecretStatus[] {
  return scan(text, file).map((d) => {
    const plaintextValues = d.values.filter((s) => !looksEncrypted(s.value)).map((s) => s.path);
    const base = { where: d.where, values: d.values.length, plaintextValues };
    if (!d.metaNode) {
      if (d.values.length === 0) return { ...base, state: 'empty' };
      if (plaintextValues.length < d.values.length)
        return { ...base, state: 'broken', problem: `ENC values but no ${ANNOTATION} annotation` };
      return { ...base, state: 'plaintext' };
    }
    let meta: EncryptionMeta;
    try {
      meta = parseMeta(d.metaNode.value);
    } catch (e) {
      return { ...base, state: 'broken', problem: e instanceof Error ? e.message : String(e) };
    }
    const recipients = meta.recipients.map((r) => `${r.provider}:${r.kid}`);
    const state: SecretState =
      plaintextValues.length === 0 ? 'encrypted' : plaintextValues.length === d.values.length ? 'decrypted' : 'partly-encrypted';
    return { ...base, state, created: meta.created, recipients };
  });
}

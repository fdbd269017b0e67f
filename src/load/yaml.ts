/**
 * YAML and JSON documents as Kubernetes reads them, with positions.
 *
 * Two paths, one semantics. The fast path splits a file at document markers and parses each
 * document with js-yaml using our Kubernetes scalar resolver; documents it cannot take (anchors,
 * merge keys, tags, directives, anything it rejects) go to the faithful path, eemeli's `yaml` in
 * YAML 1.1 mode with the same resolver, which also reports errors with positions and bounds alias
 * expansion. Positions are resolved lazily with `yaml` only for documents that have findings.
 */
import jsyaml from 'js-yaml';
import {
  LineCounter,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  parseDocument,
  type Document,
  type Node as YamlNode,
  type DocumentOptions,
  type ParseOptions,
  type ScalarTag,
  type SchemaOptions,
} from 'yaml';
import type { Path } from '../core/path.js';
import type { Position } from '../core/position.js';
import { resolvePlainScalar } from './k8s-scalars.js';
import { locateFast } from './locate-fast.js';

/** One resolver for plain scalars, registered with both parsers. */
const goPlainTag: ScalarTag = {
  tag: 'tag:palisade.dev,2024:k8s-plain',
  default: true,
  // Everything but the merge key, which the merge tag resolves.
  test: /^(?!<<$)/,
  resolve: (s) => resolvePlainScalar(s),
};

let lastScalar = '';
let lastValue: unknown;
const jsyamlPlainType = new jsyaml.Type('tag:palisade.dev,2024:k8s-plain', {
  kind: 'scalar',
  resolve(data: string) {
    lastScalar = data;
    lastValue = resolvePlainScalar(data);
    return lastValue !== data;
  },
  construct(data: string) {
    return data === lastScalar ? lastValue : resolvePlainScalar(data);
  },
});
export const JSYAML_SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({ implicit: [jsyamlPlainType] });

/** Maximum alias nodes one document may expand (guards against "billion laughs"). */
export const MAX_ALIAS_COUNT = 100;

/** The `yaml` package reading YAML as Kubernetes does (also for editing files in place:
 *  src/secrets keeps comments and layout with it). */
export const KUBERNETES_YAML_OPTIONS: Readonly<ParseOptions & DocumentOptions & SchemaOptions> = {
  version: '1.1',
  schema: 'failsafe',
  customTags: [goPlainTag],
  merge: true,
  uniqueKeys: true,
  prettyErrors: false,
  strict: false,
};

export interface RawDocument {
  value: unknown;
  /** 0-based index of the document in its file. */
  index: number;
  /** 1-based line of the document's first line (its `---` marker, if any). */
  line: number;
  /** Helm's `# Source:` comment. */
  origin?: string;
  /** Non-fatal problems, e.g. duplicate keys (Kubernetes' strict decoding rejects them). */
  problems: DocumentProblem[];
  locate: (paths: readonly Path[]) => Position[];
}

export interface DocumentProblem {
  line: number;
  column?: number;
  message: string;
}

export interface DocumentError extends DocumentProblem {
  index: number;
}

export type ParseEvent = { kind: 'document'; doc: RawDocument } | { kind: 'error'; error: DocumentError };

const MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;
const MERGE_KEY = /<<\s*:/;
const ANCHOR = /(?:^|[\s[{,])&([^\s,[\]{}]+)/g;

/**
 * Whether a document needs the faithful parser before js-yaml is even tried: merge keys (js-yaml
 * would read `<<` as a plain key here) and aliases of anchors (the faithful parser bounds their
 * expansion). Tags need no check: our js-yaml schema rejects every tag it does not share with
 * Kubernetes, and a rejection falls back anyway. `&&` in a script is an anchor named "&" with no
 * alias, so shell snippets stay on the fast path.
 */
function needsFaithful(text: string): boolean {
  if (MERGE_KEY.test(text)) return true;
  if (!text.includes('&')) return false;
  ANCHOR.lastIndex = 0;
  for (let m = ANCHOR.exec(text); m; m = ANCHOR.exec(text)) if (text.includes(`*${m[1]}`)) return true;
  return false;
}
const HELM_SOURCE = /^# Source: (.+?)\s*$/m;

interface Chunk {
  text: string;
  line: number;
}

/** Splits at `---` (starts a document) and `...` (ends one) lines; no YAML content may contain
 *  those at column 0, so this split is exact. */
function* chunks(text: string): Generator<Chunk> {
  let start = 0;
  let line = 1;
  let lineAtScan = 1;
  let scanned = 0;
  const countLines = (to: number): number => {
    for (let i = scanned; i < to; i++) if (text.charCodeAt(i) === 10) lineAtScan++;
    scanned = to;
    return lineAtScan;
  };
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(text); m; m = MARKER.exec(text)) {
    if (m[0] === '---') {
      if (m.index > start) yield { text: text.slice(start, m.index), line };
      start = m.index;
      line = countLines(m.index);
    } else {
      const eol = text.indexOf('\n', m.index);
      const end = eol === -1 ? text.length : eol + 1;
      yield { text: text.slice(start, end), line };
      start = end;
      line = countLines(end);
    }
  }
  if (start < text.length) yield { text: text.slice(start), line };
}

/** True when a chunk holds only blank lines, comments and markers (an empty document).
 *  A line scan, not a regex: an alternation over comments backtracks exponentially on #####. */
function isBlankChunk(text: string): boolean {
  for (let from = 0; from < text.length;) {
    let to = text.indexOf('\n', from);
    if (to === -1) to = text.length;
    const line = text.slice(from, to).trim();
    from = to + 1;
    if (line === '' || line.startsWith('#')) continue;
    if (/^(?:---|\.\.\.)(?:\s+#.*)?$/.test(line)) continue;
    return false;
  }
  return true;
}

export interface ParseYamlOptions {
  /** Skip the fast path (tests compare both paths on the same input). */
  faithfulOnly?: boolean;
}

/** Parses a YAML (or JSON) text into documents, one at a time. Never throws. */
export function* parseYaml(text: string, opts: ParseYamlOptions = {}): Generator<ParseEvent> {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Directives attach to the following document; let the faithful parser see the whole file.
  if (/^%/m.test(text)) {
    yield* parseWholeFile(text);
    return;
  }
  let index = 0;
  for (const chunk of chunks(text)) {
    if (isBlankChunk(chunk.text)) {
      continue;
    }
    const origin = HELM_SOURCE.exec(chunk.text.slice(0, 400))?.[1];
    yield* parseChunk(chunk, index++, origin, opts.faithfulOnly ?? false);
  }
}

function parseChunk(chunk: Chunk, index: number, origin: string | undefined, faithfulOnly: boolean): ParseEvent[] {
  const locate = (paths: readonly Path[]) => locateInText(chunk.text, chunk.line, paths);
  if (!faithfulOnly && !needsFaithful(chunk.text)) {
    try {
      const value: unknown = jsyaml.load(chunk.text, { schema: JSYAML_SCHEMA });
      const locate = (paths: readonly Path[]) =>
        locateFast(chunk.text, chunk.line, JSYAML_SCHEMA, paths) ?? locateInText(chunk.text, chunk.line, paths);
      return [{ kind: 'document', doc: { value, index, line: chunk.line, origin, problems: [], locate } }];
    } catch {
      // js-yaml rejects some input that Kubernetes accepts: the faithful path decides.
    }
  }
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(chunk.text, { ...KUBERNETES_YAML_OPTIONS, lineCounter });
  } catch (e) {
    return [errorEvent(index, chunk.line, undefined, e)];
  }
  return [documentFromParsed(doc, lineCounter, chunk.line, index, origin, locate)];
}

function documentFromParsed(
  doc: Document.Parsed,
  lineCounter: LineCounter,
  firstLine: number,
  index: number,
  origin: string | undefined,
  locate: RawDocument['locate'],
): ParseEvent {
  const at = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: firstLine + p.line - 1, column: p.col };
  };
  const fatal = doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY');
  if (fatal.length > 0) {
    const e = fatal[0]!;
    const { line, column } = at(e.pos[0]);
    return { kind: 'error', error: { index, line, column, message: `YAML: ${firstSentence(e.message)}` } };
  }
  const problems: DocumentProblem[] = doc.errors.map((e) => ({
    ...at(e.pos[0]),
    message: `YAML: ${firstSentence(e.message)}`,
  }));
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    return errorEvent(index, firstLine, undefined, e);
  }
  return { kind: 'document', doc: { value, index, line: firstLine, origin, problems, locate } };
}

function* parseWholeFile(text: string): Generator<ParseEvent> {
  const lineCounter = new LineCounter();
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(text, { ...KUBERNETES_YAML_OPTIONS, lineCounter });
  } catch (e) {
    yield errorEvent(0, 1, undefined, e);
    return;
  }
  if (!Array.isArray(docs)) return; // an empty stream
  let index = 0;
  for (const d of docs) {
    const doc = d as Document.Parsed;
    if (doc.contents === null && doc.errors.length === 0) continue;
    const range = doc.range ?? [0, text.length, text.length];
    const line = lineCounter.linePos(range[0]).line;
    const docText = text.slice(range[0], range[2]);
    const origin = HELM_SOURCE.exec(docText.slice(0, 400))?.[1];
    const locate = (paths: readonly Path[]) => locateInDocument(doc, lineCounter, 1, paths);
    const ev = documentFromParsed(doc, lineCounter, 1, index++, origin, locate);
    if (ev.kind === 'document') ev.doc.line = line;
    yield ev;
  }
}

function errorEvent(index: number, line: number, column: number | undefined, e: unknown): ParseEvent {
  let message: string;
  if (e instanceof RangeError && /call stack/i.test(e.message)) message = 'document is nested too deeply';
  else if (e instanceof ReferenceError && /alias/i.test(e.message))
    message = `too many alias expansions (over ${MAX_ALIAS_COUNT}): possible YAML alias bomb`;
  else message = e instanceof Error ? e.message : String(e);
  return { kind: 'error', error: { index, line, column, message: `YAML: ${firstSentence(message)}` } };
}

function firstSentence(msg: string): string {
  return msg.split('\n')[0]!.trim();
}

/** Positions of paths in one document's text, parsed again with `yaml` for its node ranges. */
export function locateInText(text: string, firstLine: number, paths: readonly Path[]): Position[] {
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { ...KUBERNETES_YAML_OPTIONS, lineCounter, uniqueKeys: false });
  } catch {
    return paths.map(() => ({ line: firstLine, column: 1, exact: false }));
  }
  return locateInDocument(doc, lineCounter, firstLine, paths);
}

function locateInDocument(doc: Document.Parsed, lineCounter: LineCounter, firstLine: number, paths: readonly Path[]): Position[] {
  const pos = (offset: number, exact: boolean): Position => {
    const p = lineCounter.linePos(offset);
    return { line: firstLine + p.line - 1, column: p.col, exact };
  };
  return paths.map((path) => {
    let node = doc.contents as YamlNode | null;
    let offset = node?.range?.[0] ?? doc.range[0];
    for (let i = 0; i < path.length; i++) {
      const found = child(doc, node, path[i]!);
      if (!found) return pos(offset, false);
      node = found.value;
      offset = found.offset;
    }
    return pos(offset, true);
  });
}

/** The child node at one path step, with the offset a person looks at: the key for a map
 *  entry, the item for a sequence entry. Follows aliases and `<<` merges. */
function child(
  doc: Document.Parsed,
  node: YamlNode | null,
  seg: string | number,
): { value: YamlNode | null; offset: number } | undefined {
  if (node && isAlias(node)) node = (node.resolve(doc) as YamlNode | undefined) ?? null;
  if (!node) return undefined;
  if (isSeq(node) && typeof seg === 'number') {
    const item = node.items[seg] as YamlNode | undefined;
    if (item === undefined) return undefined;
    return { value: item, offset: item.range?.[0] ?? node.range?.[0] ?? 0 };
  }
  if (isMap(node)) {
    const key = String(seg);
    const merges: YamlNode[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = pair.key as YamlNode | null;
      const kv = isScalar(k) ? k.value : k;
      if (kv === '<<' || (isScalar(k) && k.source === '<<')) {
        if (pair.value) merges.push(pair.value as YamlNode);
        continue;
      }
      if (String(kv) === key) {
        const v = pair.value as YamlNode | null;
        return { value: v, offset: k?.range?.[0] ?? v?.range?.[0] ?? node.range?.[0] ?? 0 };
      }
    }
    for (const m of merges) {
      const sources = isSeq(m) ? (m.items as YamlNode[]) : [m];
      for (const s of sources) {
        const found = child(doc, s, seg);
        if (found) return found;
      }
    }
  }
  return undefined;
}

/**
 * Deploy-time decryption as a KRM function (KRM Functions Specification, ResourceList v1, as
 * kustomize and kpt run functions): a ResourceList comes in on stdin, the same ResourceList goes
 * out with every encrypted Secret among its `items` decrypted and its `palisade.dev/encryption`
 * annotation removed. Everything else stays byte for byte: other items, other fields of the
 * Secrets, the annotations orchestrators add (`config.k8s.io/id`, `kustomize.config.k8s.io/id`,
 * `internal.config.kubernetes.io/*`), comments, `functionConfig`. Edits are splices at parsed
 * node ranges, as for files (src/secrets/document.ts).
 *
 * All or nothing: if any Secret cannot be decrypted, the output is the input unchanged (no
 * plaintext at all) plus a `results` entry of severity `error` per problem, and `ok` is false
 * (the command exits non-zero). The items are echoed, not dropped, so that an orchestrator that
 * ignored the exit code would not prune every resource. A successful run adds no `results`
 * (kustomize prints results to its own output).
 *
 * Keys: the caller's providers (`--key`), plus the key specs listed in `spec.keys` of a
 * `palisade.dev/v1alpha1` `SecretDecryptor` functionConfig. Key specs hold no credentials
 * (PINs and cloud credentials come from the environment), so the functionConfig can be committed.
 */
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  type Document,
  type Node as YamlNode,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import { KUBERNETES_YAML_OPTIONS } from '../load/yaml.js';
import {
  annotationRemoval,
  applyEdits,
  lineOf,
  renderPlain,
  replaceScalar,
  valueSites,
  type Edit,
  type SecretDoc,
} from './document.js';
import { ANNOTATION, SecretsError, type ObjectContext } from './format.js';
import { decryptSecretValues } from './object.js';
import { providerFromSpec } from './providers/index.js';
import type { KeyProvider } from './providers/types.js';

export const RESOURCE_LIST_VERSIONS = ['config.kubernetes.io/v1', 'config.kubernetes.io/v1beta1'] as const;
export const FUNCTION_CONFIG_API_VERSION = 'palisade.dev/v1alpha1';
export const FUNCTION_CONFIG_KIND = 'SecretDecryptor';

/** One entry of `results`, as the KRM Functions Specification (v1) defines it. */
export interface KrmResult {
  message: string;
  severity: 'error' | 'warning' | 'info';
  resourceRef?: { apiVersion: string; kind: string; name: string; namespace?: string };
  field?: { path: string };
  file?: { path: string; index?: number };
}

export interface KrmOutput {
  /** The ResourceList to write to stdout (also on failure). */
  text: string;
  /** False when anything failed: exit non-zero. */
  ok: boolean;
  results: KrmResult[];
  /** Secrets decrypted (0 on failure). */
  decrypted: number;
}

export interface KrmOptions {
  /** Keys given on the command line. */
  providers?: readonly KeyProvider[];
  /** Loads a key spec of functionConfig `spec.keys` (default: the `--key` parser). */
  loadProvider?: (spec: string) => Promise<KeyProvider>;
}

const RENAME_HINT =
  'with kustomize, decrypt in a kustomization without namespace, namePrefix or nameSuffix (e.g. a base or component) and rename in an overlay';

function pairOf(map: YAMLMap, key: string): { key: Scalar; value: unknown } | undefined {
  for (const p of map.items) if (isPair(p) && isScalar(p.key) && p.key.value === key) return { key: p.key, value: p.value };
  return undefined;
}

function strOf(map: YAMLMap | undefined, key: string): string | undefined {
  const v = map && pairOf(map, key)?.value;
  return isScalar(v) && typeof v.value === 'string' ? v.value : undefined;
}

const mapOf = (map: YAMLMap | undefined, key: string): YAMLMap | undefined => {
  const v = map && pairOf(map, key)?.value;
  return isMap(v) ? v : undefined;
};

const isNull = (v: unknown): boolean => v === null || v === undefined || (isScalar(v) && v.value === null);

/** JSON that YAML 1.1 reads the same way (it also breaks lines at NEL, LS and PS). */
const yamlJson = (v: unknown): string =>
  JSON.stringify(v).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

const lineStart = (text: string, offset: number): number => text.lastIndexOf('\n', offset - 1) + 1;
const lineEnd = (text: string, offset: number): number => {
  const i = text.indexOf('\n', offset);
  return i === -1 ? text.length : i + 1;
};

/** A ResourceList we could not read: nothing to echo, only the error. */
function fatal(message: string): KrmOutput {
  const results: KrmResult[] = [{ message, severity: 'error' }];
  const text = `apiVersion: ${RESOURCE_LIST_VERSIONS[0]}\nkind: ResourceList\nitems: []\nresults: ${yamlJson(results)}\n`;
  return { text, ok: false, results, decrypted: 0 };
}

/** The input as it came, with `results` set (replacing any the input carried). */
function withResults(text: string, root: YAMLMap, results: KrmResult[]): string {
  const json = yamlJson(results);
  const existing = root.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'results');
  if (root.flow) {
    const value = existing?.value as YamlNode | null | undefined;
    if (value?.range) return applyEdits(text, [{ start: value.range[0], end: value.range[1], text: json }]);
    const close = root.range![1] - 1; // the closing brace
    return applyEdits(text, [{ start: close, end: close, text: `${root.items.length ? ', ' : ''}"results": ${json}` }]);
  }
  const edits: Edit[] = [];
  if (existing && isScalar(existing.key)) {
    const value = existing.value as YamlNode | null;
    const end = value?.range ? value.range[1] : existing.key.range![1];
    edits.push({ start: lineStart(text, existing.key.range![0]), end: lineEnd(text, end - 1), text: '' });
  }
  const at = lineEnd(text, root.range![1] - 1);
  const before = at > 0 && text[at - 1] !== '\n' ? '\n' : '';
  edits.push({ start: at, end: at, text: `${before}results: ${json}\n` });
  return applyEdits(text, edits);
}

interface Item {
  index: number;
  map: YAMLMap;
}

/** Where an item came from, per the orchestrator's annotations (for results). */
function fileOf(annotations: YAMLMap | undefined): KrmResult['file'] {
  const path = strOf(annotations, 'internal.config.kubernetes.io/path') ?? strOf(annotations, 'config.kubernetes.io/path');
  if (path === undefined) return undefined;
  const raw = strOf(annotations, 'internal.config.kubernetes.io/index') ?? strOf(annotations, 'config.kubernetes.io/index');
  const index = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : undefined;
  return index === undefined ? { path } : { path, index };
}

/** Reads `spec.keys` of our functionConfig; unknown fields are errors (fail closed). */
function functionConfigKeys(root: YAMLMap): string[] {
  const fc = pairOf(root, 'functionConfig')?.value;
  if (isNull(fc)) return [];
  if (!isMap(fc)) throw new SecretsError('functionConfig is not an object');
  const apiVersion = strOf(fc, 'apiVersion');
  const kind = strOf(fc, 'kind');
  if (apiVersion !== FUNCTION_CONFIG_API_VERSION || kind !== FUNCTION_CONFIG_KIND)
    throw new SecretsError(
      `functionConfig must be ${FUNCTION_CONFIG_API_VERSION} ${FUNCTION_CONFIG_KIND} (got ${apiVersion ?? '?'} ${kind ?? '?'})`,
    );
  const spec = pairOf(fc, 'spec')?.value;
  if (isNull(spec)) return [];
  if (!isMap(spec)) throw new SecretsError(`functionConfig ${FUNCTION_CONFIG_KIND}: spec is not an object`);
  const keys: string[] = [];
  for (const p of spec.items) {
    const name = isPair(p) && isScalar(p.key) ? String(p.key.value) : '?';
    if (name !== 'keys')
      throw new SecretsError(`functionConfig ${FUNCTION_CONFIG_KIND}: unknown field spec.${name} (known: keys)`);
    const list = p.value as YamlNode | null;
    if (isNull(list)) continue;
    if (!isSeq(list) || !list.items.every((x) => isScalar(x) && typeof x.value === 'string' && x.value !== ''))
      throw new SecretsError(`functionConfig ${FUNCTION_CONFIG_KIND}: spec.keys must be a list of key specs (local:FILE, ...)`);
    for (const x of list.items) keys.push((x as Scalar<string>).value);
  }
  return keys;
}

/**
 * Decrypts every encrypted Secret (v1 Secret with the `palisade.dev/encryption` annotation) of a
 * ResourceList. Never throws for bad input or keys: problems come back as `results` with
 * `ok: false`. Only a bug would throw.
 */
export async function decryptResourceList(input: string, opts: KrmOptions = {}): Promise<KrmOutput> {
  const docs = parseAllDocuments(input, KUBERNETES_YAML_OPTIONS) as Document.Parsed[];
  const parsed = docs.filter((d) => d.contents !== null || d.errors.length > 0);
  if (parsed.length !== 1) return fatal(`expected one ResourceList on stdin, got ${parsed.length} YAML documents`);
  const doc = parsed[0]!;
  const err = doc.errors[0];
  if (err) return fatal(`input line ${lineOf(input, err.pos[0])}: YAML: ${err.message.split('\n')[0]}`);
  const root = doc.contents;
  if (!isMap(root)) return fatal('input is not a ResourceList (not a YAML map)');
  const apiVersion = strOf(root, 'apiVersion');
  if (strOf(root, 'kind') !== 'ResourceList' || !RESOURCE_LIST_VERSIONS.some((v) => v === apiVersion))
    return fatal(
      `input is not a ResourceList (expected kind ResourceList, apiVersion ${RESOURCE_LIST_VERSIONS.join(' or ')}; got ${strOf(root, 'kind') ?? '?'} ${apiVersion ?? '?'})`,
    );
  const itemsNode = pairOf(root, 'items')?.value;
  if (itemsNode !== undefined && !isNull(itemsNode) && !isSeq(itemsNode)) return fatal('ResourceList items is not a list');

  const results: KrmResult[] = [];
  const failed = (message: string, extra: Omit<KrmResult, 'message' | 'severity'> = {}) =>
    results.push({ message, severity: 'error', ...extra });

  let providers: KeyProvider[] = [...(opts.providers ?? [])];
  try {
    const specs = functionConfigKeys(root);
    const load = opts.loadProvider ?? providerFromSpec;
    for (const spec of specs) {
      try {
        providers.push(await load(spec));
      } catch (e) {
        if (!(e instanceof SecretsError)) throw e;
        failed(`functionConfig spec.keys ${spec}: ${e.message}`);
      }
    }
  } catch (e) {
    if (!(e instanceof SecretsError)) throw e;
    failed(e.message);
    providers = [];
  }
  if (results.length > 0) return { text: withResults(input, root, results), ok: false, results, decrypted: 0 };

  const items: Item[] = isSeq(itemsNode) ? itemsNode.items.flatMap((n, index) => (isMap(n) ? [{ index, map: n }] : [])) : [];
  const edits: Edit[] = [];
  let decrypted = 0;
  for (const { index, map } of items) {
    if (strOf(map, 'kind') !== 'Secret' || strOf(map, 'apiVersion') !== 'v1') continue;
    const metadata = mapOf(map, 'metadata');
    const annotations = mapOf(metadata, 'annotations');
    const name = strOf(metadata, 'name') ?? '';
    const namespace = strOf(metadata, 'namespace') ?? '';
    const ctx: ObjectContext = { apiVersion: 'v1', kind: 'Secret', namespace, name };
    const where = `items[${index}] Secret ${namespace ? `${namespace}/` : ''}${name}`;
    const ref = { resourceRef: { apiVersion: 'v1', kind: 'Secret', name, ...(namespace ? { namespace } : {}) } };
    const file = fileOf(annotations);
    const extra = file ? { ...ref, file } : ref;
    try {
      const metaPair = annotations && pairOf(annotations, ANNOTATION);
      const sites = valueSites(map, where, 'decrypted');
      if (!metaPair) {
        // Not encrypted by Palisade: left alone, unless it holds ciphertext without its key.
        if (sites.some((s) => s.value.startsWith('ENC[')))
          throw new SecretsError(`${where}: has ENC values but no ${ANNOTATION} annotation (was it removed?)`);
        continue;
      }
      if (!metadata || !name)
        throw new SecretsError(`${where}: Secret without metadata.name (the name is part of each value's AAD)`);
      const metaNode = metaPair.value;
      if (!isScalar(metaNode) || typeof metaNode.value !== 'string')
        throw new SecretsError(`${where}: annotation ${ANNOTATION} is not a string`);
      const plain = await decryptSecretValues(ctx, metaNode.value, sites, { providers, renameHint: RENAME_HINT }).catch(
        (e: unknown) => {
          if (e instanceof SecretsError) throw new SecretsError(`${where}: ${e.message}`, e.valuePath);
          throw e;
        },
      );
      const d: SecretDoc = {
        where,
        line: lineOf(input, map.range?.[0] ?? 0),
        ctx,
        values: sites,
        metadata,
        annotations,
        annotationsKey: metadata && (pairOf(metadata, 'annotations')?.key as Scalar | undefined),
        metaKey: metaPair.key,
        metaNode,
      };
      sites.forEach((s, i) => edits.push(replaceScalar(input, s.node, renderPlain(input, s, plain[i]!))));
      const removal = annotationRemoval(input, d);
      if (removal) edits.push(removal);
      decrypted++;
    } catch (e) {
      if (!(e instanceof SecretsError)) throw e;
      failed(e.message, e.valuePath ? { ...extra, field: { path: e.valuePath } } : extra);
    }
  }
  if (results.length > 0) return { text: withResults(input, root, results), ok: false, results, decrypted: 0 };
  return { text: applyEdits(input, edits), ok: true, results, decrypted };
}

/** Turns parsed documents into KubeObjects: identity, `kind: List` items, non-object notes. */
import { identityOf, isRecord, type JsonObject, type KubeObject } from '../core/objects.js';
import type { Path } from '../core/path.js';
import type { Position } from '../core/position.js';
import type { RawDocument } from './yaml.js';

export interface InputNote {
  line: number;
  message: string;
}

export interface DocumentObjects {
  objects: KubeObject[];
  skipped: InputNote[];
}

const LIST_KIND = /List$/;

export function objectsFromDocument(file: string, doc: RawDocument): DocumentObjects {
  const out: DocumentObjects = { objects: [], skipped: [] };
  const value = doc.value;
  if (value === null || value === undefined) return out;
  const make = (v: JsonObject, prefix: Path | undefined): KubeObject | undefined => {
    const ident = identityOf(v);
    if (!ident) return undefined;
    const locate = prefix ? (paths: readonly Path[]): Position[] => doc.locate(paths.map((p) => [...prefix, ...p])) : doc.locate;
    return {
      id: ident.id,
      generateName: ident.generateName,
      value: v,
      source: { file, line: doc.line, document: doc.index, prefix, origin: doc.origin, locate },
    };
  };
  if (!isRecord(value)) {
    out.skipped.push({ line: doc.line, message: 'not a Kubernetes object (the document is not a mapping)' });
    return out;
  }
  if (typeof value.kind === 'string' && LIST_KIND.test(value.kind) && Array.isArray(value.items)) {
    value.items.forEach((item: unknown, i) => {
      const obj = isRecord(item) ? make(item, ['items', i]) : undefined;
      if (obj) out.objects.push(obj);
      else
        out.skipped.push({ line: doc.line, message: `${value.kind} item ${i} is not a Kubernetes object (no apiVersion/kind)` });
    });
    return out;
  }
  const obj = make(value, undefined);
  if (obj) out.objects.push(obj);
  else out.skipped.push({ line: doc.line, message: describeNonObject(value) });
  return out;
}

function describeNonObject(v: JsonObject): string {
  if ('apiVersion' in v || 'kind' in v) return 'not a Kubernetes object (apiVersion and kind must both be strings)';
  if ('resources' in v && ('bases' in v || 'patches' in v || 'namespace' in v || 'images' in v))
    return 'skipped a kustomization (not a Kubernetes object; render it with `kustomize build`)';
  if ('name' in v && 'version' in v && ('apiVersion' in v || 'description' in v || 'appVersion' in v))
    return 'skipped a Helm Chart.yaml (not a Kubernetes object; render the chart with `helm template`)';
  return 'not a Kubernetes object (no apiVersion/kind)';
}

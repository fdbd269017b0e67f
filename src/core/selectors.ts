/**
 * Label selectors exactly as Kubernetes (apimachinery metav1.LabelSelectorAsSelector) reads them:
 * matchLabels and matchExpressions are ANDed; an empty selector ({}) matches everything; a missing
 * (null) selector matches nothing; an invalid selector matches nothing and is reported as invalid.
 */
import { isRecord } from './objects.js';

export type Labels = Readonly<Record<string, string>>;

export interface Requirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: readonly string[];
}

export interface Selector {
  /** Matches every label set (an empty selector). */
  readonly everything: boolean;
  /** Matches no label set (missing or invalid selector). */
  readonly nothing: boolean;
  readonly requirements: readonly Requirement[];
  /** Why the selector is invalid, when it is. */
  readonly error?: string;
}

const NOTHING: Selector = { everything: false, nothing: true, requirements: [] };

/** A `metav1.LabelSelector` (Deployment, PDB, NetworkPolicy, topology spread...). */
export function parseLabelSelector(raw: unknown): Selector {
  if (raw === undefined || raw === null) return NOTHING;
  if (!isRecord(raw)) return { ...NOTHING, error: 'selector is not an object' };
  const requirements: Requirement[] = [];
  if (raw.matchLabels !== undefined && raw.matchLabels !== null) {
    if (!isRecord(raw.matchLabels)) return { ...NOTHING, error: 'matchLabels is not a map' };
    for (const [key, value] of Object.entries(raw.matchLabels)) {
      if (typeof value !== 'string') return { ...NOTHING, error: `matchLabels["${key}"] is not a string` };
      requirements.push({ key, operator: 'In', values: [value] });
    }
  }
  if (raw.matchExpressions !== undefined && raw.matchExpressions !== null) {
    if (!Array.isArray(raw.matchExpressions)) return { ...NOTHING, error: 'matchExpressions is not a list' };
    for (const expr of raw.matchExpressions) {
      if (!isRecord(expr) || typeof expr.key !== 'string') return { ...NOTHING, error: 'matchExpressions entry without a key' };
      const values = Array.isArray(expr.values) ? expr.values : [];
      if (!values.every((v): v is string => typeof v === 'string'))
        return { ...NOTHING, error: `values of "${expr.key}" must be strings` };
      switch (expr.operator) {
        case 'In':
        case 'NotIn':
          if (values.length === 0)
            return { ...NOTHING, error: `operator ${expr.operator} on "${expr.key}" needs at least one value` };
          break;
        case 'Exists':
        case 'DoesNotExist':
          if (values.length > 0) return { ...NOTHING, error: `operator ${expr.operator} on "${expr.key}" takes no values` };
          break;
        default:
          return { ...NOTHING, error: `unknown operator "${String(expr.operator)}" on "${expr.key}"` };
      }
      requirements.push({ key: expr.key, operator: expr.operator, values });
    }
  }
  return { everything: requirements.length === 0, nothing: false, requirements };
}

/** A plain map selector (Service, ReplicationController). An empty or missing map selects
 *  nothing for a Service (it has manually managed endpoints). */
export function parseMapSelector(raw: unknown): Selector {
  if (!isRecord(raw) || Object.keys(raw).length === 0) return NOTHING;
  return parseLabelSelector({ matchLabels: raw });
}

export function matches(selector: Selector, labels: Labels): boolean {
  if (selector.nothing) return false;
  for (const r of selector.requirements) {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    switch (r.operator) {
      case 'In':
        if (!has || !r.values.includes(labels[r.key]!)) return false;
        break;
      case 'NotIn':
        if (has && r.values.includes(labels[r.key]!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}

/** One `key=value` pair every matching label set must carry, to narrow candidates via an
 *  inverted index; undefined when the selector has no such equality requirement. */
export function anchorPair(selector: Selector): string | undefined {
  const r = selector.requirements.find((q) => q.operator === 'In' && q.values.length === 1);
  return r ? `${r.key}=${r.values[0]}` : undefined;
}

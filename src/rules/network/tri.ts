/**
 * Three-valued answers for selectors evaluated against labels the input may not have (a
 * namespace's labels when its Namespace object was not scanned, a Calico `pcsa.` label, a
 * cluster name): `true`, `false`, or `'unknown'`, combined with Kleene's logic.
 */
import type { Selector } from '../../core/selectors.js';

export type Tri = boolean | 'unknown';

/** What a label view answers for a key: its value, `null` when absent, or UNKNOWN. */
export const UNKNOWN = Symbol('unknown label');
export type LabelView = (key: string) => string | null | typeof UNKNOWN;

export function and(values: Iterable<Tri>): Tri {
  let unknown = false;
  for (const v of values) {
    if (v === false) return false;
    if (v === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : true;
}

export function or(values: Iterable<Tri>): Tri {
  let unknown = false;
  for (const v of values) {
    if (v === true) return true;
    if (v === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : false;
}

export function not(v: Tri): Tri {
  return v === 'unknown' ? 'unknown' : !v;
}

/** A parsed Kubernetes label selector (core/selectors.ts) against a label view. */
export function matchesTri(selector: Selector, get: LabelView): Tri {
  if (selector.nothing) return false;
  return and(
    selector.requirements.map((r): Tri => {
      const v = get(r.key);
      if (v === UNKNOWN) return 'unknown';
      switch (r.operator) {
        case 'In':
          return v !== null && r.values.includes(v);
        case 'NotIn':
          return v === null || !r.values.includes(v);
        case 'Exists':
          return v !== null;
        case 'DoesNotExist':
          return v === null;
      }
      return false;
    }),
  );
}

/** A view over a plain label map: every key is known (absent keys are null). */
export function mapView(labels: Readonly<Record<string, string>>): LabelView {
  return (k) => (Object.prototype.hasOwnProperty.call(labels, k) ? labels[k]! : null);
}

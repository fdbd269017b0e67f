/**
 * resource.Quantity parsing as Kubernetes does it (apimachinery/pkg/api/resource): a signed
 * decimal number followed by one suffix: binary SI (Ki..Ei), decimal SI (n, u, m, "", k, M, G, T,
 * P, E) or a decimal exponent (e3, E-2). "1K" or "1kb" are invalid, as they are in Kubernetes.
 * Values are returned as numbers in base units (cores, bytes); doubles are exact enough to compare
 * requests and limits.
 */
import { memoByString } from '../util/memo.js';

const SUFFIX_FACTORS: Readonly<Record<string, number>> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

const QUANTITY = /^([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?$/;

export type ParsedQuantity = { ok: true; value: number } | { ok: false; error: string };

/** Parses a quantity given as a string or as a YAML/JSON number (`cpu: 2`, `cpu: 0.5`). */
export function parseQuantity(raw: unknown): ParsedQuantity {
  if (typeof raw === 'number') {
    return Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false, error: `${raw} is not a quantity` };
  }
  if (typeof raw !== 'string') return { ok: false, error: `expected a quantity, got ${typeof raw}` };
  return parseQuantityString(raw);
}

const parseQuantityString = memoByString((raw: string): ParsedQuantity => {
  const m = QUANTITY.exec(raw);
  if (!m) return { ok: false, error: `"${raw}" is not a valid quantity (e.g. 500m, 1, 128Mi, 1Gi, 1e3)` };
  const [, sign, num, suffix = ''] = m;
  const n = Number(num);
  const factor = /^[eE][+-]?[0-9]+$/.test(suffix) ? 10 ** Number(suffix.slice(1)) : SUFFIX_FACTORS[suffix]!;
  const value = (sign === '-' ? -1 : 1) * n * factor;
  if (!Number.isFinite(value)) return { ok: false, error: `"${raw}" is out of range` };
  return { ok: true, value };
});

/** Compares two parsed values with a relative tolerance for decimal/binary rounding noise. */
export function compareQuantities(a: number, b: number): -1 | 0 | 1 {
  const tol = Math.max(Math.abs(a), Math.abs(b)) * 1e-12;
  if (Math.abs(a - b) <= tol) return 0;
  return a < b ? -1 : 1;
}

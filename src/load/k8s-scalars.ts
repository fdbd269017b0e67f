/**
 * Plain-scalar resolution exactly as Kubernetes reads YAML: sigs.k8s.io/yaml decodes with its
 * goyaml.v2 fork into interface{} and then converts to JSON. That is YAML 1.1-flavoured:
 * `yes/no/on/off/y/n` are booleans, `0644`, `0o644`, `0x1F`, `0b101` are integers, underscores
 * are ignored in numbers, and timestamps stay strings (goyaml.v2 keeps the source text when the
 * target is interface{}). Written from goyaml.v2/resolve.go; only plain (unquoted, untagged)
 * scalars are resolved here, quoted ones are always strings.
 */

const KEYWORDS = new Map<string, unknown>();
for (const s of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']) KEYWORDS.set(s, true);
for (const s of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) KEYWORDS.set(s, false);
for (const s of ['~', 'null', 'Null', 'NULL']) KEYWORDS.set(s, null);
for (const s of ['.nan', '.NaN', '.NAN']) KEYWORDS.set(s, NaN);
for (const s of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) KEYWORDS.set(s, Infinity);
for (const s of ['-.inf', '-.Inf', '-.INF']) KEYWORDS.set(s, -Infinity);

/** First characters goyaml's resolve table maps to a keyword lookup only ('M' hint). */
const KEYWORD_ONLY = new Set('yYnNtTfFoO~');

const YAML_STYLE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const LEADING_DOT_FLOAT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/;
const INT_BASE0 = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/** Go's strconv.ParseInt(s, 0, 64) / ParseUint(s, 0, 64) syntax, as a BigInt, or undefined. */
function parseGoInt(s: string): { value: bigint; inInt64: boolean; inUint64: boolean } | undefined {
  const m = INT_BASE0.exec(s);
  if (!m) return undefined;
  const sign = m[1];
  let digits = m[2]!;
  let value: bigint;
  if (/^0[oO]/.test(digits)) value = BigInt('0o' + digits.slice(2));
  else if (/^0[0-7]+$/.test(digits)) value = BigInt('0o' + digits.slice(1));
  else {
    if (/^0[xXbB]/.test(digits)) digits = digits.slice(0, 2).toLowerCase() + digits.slice(2);
    value = BigInt(digits);
  }
  if (sign === '-') value = -value;
  return {
    value,
    inInt64: value >= INT64_MIN && value <= INT64_MAX,
    // ParseUint rejects any sign.
    inUint64: sign === '' && value >= 0n && value <= UINT64_MAX,
  };
}

function numberOrString(s: string): unknown {
  const plain = s.includes('_') ? s.replaceAll('_', '') : s;
  const int = parseGoInt(plain);
  if (int && (int.inInt64 || int.inUint64)) return Number(int.value);
  if (YAML_STYLE_FLOAT.test(plain)) {
    const f = Number(plain);
    if (Number.isFinite(f)) return f;
  }
  // Out-of-range integers still decode (as big.Int) in goyaml.v2.
  if (int) return Number(int.value);
  return s;
}

/**
 * The value Kubernetes gives a plain scalar: null, boolean, number, or the string itself.
 * A result `=== s` means "a string".
 */
export function resolvePlainScalar(s: string): unknown {
  if (s.length === 0) return null;
  const c = s[0]!;
  if (KEYWORD_ONLY.has(c)) return KEYWORDS.has(s) ? KEYWORDS.get(s) : s;
  if (c === '.') {
    if (KEYWORDS.has(s)) return KEYWORDS.get(s);
    return LEADING_DOT_FLOAT.test(s) ? Number(s) : s;
  }
  if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
    if (KEYWORDS.has(s)) return KEYWORDS.get(s);
    // A timestamp (YYYY-...) decodes to its own text; none of them parse as numbers anyway.
    const n = numberOrString(s);
    return Object.is(n, -0) ? 0 : n;
  }
  return s;
}

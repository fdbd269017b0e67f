/**
 * Memoizes a pure function of a string. The same few quantities ("100m", "128Mi") and image
 * references recur across every container of every object, and the webhook parses them per
 * request. Bounded: past `max` entries the cache starts over (hostile inputs cannot grow it).
 * Results are shared, so they must be treated as read-only (frozen here).
 */
export function memoByString<R>(fn: (s: string) => R, max = 4096): (s: string) => R {
  let cache = new Map<string, R>();
  return (s) => {
    let r = cache.get(s);
    if (r === undefined) {
      r = deepFreeze(fn(s));
      if (cache.size >= max) cache = new Map();
      cache.set(s, r);
    }
    return r;
  };
}

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

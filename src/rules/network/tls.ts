/** Small helpers shared by the encryption-in-transit rules. */

/** Go's strconv.ParseBool, which ingress-nginx and Linkerd use for annotation values; undefined
 *  when the text is not a boolean (the controller then keeps its default). */
export function parseGoBool(v: string | undefined): boolean | undefined {
  switch (v?.trim()) {
    case '1':
    case 't':
    case 'T':
    case 'TRUE':
    case 'true':
    case 'True':
      return true;
    case '0':
    case 'f':
    case 'F':
    case 'FALSE':
    case 'false':
    case 'False':
      return false;
  }
  return undefined;
}

/**
 * Whether a TLS host (a certificate name) covers a request host, as RFC 6125 wildcards and the
 * Ingress API read them: exact match (case-insensitive), or `*.example.com` for exactly one more
 * label (`a.example.com`, not `a.b.example.com` or `example.com`). A wildcard rule host is
 * covered only by the same wildcard.
 */
export function tlsHostCovers(tlsHost: string, host: string): boolean {
  const t = tlsHost.trim().toLowerCase();
  const h = host.trim().toLowerCase();
  if (t === h) return true;
  if (!t.startsWith('*.') || h.startsWith('*.')) return false;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === t.slice(2);
}

/**
 * Just enough of a Kubernetes API client for an informer: where the API server is and how to
 * authenticate to it, and the two calls an informer makes, list (with pages) and watch (a stream
 * of newline-delimited JSON events), over node:https with the JSON the API server sends.
 *
 * - In-cluster (the webhook's normal home) is read here, like client-go's rest.InClusterConfig:
 *   KUBERNETES_SERVICE_HOST/PORT and the service account's token and CA. The token is projected
 *   and rotated by the kubelet, so it is read again for every request, never cached.
 * - Kubeconfig files (a developer running the webhook outside the cluster) go through
 *   @kubernetes/client-node's KubeConfig, imported lazily: it knows exec credential plugins,
 *   auth providers, client certificates and proxies, which are not worth redoing. Its informer
 *   (ListWatch) is not used; see namespace-cache.ts for why.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { request, type RequestOptions } from 'node:https';
import { isIPv6 } from 'node:net';
import { homedir } from 'node:os';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { isRecord, type JsonObject } from '../core/objects.js';
import { TOOL_NAME, VERSION } from '../version.js';

/** How to reach one API server. */
export interface ClusterConnection {
  /** `https://host:port` (no trailing slash). */
  readonly server: string;
  /** Where the configuration came from, for logs: `in-cluster`, `kubeconfig FILE (context NAME)`. */
  readonly source: string;
  /** TLS and authentication for one request. Called for every request so that rotated tokens,
   *  refreshed exec credentials and renewed CAs are picked up. */
  requestOptions(): Promise<RequestOptions>;
}

/** A failed API call, with the API server's Status (reason, code) when it sent one. */
export class KubeApiError extends Error {
  constructor(
    message: string,
    /** HTTP status, or Status.code of a watch ERROR event. */
    readonly code: number | undefined,
    /** Status.reason: Unauthorized, Forbidden, Expired, Gone, NotFound... */
    readonly reason: string | undefined,
  ) {
    super(message);
    this.name = 'KubeApiError';
  }

  /** The resourceVersion (or continue token) is too old: the client must list again. */
  get expired(): boolean {
    return this.code === 410 || this.reason === 'Expired' || this.reason === 'Gone';
  }
}

/** Something the API server would never send (not JSON, an event without a type...). */
export class KubeProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KubeProtocolError';
  }
}

// --- Where the cluster is --------------------------------------------------------------------

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface ConnectionOptions {
  /** A kubeconfig file (`--kubeconfig`); wins over everything else. */
  kubeconfig?: string;
  /** A context of the kubeconfig other than its current-context. */
  context?: string;
  /** Environment (KUBECONFIG, KUBERNETES_SERVICE_HOST/PORT); defaults to process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The service account directory; defaults to the kubelet's mount point. */
  serviceAccountDir?: string;
  /** The home directory holding .kube/config; defaults to the user's. */
  home?: string;
}

/**
 * The cluster to talk to, in controller-runtime's order: `kubeconfig` option, then $KUBECONFIG
 * (a list of files, merged as kubectl does), then in-cluster, then ~/.kube/config. Nothing found
 * is an error: never a silent fallback to http://localhost:8080 as some clients do.
 */
export async function resolveConnection(opts: ConnectionOptions = {}): Promise<ClusterConnection> {
  const env = opts.env ?? process.env;
  if (opts.kubeconfig) return kubeconfigConnection([opts.kubeconfig], opts.context);
  const fromEnv = (env.KUBECONFIG ?? '').split(path.delimiter).filter((f) => f !== '');
  if (fromEnv.length > 0) return kubeconfigConnection(fromEnv, opts.context);
  if (env.KUBERNETES_SERVICE_HOST && env.KUBERNETES_SERVICE_PORT) {
    if (opts.context) throw new Error(`context "${opts.context}" needs a kubeconfig, but this runs in-cluster`);
    return inClusterConnection({ env, serviceAccountDir: opts.serviceAccountDir });
  }
  const home = opts.home ?? homedir();
  const fallback = path.join(home, '.kube', 'config');
  if (existsSync(fallback)) return kubeconfigConnection([fallback], opts.context);
  throw new Error(
    'no Kubernetes cluster configured: pass --kubeconfig FILE, set KUBECONFIG, or run in a pod with a service account',
  );
}

/** The API server as seen from a pod (client-go's rest.InClusterConfig). */
export function inClusterConnection(
  opts: { env?: Readonly<Record<string, string | undefined>>; serviceAccountDir?: string } = {},
): ClusterConnection {
  const env = opts.env ?? process.env;
  const dir = opts.serviceAccountDir ?? SERVICE_ACCOUNT_DIR;
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (!host || !port)
    throw new Error('not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set');
  const tokenFile = path.join(dir, 'token');
  const caFile = path.join(dir, 'ca.crt');
  return {
    server: `https://${isIPv6(host) ? `[${host}]` : host}:${port}`,
    source: `in-cluster (service account in ${dir})`,
    async requestOptions() {
      let token: string;
      let ca: Buffer;
      try {
        [token, ca] = await Promise.all([readFile(tokenFile, 'utf8'), readFile(caFile)]);
      } catch (e) {
        throw new Error(
          `cannot read the service account credentials (${(e as Error).message}); ` +
            'the pod needs a service account token (automountServiceAccountToken or a projected token volume)',
        );
      }
      token = token.trim();
      if (token === '') throw new Error(`the service account token ${tokenFile} is empty`);
      return { ca, headers: { Authorization: `Bearer ${token}` } };
    },
  };
}

/** Kubeconfig files through @kubernetes/client-node (imported here only, on first use). */
export async function kubeconfigConnection(files: readonly string[], context?: string): Promise<ClusterConnection> {
  for (const f of files) if (!existsSync(f)) throw new Error(`kubeconfig ${f} does not exist`);
  const { KubeConfig } = await import('@kubernetes/client-node');
  const load = (file: string) => {
    const kc = new KubeConfig();
    try {
      kc.loadFromFile(file);
    } catch (e) {
      throw new Error(`kubeconfig ${file}: ${(e as Error).message}`);
    }
    return kc;
  };
  const kc = load(files[0]!);
  // kubectl's merge rule: the first file to define a name (or current-context) wins. The
  // library's mergeConfig throws on duplicate names instead.
  for (const file of files.slice(1)) {
    const more = load(file);
    for (const c of more.clusters) if (!kc.getCluster(c.name)) kc.addCluster(c);
    for (const u of more.users) if (!kc.getUser(u.name)) kc.addUser(u);
    for (const c of more.contexts) if (!kc.getContextObject(c.name)) kc.addContext(c);
    if (!kc.currentContext && more.currentContext) kc.setCurrentContext(more.currentContext);
  }
  if (context) {
    if (!kc.getContextObject(context))
      throw new Error(`kubeconfig has no context "${context}" (it has: ${kc.contexts.map((c) => c.name).join(', ') || 'none'})`);
    kc.setCurrentContext(context);
  }
  const where = files.join(path.delimiter);
  const current = kc.getCurrentContext();
  if (!current || !kc.getContextObject(current))
    throw new Error(`kubeconfig ${where} has no current-context: choose a context (--kube-context)`);
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error(`kubeconfig ${where}: context "${current}" names no known cluster`);
  // Credentials never travel in clear text: kubectl proxy and friends are out of scope.
  if (!cluster.server.startsWith('https://'))
    throw new Error(`cluster "${cluster.name}" is served at ${cluster.server}: only https:// API servers are supported`);
  return {
    server: cluster.server.replace(/\/+$/, ''),
    source: `kubeconfig ${where} (context ${current}${cluster.skipTLSVerify ? ', TLS verification OFF' : ''})`,
    async requestOptions() {
      const o: RequestOptions = {};
      await kc.applyToHTTPSOptions(o);
      return o;
    },
  };
}

// --- List and watch --------------------------------------------------------------------------

export interface CallOptions {
  signal?: AbortSignal;
  /** Per request (list) or for the whole stream (watch). */
  timeoutMs?: number;
}

/** How long a watch request may wait for the response headers. */
const WATCH_HEADERS_TIMEOUT_MS = 30_000;

/** Largest list page or error body read (a misbehaving server must not exhaust memory). */
const MAX_BODY_BYTES = 32 * 1024 * 1024;
/** Largest single watch event (etcd stores objects up to 1.5 MiB). */
const MAX_EVENT_BYTES = 16 * 1024 * 1024;

function readBody(res: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) res.destroy(new KubeProtocolError(`response larger than ${max} bytes`));
      else chunks.push(c);
    });
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}

/** The error for a Status object (an error response body or a watch ERROR event's object). */
export function statusError(status: unknown, httpStatus?: number): KubeApiError {
  // A Status (kind may be missing in a watch ERROR event's object on old servers).
  if (isRecord(status) && (status.kind === 'Status' || typeof status.code === 'number')) {
    const code = typeof status.code === 'number' ? status.code : httpStatus;
    const reason = typeof status.reason === 'string' && status.reason !== '' ? status.reason : undefined;
    const message = typeof status.message === 'string' && status.message !== '' ? status.message : (reason ?? 'unknown error');
    const tag = [code, reason].filter((x) => x !== undefined).join(' ');
    return new KubeApiError(tag ? `${message} (${tag})` : message, code, reason);
  }
  return new KubeApiError(`HTTP ${httpStatus ?? '?'}`, httpStatus, undefined);
}

/** GET `pathAndQuery`; resolves with a 200 response (its body unread), rejects otherwise. */
async function get(
  conn: ClusterConnection,
  pathAndQuery: string,
  opts: CallOptions,
  onSocketTimeout?: number,
  /** Only until the response headers: a watch then stays quiet for minutes on purpose. */
  timeoutUntilHeaders = false,
) {
  const base = await conn.requestOptions();
  const url = new URL(conn.server + pathAndQuery);
  return new Promise<{ res: IncomingMessage; abort: (e: Error) => void }>((resolve, reject) => {
    const req = request(
      url,
      {
        ...base,
        method: 'GET',
        headers: { ...base.headers, Accept: 'application/json', 'User-Agent': `${TOOL_NAME}/${VERSION}` },
        signal: opts.signal,
        timeout: onSocketTimeout,
      },
      (res) => {
        if (timeoutUntilHeaders) req.setTimeout(0);
        if (res.statusCode === 200) return resolve({ res, abort: (e) => req.destroy(e) });
        readBody(res, 64 * 1024).then((text) => {
          let body: unknown;
          try {
            body = JSON.parse(text);
          } catch {
            body = undefined;
          }
          const err = statusError(body, res.statusCode);
          if (body === undefined) err.message = `HTTP ${res.statusCode} ${res.statusMessage ?? ''} from ${conn.server}`.trim();
          reject(err);
        }, reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${conn.server} within ${onSocketTimeout} ms`)));
    // Detects a peer that vanished (no FIN, no RST) on a long, quiet watch.
    req.on('socket', (s) => s.setKeepAlive(true, 30_000));
    req.on('error', reject);
    req.end();
  });
}

async function getJson(conn: ClusterConnection, pathAndQuery: string, opts: CallOptions): Promise<JsonObject> {
  const timeout = opts.timeoutMs ?? 60_000;
  const signal = opts.signal ? AbortSignal.any([opts.signal, AbortSignal.timeout(timeout)]) : AbortSignal.timeout(timeout);
  const { res } = await get(conn, pathAndQuery, { ...opts, signal }, timeout);
  const text = await readBody(res, MAX_BODY_BYTES);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new KubeProtocolError(`GET ${pathAndQuery}: the answer is not JSON`);
  }
  if (!isRecord(body)) throw new KubeProtocolError(`GET ${pathAndQuery}: the answer is not a JSON object`);
  return body;
}

export interface ListResult {
  items: JsonObject[];
  /** The list's resourceVersion: where a watch starts so that it misses nothing. */
  resourceVersion: string;
  /** Pages fetched. */
  pages: number;
}

/**
 * Every object of a collection, in pages of `limit` (one consistent snapshot: all pages share
 * the first page's resourceVersion). Items of a list carry no kind/apiVersion; callers add them.
 * An expired continue token (410) restarts the list once, without pages.
 */
export async function listAll(
  conn: ClusterConnection,
  collection: string,
  opts: CallOptions & { limit?: number } = {},
): Promise<ListResult> {
  let limit = opts.limit;
  let items: JsonObject[] = [];
  let cont: string | undefined;
  let pages = 0;
  for (;;) {
    const q = new URLSearchParams();
    if (limit) q.set('limit', String(limit));
    if (cont) q.set('continue', cont);
    const query = q.size > 0 ? `?${q}` : '';
    let body: JsonObject;
    try {
      body = await getJson(conn, collection + query, opts);
    } catch (e) {
      if (cont && e instanceof KubeApiError && e.expired && limit) {
        // The snapshot behind the token is gone: take a new one in a single page.
        limit = undefined;
        cont = undefined;
        items = [];
        continue;
      }
      throw e;
    }
    pages++;
    const meta = body.metadata;
    if (!Array.isArray(body.items) || !isRecord(meta) || typeof meta.resourceVersion !== 'string' || meta.resourceVersion === '')
      throw new KubeProtocolError(`GET ${collection}: not a list with items and metadata.resourceVersion`);
    for (const item of body.items) {
      if (!isRecord(item)) throw new KubeProtocolError(`GET ${collection}: a list item is not an object`);
      items.push(item);
    }
    cont = typeof meta.continue === 'string' && meta.continue !== '' ? meta.continue : undefined;
    if (!cont) return { items, resourceVersion: meta.resourceVersion, pages };
  }
}

export interface WatchEvent {
  type: string;
  object: JsonObject;
}

export interface WatchOptions extends CallOptions {
  /** Called once the server accepted the watch (HTTP 200). */
  onOpen?: () => void;
  /** How long to wait for the response headers (default 30 s). */
  headersTimeoutMs?: number;
}

/**
 * Watches a collection: `onEvent` gets each event in order. Resolves when the server ends the
 * stream (its timeoutSeconds, an API server restart); rejects on an HTTP error, a broken
 * connection, a malformed event, `timeoutMs`, the signal, or when `onEvent` throws (which is
 * how a caller stops at an ERROR event).
 */
export async function watch(
  conn: ClusterConnection,
  collection: string,
  params: Readonly<Record<string, string>>,
  onEvent: (e: WatchEvent) => void,
  opts: WatchOptions = {},
): Promise<void> {
  const q = new URLSearchParams({ watch: 'true', ...params });
  // A server (or proxy) that accepts the connection but never answers must not hang the cache.
  const { res, abort } = await get(conn, `${collection}?${q}`, opts, opts.headersTimeoutMs ?? WATCH_HEADERS_TIMEOUT_MS, true);
  opts.onOpen?.();
  let timer: NodeJS.Timeout | undefined;
  // Destroying the request makes the stream fail with a generic "aborted": remember why.
  let reason: Error | undefined;
  const fail = (e: Error) => {
    reason ??= e;
    abort(e);
  };
  if (opts.timeoutMs !== undefined)
    timer = setTimeout(() => fail(new Error(`the watch outlived its deadline of ${opts.timeoutMs} ms`)), opts.timeoutMs);
  const decoder = new StringDecoder('utf8');
  let pending = '';
  const line = (text: string) => {
    const t = text.trim();
    if (t === '') return;
    let e: unknown;
    try {
      e = JSON.parse(t);
    } catch {
      throw new KubeProtocolError('a watch event is not JSON');
    }
    if (!isRecord(e) || typeof e.type !== 'string' || !isRecord(e.object))
      throw new KubeProtocolError('a watch event without type and object');
    onEvent({ type: e.type, object: e.object });
  };
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      pending += decoder.write(chunk);
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const text = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        line(text);
      }
      if (pending.length > MAX_EVENT_BYTES) throw new KubeProtocolError(`a watch event larger than ${MAX_EVENT_BYTES} bytes`);
    }
    line(pending + decoder.end());
  } catch (e) {
    fail(e as Error);
    throw reason;
  } finally {
    clearTimeout(timer);
  }
}

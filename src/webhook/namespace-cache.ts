/**
 * The cluster's Namespaces, kept current for the webhook: an AdmissionReview names the namespace
 * of its object but not the namespace's labels, and `palisade.dev/enforce|warn|audit` (and later
 * `pod-security.kubernetes.io/*`) live there. The Admitter takes `namespaceOf: (ns) =>
 * cache.namespace(ns)` (the whole object: list items get the kind/apiVersion the engine needs);
 * `labels(ns)` serves consumers that want only the labels.
 *
 * An informer in the way of client-go's Reflector: list every Namespace (in pages, one snapshot),
 * then watch from the list's resourceVersion; a watch that ends is resumed from the last
 * resourceVersion seen (events, bookmarks); 410 Gone / Expired means that version left the API
 * server's history, so the cache is listed again and replaced; other failures retry with
 * exponential backoff and jitter, and are kept in stats() for /readyz, /metrics and logs.
 *
 * Why not @kubernetes/client-node's makeInformer/ListWatch (1.4.0, the last release that runs
 * on Node 20: 2.x needs undici 8, Node >= 22.19, and crashes on import here): an error stops it
 * for good (retry is the caller's), a watch the server closes is reopened at once with no backoff
 * (a tight loop against a server that keeps closing), stop() during the initial list still opens
 * a watch afterwards, ERROR events other than 410 are dropped silently, the watch has no
 * deadline (its 30 s timeout signal is overwritten), error bodies (Status messages such as the
 * RBAC denial) are lost, it never asks for bookmarks, and its list (the generated CoreV1Api)
 * turns timestamps into Date objects while watched objects keep strings. What it does well,
 * reading kubeconfig files, is used (kube-api.ts).
 */
import { isRecord, type JsonObject } from '../core/objects.js';
import {
  KubeApiError,
  KubeProtocolError,
  listAll,
  statusError,
  watch,
  type ClusterConnection,
  type WatchEvent,
} from './kube-api.js';

/** A Namespace as the API server returns it, with apiVersion/kind filled in and managedFields
 *  dropped; deeply frozen (it is shared by every review). */
export interface NamespaceObject {
  readonly apiVersion: 'v1';
  readonly kind: 'Namespace';
  readonly metadata: {
    readonly name: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
    readonly resourceVersion?: string;
    readonly uid?: string;
    readonly deletionTimestamp?: string;
    readonly [key: string]: unknown;
  };
  readonly spec?: JsonObject;
  readonly status?: JsonObject;
  readonly [key: string]: unknown;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
const EVENT_TYPES: readonly WatchEventType[] = ['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR'];

/** What the cache just did; for tests, logs and metrics (listeners must not throw). */
export type CacheEvent =
  | { type: 'listed'; namespaces: number; resourceVersion: string; relist: boolean; pages: number }
  | { type: 'watching'; resourceVersion: string }
  | { type: 'event'; event: WatchEventType; name?: string; resourceVersion: string }
  | { type: 'error'; error: Error; code?: number; reason?: string; retryInMs: number; relist: boolean };

export interface NamespaceCacheStats {
  /** The first list has completed; stays true while the watch reconnects (see `connected`). */
  synced: boolean;
  /** A watch stream is open now. */
  connected: boolean;
  namespaces: number;
  /** The resourceVersion the next watch starts from ('' before the first list or after a 410). */
  resourceVersion: string;
  /** Complete lists; the first is the initial sync. */
  lists: number;
  /** Lists after the first (a 410 Gone / Expired, or a relist after an error). */
  relists: number;
  /** Watch streams opened (HTTP 200). */
  watches: number;
  /** Watch events received, by type. */
  events: Record<WatchEventType, number>;
  /** Failed lists and watches (410 included). */
  errors: number;
  lastError?: { message: string; code?: number; reason?: string; at: string };
  /** When the last complete list finished. */
  lastListAt?: string;
  /** When the last watch event arrived. */
  lastEventAt?: string;
}

export interface Backoff {
  /** First delay after a failure. */
  initialMs: number;
  /** Ceiling of the delay. */
  maxMs: number;
  factor: number;
  /** Fraction of the delay taken off at random (0 = none; spreads replicas' retries apart). */
  jitter: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 500, maxMs: 30_000, factor: 2, jitter: 0.25 };

export interface NamespaceCacheOptions {
  connection: ClusterConnection;
  backoff?: Partial<Backoff>;
  /** timeoutSeconds of each watch; default random in [300, 600) like client-go, so replicas and
   *  informers do not reconnect in step. */
  watchTimeoutSeconds?: () => number;
  /** Past timeoutSeconds, how long the client waits before giving up on the stream itself. */
  watchGraceMs?: number;
  /** A watch that ends sooner than this without any event counts as a failure (client-go: 1 s),
   *  so a server or proxy that closes every watch at once meets backoff, not a tight loop. */
  minWatchMs?: number;
  /** How long a watch waits for the API server's response headers (default 30 s). */
  watchHeadersTimeoutMs?: number;
  /** Items per list page (`limit`); 0 lists in one page. */
  pageSize?: number;
  /** Timeout of each list request. */
  listTimeoutMs?: number;
  /** Ask for BOOKMARK events (allowWatchBookmarks): fewer 410s after quiet periods. */
  bookmarks?: boolean;
  /** Source of randomness (jitter, watch timeouts); tests pass a constant. */
  random?: () => number;
  log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}

const COLLECTION = '/api/v1/namespaces';

/** A deep freeze for JSON values. */
function freeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    for (const x of Object.values(v)) freeze(x);
    Object.freeze(v);
  }
  return v;
}

function stringMap(v: unknown, what: string): Record<string, string> | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isRecord(v) || !Object.values(v).every((x) => typeof x === 'string'))
    throw new KubeProtocolError(`a Namespace whose ${what} are not strings`);
  return v as Record<string, string>;
}

/** Validates and normalizes a Namespace from a list item or a watch event. */
export function toNamespace(raw: JsonObject): NamespaceObject {
  const meta = raw.metadata;
  if (!isRecord(meta) || typeof meta.name !== 'string' || meta.name === '')
    throw new KubeProtocolError('a Namespace without metadata.name');
  if (raw.kind !== undefined && raw.kind !== 'Namespace')
    throw new KubeProtocolError(`expected a Namespace, got ${String(raw.kind)}`);
  const { managedFields: _dropped, ...metadata } = meta;
  const labels = stringMap(meta.labels, 'labels');
  const annotations = stringMap(meta.annotations, 'annotations');
  return freeze({
    ...raw,
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      ...metadata,
      name: meta.name,
      ...(labels ? { labels } : {}),
      ...(annotations ? { annotations } : {}),
    },
  } as NamespaceObject);
}

const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({});

export class NamespaceCache {
  private store = new Map<string, NamespaceObject>();
  private resourceVersion = '';
  private readonly abort = new AbortController();
  private running: Promise<void> | undefined;
  private readonly listeners = new Set<(e: CacheEvent) => void>();
  private readonly backoff: Backoff;
  private readonly random: () => number;
  private readonly synced$: Promise<void>;
  private resolveSynced!: () => void;
  private rejectSynced!: (e: Error) => void;
  private readonly s: Omit<NamespaceCacheStats, 'namespaces' | 'resourceVersion'> = {
    synced: false,
    connected: false,
    lists: 0,
    relists: 0,
    watches: 0,
    events: { ADDED: 0, MODIFIED: 0, DELETED: 0, BOOKMARK: 0, ERROR: 0 },
    errors: 0,
  };

  constructor(private readonly opts: NamespaceCacheOptions) {
    this.backoff = { ...DEFAULT_BACKOFF, ...opts.backoff };
    this.random = opts.random ?? Math.random;
    this.synced$ = new Promise<void>((resolve, reject) => {
      this.resolveSynced = resolve;
      this.rejectSynced = reject;
    });
    // Nobody may be waiting when stop() rejects it: that must not be an unhandled rejection.
    this.synced$.catch(() => {});
  }

  /** Starts listing and watching (once; later calls do nothing). */
  start(): this {
    if (!this.running && !this.abort.signal.aborted) this.running = this.run();
    return this;
  }

  /** Stops: closes the watch, cancels a list or a backoff; whenSynced() rejects if not synced. */
  async stop(): Promise<void> {
    this.abort.abort();
    this.rejectSynced(new Error('the namespace cache was stopped before it synced'));
    await this.running;
  }

  get synced(): boolean {
    return this.s.synced;
  }

  /** Resolves after the first complete list; rejects if stopped first. */
  whenSynced(): Promise<void> {
    return this.synced$;
  }

  /** Labels of a namespace ({} when it has none); undefined when the namespace is unknown (not
   *  synced yet, or created a moment ago and its event is still on the way). */
  labels(name: string): Readonly<Record<string, string>> | undefined {
    const ns = this.store.get(name);
    return ns ? (ns.metadata.labels ?? NO_LABELS) : undefined;
  }

  /** The whole Namespace (frozen), e.g. for pod-security.kubernetes.io labels or its phase. */
  namespace(name: string): NamespaceObject | undefined {
    return this.store.get(name);
  }

  /** Names of all cached namespaces. */
  names(): string[] {
    return [...this.store.keys()];
  }

  stats(): NamespaceCacheStats {
    return {
      ...this.s,
      events: { ...this.s.events },
      ...(this.s.lastError ? { lastError: { ...this.s.lastError } } : {}),
      namespaces: this.store.size,
      resourceVersion: this.resourceVersion,
    };
  }

  /** Calls `listener` on every list, watch start, watch event and error; returns the unsubscribe. */
  subscribe(listener: (e: CacheEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: CacheEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch (err) {
        this.opts.log?.('error', `namespace cache listener failed: ${(err as Error).message}`);
      }
    }
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private delay(failures: number): number {
    const b = this.backoff;
    const base = Math.min(b.maxMs, b.initialMs * b.factor ** Math.max(0, failures - 1));
    return Math.round(base * (1 - b.jitter * this.random()));
  }

  private async run(): Promise<void> {
    /** Failures since the last healthy watch, and how many of them were 410s. */
    let failures = 0;
    let expiries = 0;
    while (!this.stopped) {
      try {
        if (this.resourceVersion === '') await this.list();
        if (this.stopped) break;
        const w = await this.watchOnce();
        if (this.stopped) break;
        if (w.events === 0 && w.ms < (this.opts.minWatchMs ?? 1000))
          throw new KubeProtocolError(`the watch closed after ${w.ms} ms without any event`);
        // A normal end (timeoutSeconds): resume from the last resourceVersion at once.
        failures = 0;
        expiries = 0;
      } catch (e) {
        if (this.stopped) break;
        const error = e instanceof Error ? e : new Error(String(e));
        const expired = error instanceof KubeApiError && error.expired;
        if (expired) {
          this.resourceVersion = '';
          expiries++;
        }
        failures++;
        // A 410 relists at once (it is routine after a disconnection or a quiet spell); a server
        // answering 410 again right after a fresh list is not, and backs off like any failure.
        const retryInMs = expired && expiries === 1 ? 0 : this.delay(failures);
        this.recordError(error, retryInMs, expired);
        if (retryInMs > 0) await this.sleep(retryInMs);
      }
    }
    this.s.connected = false;
  }

  private recordError(error: Error, retryInMs: number, relist: boolean): void {
    this.s.errors++;
    const code = error instanceof KubeApiError ? error.code : undefined;
    const reason = error instanceof KubeApiError ? error.reason : undefined;
    this.s.lastError = {
      message: error.message,
      ...(code !== undefined ? { code } : {}),
      ...(reason !== undefined ? { reason } : {}),
      at: new Date().toISOString(),
    };
    const level = relist && retryInMs === 0 ? 'info' : 'warn';
    this.opts.log?.(level, `namespace cache: ${error.message}; ${relist ? 'listing again' : 'retrying'} in ${retryInMs} ms`, {
      code,
      reason,
    });
    this.emit({ type: 'error', error, code, reason, retryInMs, relist });
  }

  private sleep(ms: number): Promise<void> {
    const signal = this.abort.signal;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  private async list(): Promise<void> {
    const result = await listAll(this.opts.connection, COLLECTION, {
      signal: this.abort.signal,
      limit: this.opts.pageSize ?? 500,
      timeoutMs: this.opts.listTimeoutMs ?? 60_000,
    });
    if (this.stopped) return;
    const next = new Map<string, NamespaceObject>();
    for (const item of result.items) {
      const ns = toNamespace(item);
      next.set(ns.metadata.name, ns);
    }
    // One assignment: readers see the old world or the new one, never half of each. Namespaces
    // deleted while the watch was away disappear here.
    this.store = next;
    this.resourceVersion = result.resourceVersion;
    const relist = this.s.lists > 0;
    this.s.lists++;
    if (relist) this.s.relists++;
    this.s.lastListAt = new Date().toISOString();
    if (!this.s.synced) {
      this.s.synced = true;
      this.resolveSynced();
      this.opts.log?.('info', `namespace cache synced: ${next.size} namespaces from ${this.opts.connection.source}`);
    }
    this.emit({ type: 'listed', namespaces: next.size, resourceVersion: result.resourceVersion, relist, pages: result.pages });
  }

  private async watchOnce(): Promise<{ events: number; ms: number }> {
    const seconds = this.opts.watchTimeoutSeconds?.() ?? Math.floor(300 * (1 + this.random()));
    const params: Record<string, string> = { resourceVersion: this.resourceVersion, timeoutSeconds: String(seconds) };
    if (this.opts.bookmarks ?? true) params.allowWatchBookmarks = 'true';
    const started = Date.now();
    let events = 0;
    try {
      await watch(
        this.opts.connection,
        COLLECTION,
        params,
        (e) => {
          this.apply(e);
          events++;
        },
        {
          signal: this.abort.signal,
          timeoutMs: seconds * 1000 + (this.opts.watchGraceMs ?? 30_000),
          headersTimeoutMs: this.opts.watchHeadersTimeoutMs,
          onOpen: () => {
            this.s.watches++;
            this.s.connected = true;
            this.emit({ type: 'watching', resourceVersion: params.resourceVersion! });
          },
        },
      );
    } finally {
      this.s.connected = false;
    }
    return { events, ms: Date.now() - started };
  }

  private apply(e: WatchEvent): void {
    const type = EVENT_TYPES.find((t) => t === e.type);
    if (!type) throw new KubeProtocolError(`unexpected watch event type ${JSON.stringify(e.type)}`);
    this.s.events[type]++;
    this.s.lastEventAt = new Date().toISOString();
    // The object of an ERROR event is a Status: 410 Expired/Gone, or a server-side failure.
    if (type === 'ERROR') throw statusError(e.object);
    const meta = e.object.metadata;
    const rv = isRecord(meta) && typeof meta.resourceVersion === 'string' ? meta.resourceVersion : '';
    if (rv === '') throw new KubeProtocolError(`a ${type} event without metadata.resourceVersion`);
    let name: string | undefined;
    if (type !== 'BOOKMARK') {
      const ns = toNamespace(e.object);
      name = ns.metadata.name;
      if (type === 'DELETED') this.store.delete(name);
      else this.store.set(name, ns);
    }
    this.resourceVersion = rv;
    this.emit({ type: 'event', event: type, ...(name !== undefined ? { name } : {}), resourceVersion: rv });
  }
}

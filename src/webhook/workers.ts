/**
 * `webhook serve --workers N`: N server processes sharing the port (node:cluster), so one pod
 * can use every core it is given; Node runs JavaScript on one thread per process.
 *
 * The primary only supervises: it forks the workers, restarts one that dies (a worker that dies
 * before it ever listened means bad config or certificates, so everything stops with exit 2
 * instead of a restart loop), forwards SIGTERM/SIGINT (each worker then drains as a single
 * server does: readiness off, keep serving, drain) and SIGHUP, and answers the workers' metrics
 * requests by aggregating every worker's registry (prom-client's AggregatorRegistry), so
 * /metrics on any worker shows the whole pod.
 */
import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';
import type { Log } from './server.js';

const METRICS_REQUEST = 'palisade:metrics-request';
const METRICS_RESPONSE = 'palisade:metrics-response';
/** Longer than prom-client's own 5 s wait for the workers, so its error is the one reported. */
const METRICS_TIMEOUT_MS = 8_000;

interface MetricsRequest {
  type: typeof METRICS_REQUEST;
  id: number;
}
interface MetricsResponse {
  type: typeof METRICS_RESPONSE;
  id: number;
  contentType?: string;
  body?: string;
  error?: string;
}

const isMessage = <T extends { type: string }>(m: unknown, type: T['type']): m is T =>
  typeof m === 'object' && m !== null && (m as { type?: unknown }).type === type;

export const isWorker = (): boolean => cluster.isWorker;

export interface PrimaryOptions {
  workers: number;
  log: Log;
  /** Delay before a crashed worker is replaced (doubles while crashes repeat, up to 30 s). */
  restartDelayMs?: number;
}

/** Runs the supervising primary until every worker has stopped; resolves to the exit code. */
export function runPrimary(opts: PrimaryOptions): Promise<number> {
  const { log } = opts;
  const aggregator = new AggregatorRegistry();
  const listening = new Set<number>();
  let stopping = false;
  let failed = false;
  let delay = opts.restartDelayMs ?? 1000;
  const restarts = new Set<NodeJS.Timeout>();

  return new Promise((resolve) => {
    const fork = (): Worker => {
      const w = cluster.fork();
      w.on('listening', () => {
        listening.add(w.id);
        if (listening.size === opts.workers) delay = opts.restartDelayMs ?? 1000;
      });
      w.on('message', (m: unknown) => {
        if (!isMessage<MetricsRequest>(m, METRICS_REQUEST)) return;
        const reply = (r: Omit<MetricsResponse, 'type' | 'id'>) => {
          if (w.isConnected()) w.send({ type: METRICS_RESPONSE, id: m.id, ...r } satisfies MetricsResponse);
        };
        aggregator.clusterMetrics().then(
          (body) => reply({ contentType: aggregator.contentType, body }),
          (e: unknown) => reply({ error: e instanceof Error ? e.message : String(e) }),
        );
      });
      return w;
    };

    cluster.on('exit', (w, code, signal) => {
      const wasListening = listening.delete(w.id);
      if (!stopping) {
        if (!wasListening) {
          // It never served: the same config would fail again. Stop everything.
          log('error', 'a worker failed to start; stopping', { worker: w.id, code, signal });
          failed = true;
          stop();
        } else {
          log('error', 'worker died; replacing it', { worker: w.id, code, signal, delayMs: delay });
          // Referenced: when every worker died at once, this timer is what keeps the primary alive.
          const t = setTimeout(() => {
            restarts.delete(t);
            if (!stopping) fork();
          }, delay);
          restarts.add(t);
          delay = Math.min(delay * 2, 30_000);
          return;
        }
      }
      if (Object.keys(cluster.workers ?? {}).length === 0) resolve(failed ? 2 : 0);
    });

    const stop = (signal: NodeJS.Signals = 'SIGTERM') => {
      stopping = true;
      for (const t of restarts) clearTimeout(t);
      restarts.clear();
      if (Object.keys(cluster.workers ?? {}).length === 0) resolve(failed ? 2 : 0);
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
    };
    process.once('SIGTERM', () => {
      log('info', 'signal', { signal: 'SIGTERM', workers: opts.workers });
      stop('SIGTERM');
    });
    process.once('SIGINT', () => stop('SIGTERM'));
    process.on('SIGHUP', () => {
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGHUP');
    });

    log('info', 'starting workers', { workers: opts.workers });
    for (let i = 0; i < opts.workers; i++) fork();
  });
}

/** In a worker: expose `registry` to the primary's aggregation, and return the function that
 *  fetches the whole pod's metrics through the primary. */
export function workerMetrics(registry: Registry): () => Promise<{ contentType: string; body: string }> {
  AggregatorRegistry.setRegistries([registry]);
  // Constructing one is what makes prom-client answer the primary's requests in a worker.
  new AggregatorRegistry();
  let next = 0;
  const pending = new Map<number, (r: MetricsResponse) => void>();
  process.on('message', (m: unknown) => {
    if (isMessage<MetricsResponse>(m, METRICS_RESPONSE)) pending.get(m.id)?.(m);
  });
  return () =>
    new Promise((resolve, reject) => {
      const id = ++next;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error('the primary did not answer the metrics request'));
      }, METRICS_TIMEOUT_MS);
      pending.set(id, (r) => {
        clearTimeout(timer);
        pending.delete(id);
        if (r.error !== undefined || r.body === undefined) reject(new Error(r.error ?? 'no metrics'));
        else resolve({ contentType: r.contentType ?? 'text/plain', body: r.body });
      });
      process.send?.({ type: METRICS_REQUEST, id } satisfies MetricsRequest);
    });
}

/**
 * Prometheus metrics of the webhook. A registry per server (not prom-client's global one) so
 * tests can run several servers in one process and each exposes only its own numbers.
 */
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { FastCounter, FastHistogram } from './tally.js';
import type { NamespaceCacheStats } from './namespace-cache.js';

export type Endpoint = 'validate' | 'mutate';
/** What the webhook did with one review. */
export type Decision = 'allowed' | 'warned' | 'denied' | 'patched' | 'skipped' | 'exempt' | 'error' | 'bad_request';

export interface RequestLabels {
  webhook: Endpoint;
  operation: string;
  kind: string;
  decision: Decision;
}

export class WebhookMetrics {
  readonly registry = new Registry();
  private readonly requests: FastCounter<keyof RequestLabels>;
  private readonly latency: FastHistogram<keyof RequestLabels>;
  private readonly findings: FastCounter<'rule' | 'severity'>;
  private readonly internalErrors: Counter<'webhook'>;
  private readonly badRequests: Counter<'reason'>;
  private readonly certReloads: Counter<'result'>;
  readonly inFlight: Gauge;
  private readonly rules: Gauge<'stage'>;

  constructor(opts: { processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    const requestLabels = ['webhook', 'operation', 'kind', 'decision'] as const;
    this.requests = new FastCounter(
      'palisade_webhook_requests_total',
      'Admission reviews answered, by webhook, operation, kind and decision.',
      requestLabels,
      this.registry,
    );
    this.latency = new FastHistogram(
      'palisade_webhook_request_duration_seconds',
      'Time from the first byte of the request to the response, by webhook, operation, kind and decision.',
      requestLabels,
      this.registry,
      // Sub-millisecond to the API server's 30 s timeout: the interesting part is below 20 ms.
      [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    );
    this.findings = new FastCounter(
      'palisade_webhook_findings_total',
      'Findings at admission (unsuppressed), by rule and severity.',
      ['rule', 'severity'],
      this.registry,
    );
    this.internalErrors = new Counter({
      name: 'palisade_webhook_internal_errors_total',
      help: 'Reviews answered by the failure mode because of an internal error (a rule that threw, a bug).',
      labelNames: ['webhook'],
      registers,
    });
    this.badRequests = new Counter({
      name: 'palisade_webhook_bad_requests_total',
      help: 'Requests rejected with HTTP 4xx before evaluation, by reason.',
      labelNames: ['reason'],
      registers,
    });
    this.certReloads = new Counter({
      name: 'palisade_webhook_certificate_reloads_total',
      help: 'Serving certificate reloads after a file change, by result.',
      labelNames: ['result'],
      registers,
    });
    this.inFlight = new Gauge({ name: 'palisade_webhook_in_flight_requests', help: 'Requests being handled.', registers });
    this.rules = new Gauge({
      name: 'palisade_webhook_rules',
      help: 'Enabled rules by stage: "admission" run on each review, "skipped" need other objects (no cache yet).',
      labelNames: ['stage'],
      registers,
      // Every worker runs the same rules: across workers, one worker's numbers are the pod's.
      aggregator: 'first',
    });
    if (opts.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'palisade_webhook_' });
  }

  request(labels: RequestLabels, seconds: number): void {
    this.requests.inc(labels);
    this.latency.observe(labels, seconds);
  }

  finding(rule: string, severity: string): void {
    this.findings.inc({ rule, severity });
  }

  internalError(webhook: Endpoint): void {
    this.internalErrors.inc({ webhook });
  }

  badRequest(reason: string): void {
    this.badRequests.inc({ reason });
  }

  certReload(result: 'ok' | 'error'): void {
    this.certReloads.inc({ result });
  }

  /** Gauges read from the namespace cache at each scrape: whether its labels can be trusted. */
  namespaceCache(stats: () => NamespaceCacheStats): void {
    const registers = [this.registry];
    // Across workers (each has its own cache): the worst one speaks for the pod.
    const gauge = (name: string, help: string, read: (s: NamespaceCacheStats) => number, aggregator: 'min' | 'max' = 'min') =>
      new Gauge({
        name: `palisade_webhook_namespace_cache_${name}`,
        help,
        registers,
        aggregator,
        collect() {
          this.set(read(stats()));
        },
      });
    gauge('synced', '1 once the first list of Namespaces completed (readiness waits for it).', (s) => (s.synced ? 1 : 0));
    gauge('connected', '1 while a watch on Namespaces is open.', (s) => (s.connected ? 1 : 0));
    gauge('namespaces', 'Namespaces known to the cache.', (s) => s.namespaces);
    gauge('errors', 'Failed lists and watches since start (410 Expired included).', (s) => s.errors, 'max');
    gauge('relists', 'Lists after the first (after 410 Expired or errors).', (s) => s.relists, 'max');
    gauge(
      'last_event_age_seconds',
      'Seconds since the last watch event or list (a growing value with connected 0 means stale labels).',
      (s) => {
        const at = s.lastEventAt ?? s.lastListAt;
        return at ? (Date.now() - Date.parse(at)) / 1000 : -1;
      },
      'max',
    );
  }

  ruleCounts(admission: number, skipped: number): void {
    this.rules.set({ stage: 'admission' }, admission);
    this.rules.set({ stage: 'skipped' }, skipped);
  }

  /** With several workers, where the whole pod's metrics come from (see workers.ts). */
  private source: (() => Promise<{ contentType: string; body: string }>) | undefined;

  aggregateWith(source: () => Promise<{ contentType: string; body: string }>): void {
    this.source = source;
  }

  async text(): Promise<{ contentType: string; body: string }> {
    if (this.source) return this.source();
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

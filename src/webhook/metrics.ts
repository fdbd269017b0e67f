/**
 * Prometheus metrics of the webhook. A registry per server (not prom-client's global one) so
 * tests can run several servers in one process and each exposes only its own numbers.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

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
  private readonly requests: Counter<keyof RequestLabels>;
  private readonly latency: Histogram<keyof RequestLabels>;
  private readonly findings: Counter<'rule' | 'severity'>;
  private readonly internalErrors: Counter<'webhook'>;
  private readonly badRequests: Counter<'reason'>;
  private readonly certReloads: Counter<'result'>;
  readonly inFlight: Gauge;
  private readonly rules: Gauge<'stage'>;

  constructor(opts: { processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'palisade_webhook_requests_total',
      help: 'Admission reviews answered, by webhook, operation, kind and decision.',
      labelNames: ['webhook', 'operation', 'kind', 'decision'],
      registers,
    });
    this.latency = new Histogram({
      name: 'palisade_webhook_request_duration_seconds',
      help: 'Time from the first byte of the request to the response, by webhook, operation, kind and decision.',
      labelNames: ['webhook', 'operation', 'kind', 'decision'],
      // Sub-millisecond to the API server's 30 s timeout: the interesting part is below 20 ms.
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers,
    });
    this.findings = new Counter({
      name: 'palisade_webhook_findings_total',
      help: 'Findings at admission (unsuppressed), by rule and severity.',
      labelNames: ['rule', 'severity'],
      registers,
    });
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

/**
 * The HTTPS server: /validate and /mutate for the API server, /healthz and /readyz for the
 * kubelet, /metrics for Prometheus. Everything a request can do wrong (too big, too deep, not
 * JSON, not a review) is an HTTP 400 with a message, never a crash; an error inside evaluation
 * answers per the failure mode and is counted. SIGTERM (via shutdown()) turns readiness off
 * first, keeps serving while the endpoint is removed, then drains in-flight reviews.
 */
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { Admitter, Outcome } from './admit.js';
import type { Decision, Endpoint, WebhookMetrics } from './metrics.js';
import type { FailureMode, Limits } from './policy.js';
import { BadReview, parseReview, reviewOut, type ParsedReview } from './review.js';
import { CertReloader, MIN_TLS_VERSION, type TlsFiles } from './tls.js';

export type Log = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

export interface ServerOptions {
  host: string;
  port: number;
  tls: TlsFiles;
  admitter: Admitter;
  metrics: WebhookMetrics;
  limits: Limits;
  failureMode: FailureMode;
  /** How often the certificate files are compared for rotation. */
  certReloadIntervalMs?: number;
  /** After SIGTERM, how long to keep serving with readiness off (endpoint removal takes seconds). */
  shutdownDelayMs?: number;
  /** Then, how long in-flight requests get before connections are cut. */
  drainTimeoutMs?: number;
  /** Why the server must not take traffic yet (e.g. the namespace cache has not synced), or
   *  undefined when it may. Checked by /readyz. */
  notReadyBecause?: () => string | undefined;
  log?: Log;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class WebhookServer {
  private readonly server: Server;
  private readonly certs: CertReloader;
  private readonly log: Log;
  private ready = false;
  /** Past the shutdown delay: responses ask clients to close their connection. */
  private closing = false;
  private inFlight = 0;
  private stopping: Promise<void> | undefined;

  constructor(private readonly opts: ServerOptions) {
    this.log = opts.log ?? (() => {});
    opts.metrics.ruleCounts(opts.admitter.admissionRules.length, opts.admitter.skippedRules.length);
    this.certs = new CertReloader(
      opts.tls,
      (o) => this.server.setSecureContext(o),
      (result, message) => {
        opts.metrics.certReload(result);
        this.log(result === 'ok' ? 'info' : 'warn', message);
      },
    );
    this.server = createServer(
      {
        ...this.certs.options(),
        minVersion: MIN_TLS_VERSION,
        // Ask for a client certificate when a CA is configured, but check it per endpoint: the
        // kubelet's probes present none and must still reach /healthz and /readyz.
        requestCert: opts.tls.clientCa !== undefined,
        rejectUnauthorized: false,
        requestTimeout: opts.limits.requestTimeoutMs,
        headersTimeout: opts.limits.requestTimeoutMs,
        // Node checks the timeouts above on this interval; the default (30 s) would let a
        // slow client hold a request far past its limit.
        connectionsCheckingInterval: Math.max(100, Math.min(1000, opts.limits.requestTimeoutMs / 4)),
        // The API server keeps idle connections ~90 s; closing them sooner races its reuse.
        keepAliveTimeout: 120_000,
      },
      (req, res) => this.handle(req, res),
    );
    this.server.on('clientError', (err, socket) => {
      // Malformed HTTP, TLS failures, timeouts: answer if the socket can take it, never throw.
      const code = (err as NodeJS.ErrnoException).code;
      const status = code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
      if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      else socket.destroy();
      if (code !== 'ECONNRESET') this.opts.metrics.badRequest(code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'timeout' : 'http');
    });
  }

  get isReady(): boolean {
    return this.ready;
  }

  async start(): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.opts.port, this.opts.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.certs.start(this.opts.certReloadIntervalMs ?? 5000);
    this.ready = true;
    const address = this.server.address() as AddressInfo;
    this.log('info', 'listening', { address: address.address, port: address.port, pid: process.pid });
    return address;
  }

  /** Forces a look at the certificate files (tests; a SIGHUP handler). */
  reloadCertificates(): Promise<void> {
    return this.certs.check();
  }

  /** Readiness off, keep serving for the delay, stop accepting, drain, close. Idempotent. */
  shutdown(): Promise<void> {
    this.stopping ??= this.drain();
    return this.stopping;
  }

  private async drain(): Promise<void> {
    this.ready = false;
    this.log('info', 'shutting down: readiness off', { delayMs: this.opts.shutdownDelayMs ?? 0 });
    await sleep(this.opts.shutdownDelayMs ?? 0);
    this.closing = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    const deadline = Date.now() + (this.opts.drainTimeoutMs ?? 10_000);
    this.server.closeIdleConnections();
    while (this.inFlight > 0 && Date.now() < deadline) {
      await sleep(10);
      this.server.closeIdleConnections();
    }
    if (this.inFlight > 0)
      this.log('warn', 'drain timeout: closing connections with requests in flight', { inFlight: this.inFlight });
    this.server.closeAllConnections();
    this.certs.stop();
    await closed;
    this.log('info', 'stopped');
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const start = process.hrtime.bigint();
    if (this.closing) res.setHeader('Connection', 'close');
    const path = (req.url ?? '/').split('?', 1)[0];
    const endpoint: Endpoint | undefined = path === '/validate' ? 'validate' : path === '/mutate' ? 'mutate' : undefined;
    if (endpoint) {
      if (req.method !== 'POST') return this.plain(res, 405, 'use POST with an AdmissionReview\n', { Allow: 'POST' });
      this.inFlight++;
      this.opts.metrics.inFlight.inc();
      res.once('close', () => {
        this.inFlight--;
        this.opts.metrics.inFlight.dec();
      });
      void this.review(endpoint, req, res, start);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return this.plain(res, 405, 'method not allowed\n', { Allow: 'GET' });
    switch (path) {
      case '/healthz':
        return this.plain(res, 200, 'ok\n');
      case '/readyz': {
        if (!this.ready) return this.plain(res, 503, 'not ready: shutting down\n');
        const why = this.opts.notReadyBecause?.();
        return why === undefined ? this.plain(res, 200, 'ready\n') : this.plain(res, 503, `not ready: ${why}\n`);
      }
      case '/metrics':
        this.opts.metrics.text().then(
          ({ contentType, body }) => this.plain(res, 200, body, { 'Content-Type': contentType }),
          (e: unknown) => this.plain(res, 500, `metrics failed: ${String(e)}\n`),
        );
        return;
      default:
        return this.plain(res, 404, 'not found: use /validate, /mutate, /healthz, /readyz or /metrics\n');
    }
  }

  private async review(endpoint: Endpoint, req: IncomingMessage, res: ServerResponse, start: bigint): Promise<void> {
    let review: ParsedReview | undefined;
    let outcome: Outcome | undefined;
    try {
      if (this.opts.tls.clientCa !== undefined && !(req.socket as TLSSocket).authorized)
        throw new HttpError(401, 'client_certificate', 'a client certificate signed by the configured CA is required');
      const type = req.headers['content-type'] ?? '';
      if (!/^application\/json\b/i.test(type))
        throw new HttpError(400, 'content_type', `Content-Type must be application/json (got "${type}")`);
      const body = await readBody(req, this.opts.limits.maxBodyBytes);
      const depth = jsonDepth(body, this.opts.limits.maxJsonDepth);
      if (depth > this.opts.limits.maxJsonDepth)
        throw new HttpError(400, 'too_deep', `JSON nesting exceeds the limit of ${this.opts.limits.maxJsonDepth} levels`);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch (e) {
        throw new HttpError(400, 'malformed_json', `malformed JSON: ${e instanceof Error ? e.message : String(e)}`);
      }
      review = parseReview(parsed);
      outcome = endpoint === 'validate' ? this.opts.admitter.validate(review) : this.opts.admitter.mutate(review);
    } catch (e) {
      if (e instanceof HttpError || e instanceof BadReview) {
        const status = e instanceof HttpError ? e.status : 400;
        const reason = e instanceof HttpError ? e.reason : 'invalid_review';
        this.opts.metrics.badRequest(reason);
        // After a rejected body the connection may hold unread bytes: do not reuse it.
        res.setHeader('Connection', 'close');
        this.plain(res, status, `palisade: ${e.message}\n`);
        this.observe(endpoint, review, 'bad_request', start);
        return;
      }
      if (!review) {
        // A bug before the review was understood: no uid to answer with, so HTTP 500 (the API
        // server then applies the webhook's failurePolicy), counted and logged, never a crash.
        this.opts.metrics.internalError(endpoint);
        this.log('error', 'internal error before the review was parsed', { error: String(e) });
        this.plain(res, 500, 'palisade: internal error\n');
        this.observe(endpoint, review, 'error', start);
        return;
      }
      outcome = this.failure(endpoint, review, e);
    }
    if (outcome.internalError) {
      this.opts.metrics.internalError(endpoint);
      this.log('error', 'internal error answered by the failure mode', { uid: review.request.uid, error: outcome.internalError });
    }
    for (const f of outcome.counted) this.opts.metrics.finding(f.ruleId, f.severity);
    const body = JSON.stringify(outcome.review);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
    this.observe(endpoint, review, outcome.decision, start);
  }

  /** An unexpected error while deciding: the failure mode answers, never the stack trace. */
  private failure(endpoint: Endpoint, review: ParsedReview, e: unknown): Outcome {
    const message = e instanceof Error ? e.message : String(e);
    const allow = this.opts.failureMode === 'allow';
    return {
      review: reviewOut(review.apiVersion, {
        uid: review.request.uid,
        allowed: allow,
        ...(allow
          ? { warnings: [`palisade: internal error (${message}); allowed by the failure mode (allow)`] }
          : {
              status: {
                code: 500,
                reason: 'InternalError',
                message: `palisade: internal error (${message}); the failure mode is deny`,
              },
            }),
        auditAnnotations: { decision: 'error', error: message },
      }),
      decision: 'error',
      counted: [],
      internalError: `${endpoint}: ${message}`,
    };
  }

  private observe(endpoint: Endpoint, review: ParsedReview | undefined, decision: Decision, start: bigint): void {
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    this.opts.metrics.request(
      { webhook: endpoint, operation: review?.request.operation ?? '', kind: review?.request.kind.kind ?? '', decision },
      seconds,
    );
  }

  private plain(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
    if (res.headersSent) return;
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body), ...headers });
    res.end(body);
  }
}

/** Reads the body up to `limit` bytes; beyond it, stops buffering and fails. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit)
    return Promise.reject(new HttpError(400, 'too_large', `the body (${declared} bytes) exceeds the limit of ${limit} bytes`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size <= limit) return void chunks.push(c);
      req.off('data', onData);
      req.resume(); // discard the rest; the response closes the connection
      reject(new HttpError(400, 'too_large', `the body exceeds the limit of ${limit} bytes`));
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks, size)));
    req.once('error', (e) => reject(new HttpError(400, 'read_error', `cannot read the body: ${e.message}`)));
  });
}

/**
 * The deepest nesting of objects and arrays in a JSON text, stopping early past `limit`. Runs
 * on bytes before JSON.parse, so a hostile body cannot exhaust the parser's stack: UTF-8
 * continuation bytes never equal the ASCII brackets and quotes looked at here.
 */
export function jsonDepth(buf: Uint8Array, limit: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (inString) {
      if (b === 0x5c) i++;
      else if (b === 0x22) inString = false;
    } else if (b === 0x22) inString = true;
    else if (b === 0x7b || b === 0x5b) {
      if (++depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (b === 0x7d || b === 0x5d) depth--;
  }
  return max;
}

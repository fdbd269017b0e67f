/**
 * A fake kube-apiserver for Namespaces: a real HTTPS server on 127.0.0.1 (CA and serving
 * certificate made here) that answers list and watch as the API server does, with the shapes of
 * test/fixtures/apiserver/ (see its README for what they are based on):
 *
 *   GET /api/v1/namespaces[?limit=N&continue=T]      NamespaceList (items without kind/apiVersion)
 *   GET /api/v1/namespaces?watch=true&resourceVersion=RV[&allowWatchBookmarks=true]
 *       200 and newline-delimited events after RV (from its history), then live ones; a
 *       resourceVersion older than its history window: 200, one ERROR event (Status 410
 *       Expired), end of stream
 *   bad or missing bearer token: 401 Status; `forbidden`: 403 Status
 *
 * Tests change the world (create, label, remove, bookmark), break or end watches, expire the
 * history, and wait for requests: nothing here sleeps.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import forge from 'node-forge';
import { ROOT } from './cli.js';

type Json = Record<string, unknown>;

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'apiserver');
export const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');
export const fixtureJson = <T = Json>(name: string): T => JSON.parse(fixture(name)) as T;
/** The events of a recorded watch stream (one JSON document per line). */
export const fixtureEvents = (name: string): { type: string; object: Json }[] =>
  fixture(name)
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { type: string; object: Json });

const clone = <T>(v: T): T => structuredClone(v);

// --- Certificates ------------------------------------------------------------------------------

function key(): { forgeKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; pem: string } {
  // node:crypto makes the key (fast); node-forge builds the certificate, as src/webhook/certs.ts does.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  return { forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e), pem };
}

function certificate(
  subject: string,
  publicKey: forge.pki.PublicKey,
  issuer: { name: string; key: forge.pki.rsa.PrivateKey },
  extensions: object[],
): forge.pki.Certificate {
  const c = forge.pki.createCertificate();
  c.serialNumber = '01' + randomBytes(8).toString('hex');
  c.publicKey = publicKey;
  c.validity.notBefore = new Date(Date.now() - 60_000);
  c.validity.notAfter = new Date(Date.now() + 86_400_000);
  c.setSubject([{ name: 'commonName', value: subject }]);
  c.setIssuer([{ name: 'commonName', value: issuer.name }]);
  c.setExtensions(extensions);
  c.sign(issuer.key, forge.md.sha256.create());
  return c;
}

/** A CA, and a serving certificate for 127.0.0.1 and localhost signed by it. */
export function makeCerts(): { ca: string; cert: string; key: string } {
  const ca = key();
  const caCert = certificate('fake-apiserver-ca', ca.publicKey, { name: 'fake-apiserver-ca', key: ca.forgeKey }, [
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ]);
  const leaf = key();
  const cert = certificate('kube-apiserver', leaf.publicKey, { name: 'fake-apiserver-ca', key: ca.forgeKey }, [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    // The API server's certificate names the IP clients use (KUBERNETES_SERVICE_HOST is an IP).
    {
      name: 'subjectAltName',
      altNames: [
        { type: 7, ip: '127.0.0.1' },
        { type: 2, value: 'localhost' },
      ],
    },
  ]);
  return { ca: forge.pki.certificateToPem(caCert), cert: forge.pki.certificateToPem(cert), key: leaf.pem };
}

// --- The server --------------------------------------------------------------------------------

export interface FakeRequest {
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  userAgent: string | undefined;
  watch: boolean;
}

interface Watcher {
  res: ServerResponse;
  bookmarks: boolean;
}

export class FakeApiServer {
  /** Bearer tokens accepted. */
  readonly tokens = new Set<string>(['good-token']);
  /** Answer every request with 403 (a service account without RBAC). */
  forbidden = false;
  /** End every watch as soon as it starts, without an event (a misbehaving proxy). */
  closeWatchesAtOnce = false;
  /** Never answer lists (to stop a client in the middle of one). */
  hangLists = false;
  /** Accept watch requests but never answer them (a stuck proxy). */
  hangWatches = false;
  readonly requests: FakeRequest[] = [];
  rv = 0;
  private readonly objects = new Map<string, Json>();
  private readonly history: { rv: number; line: string }[] = [];
  /** Watches from a resourceVersion older than this get 410 Expired. */
  private oldest = 0;
  private readonly watchers = new Set<Watcher>();
  private readonly events = new EventEmitter();
  private server!: Server;
  url = '';

  private constructor(readonly certs: { ca: string; cert: string; key: string }) {}

  /** Starts a server holding the namespaces of `list` (default: the recorded NamespaceList). */
  static async start(
    certs: { ca: string; cert: string; key: string },
    list: Json = fixtureJson('namespace-list.json'),
  ): Promise<FakeApiServer> {
    const f = new FakeApiServer(certs);
    f.rv = Number((list.metadata as Json).resourceVersion);
    for (const item of list.items as Json[]) {
      const obj: Json = { kind: 'Namespace', apiVersion: 'v1', ...clone(item) };
      f.objects.set(String((obj.metadata as Json).name), obj);
    }
    f.server = createServer({ cert: certs.cert, key: certs.key }, (req, res) => f.handle(req, res));
    await new Promise<void>((resolve) => f.server.listen(0, '127.0.0.1', resolve));
    f.url = `https://127.0.0.1:${(f.server.address() as AddressInfo).port}`;
    return f;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const w of this.watchers) w.res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Resolves with the first request (at index `from` or later) that matches. */
  request(match: (r: FakeRequest) => boolean, from = 0): Promise<FakeRequest> {
    const seen = this.requests.slice(from).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => {
      const on = (r: FakeRequest) => {
        if (!match(r)) return;
        this.events.off('request', on);
        resolve(r);
      };
      this.events.on('request', on);
    });
  }

  get openWatches(): number {
    return this.watchers.size;
  }

  // --- Changing the world (each change gets the next resourceVersion, as etcd's revision) -----

  private record(type: string, object: Json): void {
    this.history.push({ rv: Number((object.metadata as Json).resourceVersion), line: JSON.stringify({ type, object }) + '\n' });
    for (const w of this.watchers) w.res.write(this.history.at(-1)!.line);
  }

  private bump(obj: Json): Json {
    (obj.metadata as Json).resourceVersion = String(++this.rv);
    return obj;
  }

  create(name: string, labels: Record<string, string> = {}): void {
    const obj = this.bump({
      kind: 'Namespace',
      apiVersion: 'v1',
      metadata: {
        name,
        uid: randomBytes(16).toString('hex'),
        creationTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
        labels: { 'kubernetes.io/metadata.name': name, ...labels },
      },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
    this.objects.set(name, obj);
    this.record('ADDED', clone(obj));
  }

  /** Sets (or with undefined removes) a label, as `kubectl label` does. */
  label(name: string, key: string, value: string | undefined): void {
    const obj = this.objects.get(name);
    if (!obj) throw new Error(`no namespace ${name}`);
    const labels = ((obj.metadata as Json).labels ??= {}) as Record<string, string>;
    if (value === undefined) delete labels[key];
    else labels[key] = value;
    this.record('MODIFIED', clone(this.bump(obj)));
  }

  remove(name: string): void {
    const obj = this.objects.get(name);
    if (!obj) throw new Error(`no namespace ${name}`);
    this.objects.delete(name);
    this.record('DELETED', clone(this.bump(obj)));
  }

  /** Events recorded elsewhere (a fixture) that happen once the first watch arrives, i.e. after
   *  the client's list: they reach it through that watch, as they did when recorded. */
  replayOnFirstWatch(events: { type: string; object: Json }[]): void {
    this.pending = events;
  }

  private pending: { type: string; object: Json }[] | undefined;

  private replay(events: { type: string; object: Json }[]): void {
    for (const e of events) {
      const rv = Number((e.object.metadata as Json).resourceVersion);
      this.rv = Math.max(this.rv, rv);
      const name = (e.object.metadata as Json).name as string | undefined;
      if (e.type === 'ADDED' || e.type === 'MODIFIED') this.objects.set(name!, clone(e.object));
      if (e.type === 'DELETED') this.objects.delete(name!);
      if (e.type === 'BOOKMARK') continue; // bookmarks are not history: they go to current watchers only
      this.record(e.type, clone(e.object));
    }
    const last = events.at(-1);
    if (last?.type === 'BOOKMARK') this.bookmarkAt = Number((last.object.metadata as Json).resourceVersion);
  }

  /** A BOOKMARK to send to each watch that asked for them, once it has caught up. */
  private bookmarkAt: number | undefined;

  /** Sends a BOOKMARK at the current resourceVersion to watches that asked for them. */
  bookmark(): void {
    for (const w of this.watchers) if (w.bookmarks) w.res.write(this.bookmarkLine(this.rv));
  }

  private bookmarkLine(rv: number): string {
    return (
      JSON.stringify({
        type: 'BOOKMARK',
        object: { kind: 'Namespace', apiVersion: 'v1', metadata: { resourceVersion: String(rv), creationTimestamp: null } },
      }) + '\n'
    );
  }

  /** Compaction: history before the current resourceVersion is gone (watches from it get 410). */
  expireHistory(): void {
    this.oldest = this.rv;
    this.history.length = 0;
  }

  /** Breaks every open watch connection (no clean end: a network failure, an API server crash). */
  breakWatches(): void {
    for (const w of this.watchers) w.res.socket?.destroy();
    this.watchers.clear();
  }

  /** Ends every open watch cleanly, as the API server does when timeoutSeconds runs out. */
  endWatches(): void {
    for (const w of this.watchers) w.res.end();
    this.watchers.clear();
  }

  // --- HTTP --------------------------------------------------------------------------------------

  private status(res: ServerResponse, code: number, body: string): void {
    res.writeHead(code, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
    res.end(body);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'https://fake');
    const watch = url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1';
    const r: FakeRequest = {
      path: url.pathname,
      query: url.searchParams,
      authorization: req.headers.authorization,
      userAgent: req.headers['user-agent'],
      watch,
    };
    this.requests.push(r);
    this.events.emit('request', r);

    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !this.tokens.has(token)) return this.status(res, 401, fixture('status-401-unauthorized.json'));
    if (this.forbidden) return this.status(res, 403, fixture('status-403-forbidden.json'));
    if (req.method !== 'GET' || url.pathname !== '/api/v1/namespaces')
      return this.status(
        res,
        404,
        JSON.stringify({
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'the server could not find the requested resource',
          reason: 'NotFound',
          details: {},
          code: 404,
        }),
      );
    if (watch && this.hangWatches) return;
    if (watch) return this.watch(url.searchParams, res);
    if (this.hangLists) return;
    this.list(url.searchParams, res);
  }

  private list(q: URLSearchParams, res: ServerResponse): void {
    const all = [...this.objects.values()].sort((a, b) =>
      String((a.metadata as Json).name).localeCompare(String((b.metadata as Json).name)),
    );
    let offset = 0;
    let rv = this.rv;
    const cont = q.get('continue');
    if (cont) {
      const t = JSON.parse(Buffer.from(cont, 'base64').toString()) as { rv: number; offset: number };
      if (t.rv < this.oldest)
        return this.status(
          res,
          410,
          JSON.stringify({
            kind: 'Status',
            apiVersion: 'v1',
            metadata: {},
            status: 'Failure',
            message:
              'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
            reason: 'Expired',
            code: 410,
          }),
        );
      offset = t.offset;
      rv = t.rv;
    }
    const limit = Number(q.get('limit') ?? 0);
    const page = limit > 0 ? all.slice(offset, offset + limit) : all.slice(offset);
    const next =
      limit > 0 && offset + limit < all.length
        ? Buffer.from(JSON.stringify({ rv, offset: offset + limit })).toString('base64')
        : undefined;
    // List items carry no kind/apiVersion on the wire.
    const items = page.map(({ kind: _k, apiVersion: _a, ...rest }) => rest);
    this.status(
      res,
      200,
      JSON.stringify({
        kind: 'NamespaceList',
        apiVersion: 'v1',
        metadata: { resourceVersion: String(rv), ...(next ? { continue: next } : {}) },
        items,
      }),
    );
  }

  private watch(q: URLSearchParams, res: ServerResponse): void {
    const from = Number(q.get('resourceVersion') ?? 0);
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, private',
      'Transfer-Encoding': 'chunked',
    });
    if (from < this.oldest) {
      const e = fixtureJson<{ type: string; object: Json }>('watch-error-410-expired.json');
      e.object.message = `too old resource version: ${from} (${this.oldest})`;
      res.end(JSON.stringify(e) + '\n');
      return;
    }
    res.flushHeaders();
    if (this.pending) {
      this.replay(this.pending);
      this.pending = undefined;
    }
    for (const h of this.history) if (h.rv > from) res.write(h.line);
    const bookmarks = q.get('allowWatchBookmarks') === 'true';
    if (bookmarks && this.bookmarkAt !== undefined && this.bookmarkAt > from) res.write(this.bookmarkLine(this.bookmarkAt));
    if (this.closeWatchesAtOnce) return void res.end();
    const w: Watcher = { res, bookmarks };
    this.watchers.add(w);
    res.on('close', () => this.watchers.delete(w));
  }
}

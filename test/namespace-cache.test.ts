/**
 * The namespace informer against a fake kube-apiserver (test/helpers/fake-apiserver.ts): a real
 * HTTPS server answering list and watch with the recorded shapes of test/fixtures/apiserver/.
 * Backoff is a few milliseconds and jitter-free; tests wait for the cache's own events or the
 * server's requests, never for time to pass.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, before, describe, it } from 'node:test';
import { identityOf, labelsOf } from '../src/core/objects.js';
import { FakeApiServer, fixtureEvents, makeCerts } from './helpers/fake-apiserver.js';
import { resolveConnection, type ClusterConnection } from '../src/webhook/kube-api.js';
import { NamespaceCache, type CacheEvent, type NamespaceCacheOptions } from '../src/webhook/namespace-cache.js';
import { DEFAULT_POLICY, thresholdsFor } from '../src/webhook/policy.js';

let certs: ReturnType<typeof makeCerts>;
let otherCa: string;
const servers: FakeApiServer[] = [];
const caches: NamespaceCache[] = [];
const dir = mkdtempSync(path.join(tmpdir(), 'palisade-nscache-'));

before(() => {
  certs = makeCerts();
  otherCa = makeCerts().ca;
});

afterEach(async () => {
  await Promise.all(caches.splice(0).map((c) => c.stop()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function fake(list?: Record<string, unknown>): Promise<FakeApiServer> {
  const f = await FakeApiServer.start(certs, list);
  servers.push(f);
  return f;
}

function direct(f: FakeApiServer, token = 'good-token'): ClusterConnection {
  return {
    server: f.url,
    source: 'test',
    requestOptions: async () => ({ ca: certs.ca, headers: { Authorization: `Bearer ${token}` } }),
  };
}

function cache(connection: ClusterConnection, o: Partial<NamespaceCacheOptions> = {}): NamespaceCache {
  const c = new NamespaceCache({
    connection,
    backoff: { initialMs: 5, maxMs: 40, factor: 2, jitter: 0 },
    random: () => 0.5,
    ...o,
  });
  caches.push(c);
  return c;
}

/** The next event of `c` that matches (subscribed before the action that causes it). */
function next<E extends CacheEvent['type']>(
  c: NamespaceCache,
  type: E,
  match: (e: Extract<CacheEvent, { type: E }>) => boolean = () => true,
): Promise<Extract<CacheEvent, { type: E }>> {
  return new Promise((resolve) => {
    const off = c.subscribe((e) => {
      if (e.type !== type) return;
      const ev = e as Extract<CacheEvent, { type: E }>;
      if (!match(ev)) return;
      off();
      resolve(ev);
    });
  });
}

/** The first `n` events of a type, in order. */
function collect<E extends CacheEvent['type']>(
  c: NamespaceCache,
  type: E,
  n: number,
): Promise<Extract<CacheEvent, { type: E }>[]> {
  const out: Extract<CacheEvent, { type: E }>[] = [];
  return new Promise((resolve) => {
    const off = c.subscribe((e) => {
      if (e.type !== type || out.length >= n) return;
      out.push(e as Extract<CacheEvent, { type: E }>);
      if (out.length === n) {
        off();
        resolve(out);
      }
    });
  });
}

const SYSTEM = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

describe('NamespaceCache', () => {
  it('initial sync: every namespace of the list, labels and whole objects, then a watch from the list resourceVersion', async () => {
    const f = await fake();
    const c = cache(direct(f));
    assert.equal(c.synced, false);
    assert.equal(c.labels('team-a'), undefined);
    const watching = next(c, 'watching');
    c.start();
    await c.whenSynced();
    assert.equal(c.synced, true);
    assert.deepEqual(c.names().sort(), [...SYSTEM, 'team-a', 'team-b']);

    assert.deepEqual(c.labels('team-a'), {
      'kubernetes.io/metadata.name': 'team-a',
      'palisade.dev/enforce': 'medium',
      'pod-security.kubernetes.io/enforce': 'baseline',
      'pod-security.kubernetes.io/enforce-version': 'latest',
    });
    assert.equal(c.labels('no-such-namespace'), undefined);
    const ns = c.namespace('team-a')!;
    // List items come without kind/apiVersion: the cache fills them in, so the engine can index it.
    assert.equal(ns.kind, 'Namespace');
    assert.equal(ns.apiVersion, 'v1');
    assert.equal(identityOf(ns)?.id.kind, 'Namespace');
    assert.equal(ns.metadata.managedFields, undefined, 'managedFields are dropped');
    assert.ok(ns.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']);
    assert.deepEqual(ns.status, { phase: 'Active' });
    assert.ok(Object.isFrozen(ns) && Object.isFrozen(ns.metadata.labels), 'shared objects are frozen');
    assert.throws(() => {
      (ns.metadata.labels as Record<string, string>)['palisade.dev/enforce'] = 'none';
    }, TypeError);

    // What the Admitter does with it: the label overrides the default enforce threshold (high).
    assert.equal(thresholdsFor(DEFAULT_POLICY, 'team-a', labelsOf(ns.metadata)).enforce, 'medium');
    assert.equal(thresholdsFor(DEFAULT_POLICY, 'team-b', c.labels('team-b')).warn, 'low');

    const w = await watching;
    assert.equal(w.resourceVersion, '48213');
    const [list, watch] = f.requests;
    assert.equal(list!.watch, false);
    assert.equal(list!.query.get('limit'), '500');
    assert.match(list!.userAgent ?? '', /^palisade\//);
    assert.equal(watch!.watch, true);
    assert.equal(watch!.query.get('resourceVersion'), '48213');
    assert.equal(watch!.query.get('allowWatchBookmarks'), 'true');
    assert.equal(watch!.query.get('timeoutSeconds'), '450'); // 300 * (1 + random 0.5)

    const s = c.stats();
    assert.equal(s.synced, true);
    assert.equal(s.connected, true);
    assert.equal(s.namespaces, 6);
    assert.equal(s.resourceVersion, '48213');
    assert.equal(s.lists, 1);
    assert.equal(s.relists, 0);
    assert.equal(s.watches, 1);
    assert.equal(s.errors, 0);
    assert.equal(s.lastError, undefined);
    assert.ok(s.lastListAt);
  });

  it('follows a recorded watch stream: ADDED, a label change (MODIFIED), a namespace terminating then DELETED, a BOOKMARK', async () => {
    const f = await fake();
    f.replayOnFirstWatch(fixtureEvents('watch-namespaces.jsonl'));
    const c = cache(direct(f));
    const bookmark = next(c, 'event', (e) => e.event === 'BOOKMARK');
    const seen = collect(c, 'event', 5);
    c.start();
    await bookmark;

    assert.deepEqual(
      (await seen).map((e) => `${e.event} ${e.name ?? '-'} ${e.resourceVersion}`),
      ['ADDED team-c 48290', 'MODIFIED team-a 48302', 'MODIFIED team-b 48377', 'DELETED team-b 48391', 'BOOKMARK - 48400'],
    );
    assert.deepEqual(c.names().sort(), [...SYSTEM, 'team-a', 'team-c']);
    assert.equal(c.labels('team-a')?.['palisade.dev/enforce'], 'critical');
    assert.equal(thresholdsFor(DEFAULT_POLICY, 'team-a', c.labels('team-a')).enforce, 'critical');
    assert.equal(c.labels('team-b'), undefined, 'deleted');
    assert.deepEqual(c.labels('team-c'), { 'kubernetes.io/metadata.name': 'team-c' });
    const s = c.stats();
    assert.deepEqual(s.events, { ADDED: 1, MODIFIED: 2, DELETED: 1, BOOKMARK: 1, ERROR: 0 });
    assert.equal(s.resourceVersion, '48400', 'the bookmark moved the resourceVersion');
    assert.equal(s.namespaces, 6);
  });

  it('applies live changes at once: create, relabel, remove a label, delete', async () => {
    const f = await fake();
    const c = cache(direct(f));
    const watching = next(c, 'watching');
    c.start();
    await watching;

    let ev = next(c, 'event', (e) => e.name === 'payments');
    f.create('payments', { 'palisade.dev/enforce': 'low' });
    await ev;
    assert.equal(c.labels('payments')?.['palisade.dev/enforce'], 'low');

    ev = next(c, 'event', (e) => e.event === 'MODIFIED');
    f.label('payments', 'palisade.dev/enforce', 'critical');
    await ev;
    assert.equal(thresholdsFor(DEFAULT_POLICY, 'payments', c.labels('payments')).enforce, 'critical');

    ev = next(c, 'event', (e) => e.event === 'MODIFIED');
    f.label('payments', 'palisade.dev/enforce', undefined);
    await ev;
    assert.equal(thresholdsFor(DEFAULT_POLICY, 'payments', c.labels('payments')).enforce, 'high', 'back to the default');

    ev = next(c, 'event', (e) => e.event === 'DELETED');
    f.remove('payments');
    await ev;
    assert.equal(c.namespace('payments'), undefined);
    assert.equal(c.stats().resourceVersion, String(f.rv));
    assert.equal(c.stats().lists, 1, 'no list after the first');
  });

  it('a watch the server breaks is resumed from the last resourceVersion, without a new list, and misses nothing', async () => {
    const f = await fake();
    const c = cache(direct(f));
    const watching = next(c, 'watching');
    c.start();
    await watching;
    const ev = next(c, 'event', (e) => e.name === 'team-a');
    f.label('team-a', 'palisade.dev/enforce', 'high');
    await ev;
    const rv = c.stats().resourceVersion;
    assert.equal(rv, String(f.rv));

    const error = next(c, 'error');
    const resumed = next(c, 'watching', (e) => e.resourceVersion === rv);
    const missed = next(c, 'event', (e) => e.name === 'team-b' && e.event === 'MODIFIED');
    f.breakWatches();
    // Made while the client is disconnected: the resumed watch must replay it.
    f.label('team-b', 'palisade.dev/enforce', 'critical');
    const e = await error;
    assert.equal(e.relist, false);
    assert.equal(e.retryInMs, 5, 'first retry after the initial backoff');
    await resumed;
    await missed;
    assert.equal(c.labels('team-b')?.['palisade.dev/enforce'], 'critical');
    const s = c.stats();
    assert.equal(s.lists, 1);
    assert.equal(s.watches, 2);
    assert.equal(s.errors, 1);
    assert.ok(s.lastError, 'the broken connection is recorded');
    const watchRequests = f.requests.filter((r) => r.watch);
    assert.equal(watchRequests.at(-1)!.query.get('resourceVersion'), rv);
  });

  it('a watch the server ends (timeoutSeconds) is resumed at once and is not an error', async () => {
    const f = await fake();
    const c = cache(direct(f));
    const watching = next(c, 'watching');
    c.start();
    await watching;
    const ev = next(c, 'event');
    f.create('team-z');
    await ev;
    const rv = c.stats().resourceVersion;
    const resumed = next(c, 'watching', (e) => e.resourceVersion === rv);
    f.endWatches();
    await resumed;
    const s = c.stats();
    assert.equal(s.errors, 0);
    assert.equal(s.watches, 2);
    assert.equal(s.lists, 1);
  });

  it('410 Expired: lists again, replaces the cache (what was deleted meanwhile goes), watches from the new resourceVersion', async () => {
    const f = await fake();
    const c = cache(direct(f));
    const watching = next(c, 'watching');
    c.start();
    await watching;

    const gone = next(c, 'error');
    const expiredP = next(c, 'error', (e) => e.relist);
    const relisted = next(c, 'listed', (e) => e.relist);
    f.breakWatches();
    // While the client is away: changes, then a compaction that drops them from the history.
    f.remove('team-b');
    f.create('team-d', { 'palisade.dev/audit': 'info' });
    f.expireHistory();
    const rvAfter = String(f.rv);
    const rewatch = next(c, 'watching', (e) => e.resourceVersion === rvAfter);

    const first = await gone; // the broken connection
    assert.equal(first.relist, false);
    const expired = await expiredP;
    assert.equal(expired.code, 410);
    assert.equal(expired.reason, 'Expired');
    assert.match(expired.error.message, /too old resource version: 48213 \(\d+\)/);
    assert.equal(expired.retryInMs, 0, 'the first 410 relists at once');
    const listed = await relisted;
    assert.equal(listed.resourceVersion, rvAfter);
    await rewatch;

    assert.equal(c.namespace('team-b'), undefined, 'the missed deletion is applied by the relist');
    assert.equal(c.labels('team-d')?.['palisade.dev/audit'], 'info');
    const s = c.stats();
    assert.equal(s.lists, 2);
    assert.equal(s.relists, 1);
    assert.equal(s.events.ERROR, 1);
    assert.equal(s.lastError?.code, 410);
    assert.equal(s.synced, true, 'stays synced through a relist');
  });

  it('bad token: 401 Unauthorized is surfaced in stats and retried with backoff; the rotated token file is read on the next try (in-cluster)', async () => {
    const f = await fake();
    const sa = mkdtempSync(path.join(dir, 'sa-'));
    writeFileSync(path.join(sa, 'token'), 'expired-token');
    writeFileSync(path.join(sa, 'ca.crt'), certs.ca);
    const env = { KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: String(f.port) };
    const conn = await resolveConnection({ env, serviceAccountDir: sa, home: dir });
    assert.equal(conn.server, f.url);
    assert.match(conn.source, /^in-cluster/);

    const c = cache(conn);
    const errors = collect(c, 'error', 3);
    c.start();
    const three = await errors;
    assert.deepEqual(
      three.map((e) => [e.code, e.reason, e.retryInMs]),
      [
        [401, 'Unauthorized', 5],
        [401, 'Unauthorized', 10],
        [401, 'Unauthorized', 20],
      ],
      'exponential backoff',
    );
    let s = c.stats();
    assert.equal(s.synced, false);
    assert.equal(s.lists, 0);
    assert.equal(s.lastError?.code, 401);
    assert.equal(s.lastError?.reason, 'Unauthorized');
    assert.match(s.lastError?.message ?? '', /Unauthorized/);
    assert.ok(s.errors >= 3);

    // The kubelet rotates the projected token (with a trailing newline, which is trimmed).
    const from = f.requests.length;
    writeFileSync(path.join(sa, 'token'), 'good-token\n');
    await c.whenSynced();
    const ok = await f.request((r) => r.authorization === 'Bearer good-token', from);
    assert.equal(ok.watch, false);
    s = c.stats();
    assert.equal(s.synced, true);
    assert.equal(s.lastError?.code, 401, 'the last error stays visible (with its time) after recovery');
  });

  it('missing RBAC: 403 Forbidden keeps the API server message; whenSynced() rejects on stop()', async () => {
    const f = await fake();
    f.forbidden = true;
    const c = cache(direct(f));
    const error = next(c, 'error');
    c.start();
    const synced = c.whenSynced();
    const e = await error;
    assert.equal(e.code, 403);
    assert.match(e.error.message, /cannot list resource "namespaces" in API group "" at the cluster scope \(403 Forbidden\)/);
    assert.equal(c.synced, false);
    await c.stop();
    await assert.rejects(synced, /stopped before it synced/);
  });

  it('kubeconfig with a CA and a bearer token (read by @kubernetes/client-node)', async () => {
    const f = await fake();
    const file = path.join(dir, 'kubeconfig-token.yaml');
    writeFileSync(
      file,
      `apiVersion: v1
kind: Config
clusters:
- name: fake
  cluster:
    server: ${f.url}/
    certificate-authority-data: ${Buffer.from(certs.ca).toString('base64')}
users:
- name: webhook
  user:
    token: good-token
contexts:
- name: fake
  context:
    cluster: fake
    user: webhook
current-context: fake
`,
    );
    const conn = await resolveConnection({ kubeconfig: file, env: {} });
    assert.equal(conn.server, f.url, 'trailing slash removed');
    assert.match(conn.source, /^kubeconfig .*kubeconfig-token\.yaml \(context fake\)$/);
    const c = cache(conn);
    c.start();
    await c.whenSynced();
    assert.equal(c.names().length, 6);
    assert.equal(f.requests[0]!.authorization, 'Bearer good-token');
  });

  it('a kubeconfig with another CA fails TLS verification: an error, never a silent insecure connection', async () => {
    const f = await fake();
    const file = path.join(dir, 'kubeconfig-wrong-ca.yaml');
    writeFileSync(
      file,
      `apiVersion: v1
kind: Config
clusters: [{name: fake, cluster: {server: "${f.url}", certificate-authority-data: ${Buffer.from(otherCa).toString('base64')}}}]
users: [{name: u, user: {token: good-token}}]
contexts: [{name: fake, context: {cluster: fake, user: u}}]
current-context: fake
`,
    );
    const c = cache(await resolveConnection({ kubeconfig: file }));
    const error = next(c, 'error');
    c.start();
    const e = await error;
    assert.match(e.error.message, /certificate/i);
    assert.equal(c.synced, false);
    assert.equal(f.requests.length, 0, 'no request reached the server');
  });

  it('a server that closes every watch at once meets backoff, not a tight loop', async () => {
    const f = await fake();
    f.closeWatchesAtOnce = true;
    const c = cache(direct(f), { minWatchMs: 60_000 });
    const errors = collect(c, 'error', 3);
    c.start();
    const three = await errors;
    assert.deepEqual(
      three.map((e) => e.retryInMs),
      [5, 10, 20],
    );
    assert.match(three[0]!.error.message, /closed after \d+ ms without any event/);
    assert.equal(c.stats().lists, 1, 'the resourceVersion is kept: no relist');
  });

  it('a watch the server accepts but never answers times out and is retried, never hangs', async () => {
    const f = await fake();
    f.hangWatches = true;
    const c = cache(direct(f), { watchHeadersTimeoutMs: 150 });
    const failed = next(c, 'error');
    c.start();
    await c.whenSynced();
    assert.match((await failed).error.message, /no answer from .* within 150 ms/);
    f.hangWatches = false;
    await next(c, 'watching');
    assert.equal(c.stats().connected, true);
  });

  it('lists in pages (limit/continue) from one snapshot', async () => {
    const f = await fake();
    const c = cache(direct(f), { pageSize: 4 });
    const listed = next(c, 'listed');
    c.start();
    const l = await listed;
    assert.equal(l.pages, 2);
    assert.equal(l.namespaces, 6);
    const lists = f.requests.filter((r) => !r.watch);
    assert.equal(lists.length, 2);
    assert.equal(lists[0]!.query.get('continue'), null);
    assert.ok(lists[1]!.query.get('continue'));
  });

  it('stop() in the middle of the first list ends the loop; whenSynced() rejects', async () => {
    const f = await fake();
    f.hangLists = true;
    const c = cache(direct(f));
    c.start();
    const synced = c.whenSynced();
    await f.request((r) => !r.watch);
    await c.stop();
    await assert.rejects(synced);
    assert.equal(c.stats().lists, 0);
    assert.equal(f.requests.length, 1, 'nothing after stop()');
    c.start(); // a stopped cache stays stopped
    assert.equal(f.openWatches, 0);
  });
});

describe('resolveConnection', () => {
  const kubeconfig = (name: string, server: string, current?: string) => {
    const file = path.join(dir, `${name}.yaml`);
    writeFileSync(
      file,
      `apiVersion: v1
kind: Config
clusters: [{name: ${name}, cluster: {server: "${server}"}}]
users: [{name: ${name}, user: {token: t}}]
contexts: [{name: ${name}, context: {cluster: ${name}, user: ${name}}}]
${current ? `current-context: ${current}` : ''}
`,
    );
    return file;
  };

  it('order: --kubeconfig, then KUBECONFIG, then in-cluster, then ~/.kube/config; nothing is an error', async () => {
    const a = kubeconfig('a', 'https://a.example:6443', 'a');
    const b = kubeconfig('b', 'https://b.example:6443', 'b');
    const inCluster = { KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '443' };
    const home = mkdtempSync(path.join(dir, 'home-'));

    assert.equal(
      (await resolveConnection({ kubeconfig: a, env: { KUBECONFIG: b, ...inCluster }, home })).server,
      'https://a.example:6443',
    );
    assert.equal((await resolveConnection({ env: { KUBECONFIG: b, ...inCluster }, home })).server, 'https://b.example:6443');
    const ic = await resolveConnection({ env: inCluster, home });
    assert.equal(ic.server, 'https://[fd00::1]:443');
    await assert.rejects(ic.requestOptions(), /service account token/);
    await assert.rejects(resolveConnection({ env: {}, home }), /no Kubernetes cluster configured/);

    mkdirSync(path.join(home, '.kube'));
    copyFileSync(a, path.join(home, '.kube', 'config'));
    assert.equal((await resolveConnection({ env: {}, home })).server, 'https://a.example:6443');
  });

  it('KUBECONFIG with several files merges as kubectl does (first wins); --context picks another', async () => {
    const first = kubeconfig('one', 'https://one.example', undefined);
    const second = kubeconfig('two', 'https://two.example', 'two');
    const env = { KUBECONFIG: [first, second].join(path.delimiter) };
    assert.equal((await resolveConnection({ env })).server, 'https://two.example', 'current-context from the second file');
    assert.equal((await resolveConnection({ env, context: 'one' })).server, 'https://one.example');
    await assert.rejects(resolveConnection({ env, context: 'three' }), /no context "three" \(it has: one, two\)/);
  });

  it('refuses plain http and missing files', async () => {
    await assert.rejects(
      resolveConnection({ kubeconfig: kubeconfig('plain', 'http://127.0.0.1:8080', 'plain') }),
      /only https:\/\//,
    );
    await assert.rejects(resolveConnection({ kubeconfig: path.join(dir, 'nope.yaml') }), /does not exist/);
    await assert.rejects(resolveConnection({ kubeconfig: kubeconfig('none', 'https://x.example') }), /no current-context/);
  });
});

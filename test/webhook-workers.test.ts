// `palisade webhook serve --workers N` as a real process tree: the workers share the port,
// /metrics on any worker shows the whole pod, a worker that dies is replaced, and a worker that
// cannot start (bad certificates) stops everything with exit 2 instead of a restart loop.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { call, servingCerts, startWebhook, type WebhookProcess } from './helpers/webhook-process.js';

const tls = servingCerts();
const started: WebhookProcess[] = [];
after(() => started.forEach((s) => s.child.kill('SIGKILL')));
const start = (args: string[]) => {
  const s = startWebhook(['--host', '127.0.0.1', '--port', '0', ...args]);
  started.push(s);
  return s;
};

const review = (i: number) =>
  JSON.stringify({
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: `w-${i}`,
      kind: { group: '', version: 'v1', kind: 'ConfigMap' },
      namespace: 'shop',
      operation: 'CREATE',
      userInfo: { username: 'alice' },
      object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}`, namespace: 'shop' }, data: { a: 'b' } },
    },
  });

const requestsTotal = (metrics: string) =>
  [...metrics.matchAll(/^palisade_webhook_requests_total\{[^}]*\} (\d+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);

describe('webhook serve --workers', () => {
  it('shares the port, aggregates metrics across workers, replaces a dead worker', { timeout: 60_000 }, async () => {
    const t = start(['--tls-cert', tls.certFile, '--tls-key', tls.keyFile, '--workers', '2', '--shutdown-delay', '0']);
    const { pids, port } = await t.listening(2);
    const [a, b] = pids;
    assert.notEqual(a, b, 'two processes');
    assert.ok(a !== t.child.pid && b !== t.child.pid, 'the primary does not serve');
    assert.ok(
      [...t.stderr().matchAll(/"port":(\d+)/g)].every((m) => Number(m[1]) === port),
      'one shared port',
    );

    for (let i = 0; i < 20; i++) assert.equal((await call(port, tls.caCert, '/validate', review(i))).status, 200);
    // Whichever worker answers, it reports the pod: all 20 reviews, not its own share.
    for (let i = 0; i < 3; i++) assert.equal(requestsTotal((await call(port, tls.caCert, '/metrics')).text), 20);

    process.kill(a!, 'SIGKILL');
    const after = await t.listening(3);
    assert.match(t.stderr(), /"message":"worker died; replacing it"/);
    assert.ok(!after.pids.slice(2).includes(a!));
    for (let i = 20; i < 30; i++) assert.equal((await call(port, tls.caCert, '/validate', review(i))).status, 200);

    t.child.kill('SIGTERM');
    assert.equal(await t.exited, 0, t.stderr());
  });

  it('replaces every worker when all die at once (the primary stays up)', { timeout: 60_000 }, async () => {
    const t = start(['--tls-cert', tls.certFile, '--tls-key', tls.keyFile, '--workers', '2', '--shutdown-delay', '0']);
    const { pids } = await t.listening(2);
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    // With --port 0 the new workers get a new port (nothing held the old one); a real --port is kept.
    const { ports } = await t.listening(4);
    assert.equal((await call(ports[3]!, tls.caCert, '/validate', review(1))).status, 200);
    t.child.kill('SIGTERM');
    assert.equal(await t.exited, 0, t.stderr());
  });

  it('exits 2 when a worker cannot start, instead of restarting it forever', { timeout: 30_000 }, async () => {
    const s = start(['--tls-cert', path.join(tls.dir, 'missing.crt'), '--tls-key', tls.keyFile, '--workers', '2']);
    assert.equal(await s.exited, 2, s.stderr());
    assert.match(s.stderr(), /missing\.crt/);
    assert.match(s.stderr(), /a worker failed to start; stopping/);
  });

  it('refuses a bad --workers value with exit 2', { timeout: 30_000 }, async () => {
    const s = start(['--tls-cert', 'x', '--tls-key', 'y', '--workers', '0']);
    assert.equal(await s.exited, 2);
    assert.match(s.stderr(), /--workers must be a whole number from 1 to 64/);
  });
});

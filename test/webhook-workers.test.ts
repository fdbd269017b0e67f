// `palisade webhook serve --workers N` as a real process tree: the workers share the port,
// /metrics on any worker shows the whole pod, a worker that dies is replaced, and a worker that
// cannot start (bad certificates) stops everything with exit 2 instead of a restart loop.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { generateCerts } from '../src/webhook/certs.js';
import { ROOT } from './helpers/cli.js';

const SAN = 'palisade-webhook.palisade-system.svc';
const certs = generateCerts({ service: 'palisade-webhook', namespace: 'palisade-system' });
const dir = mkdtempSync(path.join(tmpdir(), 'palisade-workers-'));
writeFileSync(path.join(dir, 'tls.crt'), certs.tlsCert);
writeFileSync(path.join(dir, 'tls.key'), certs.tlsKey);
const children: ChildProcess[] = [];
after(() => children.forEach((c) => c.kill('SIGKILL')));

interface Server {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
  /** Resolves once `count` "listening" lines have been logged in all; returns their pids. */
  listening: (count: number) => Promise<number[]>;
}

function start(args: string[]): Server {
  const tsx = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
  const child = spawn(
    process.execPath,
    ['--import', tsx, path.join(ROOT, 'test/helpers/palisade-src.ts'), 'webhook', 'serve', '--host', '127.0.0.1', ...args],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  children.push(child);
  let stderr = '';
  const waiters: (() => void)[] = [];
  child.stderr!.on('data', (c: Buffer) => {
    stderr += c.toString();
    waiters.forEach((w) => w());
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const pids = () => [...stderr.matchAll(/"message":"listening".*"pid":(\d+)/g)].map((m) => Number(m[1]));
  const listening = (count: number) =>
    new Promise<number[]>((resolve, reject) => {
      const check = () => {
        if (pids().length >= count) resolve(pids());
      };
      waiters.push(check);
      check();
      void exited.then(() => reject(new Error(`server exited:\n${stderr}`)));
    });
  return { child, stderr: () => stderr, exited, listening };
}

function call(port: number, p: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: p,
        method: body ? 'POST' : 'GET',
        ca: [certs.caCert],
        servername: SAN,
        agent: false, // a new connection each time: the workers take turns
        headers: body ? { 'Content-Type': 'application/json' } : {},
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

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
    const t = start([
      '--port',
      '0',
      '--tls-cert',
      path.join(dir, 'tls.crt'),
      '--tls-key',
      path.join(dir, 'tls.key'),
      '--workers',
      '2',
      '--shutdown-delay',
      '0',
    ]);
    const [a, b] = await t.listening(2);
    assert.notEqual(a, b, 'two processes');
    assert.ok(a !== t.child.pid && b !== t.child.pid, 'the primary does not serve');
    const port = Number(/"message":"listening".*"port":(\d+)/.exec(t.stderr())![1]);
    assert.ok(
      [...t.stderr().matchAll(/"port":(\d+)/g)].every((m) => Number(m[1]) === port),
      'one shared port',
    );

    for (let i = 0; i < 20; i++) assert.equal((await call(port, '/validate', review(i))).status, 200);
    // Whichever worker answers, it reports the pod: all 20 reviews, not its own share.
    for (let i = 0; i < 3; i++) assert.equal(requestsTotal((await call(port, '/metrics')).text), 20);

    process.kill(a!, 'SIGKILL');
    const pids = await t.listening(3);
    assert.match(t.stderr(), /"message":"worker died; replacing it"/);
    assert.ok(!pids.slice(2).includes(a!));
    for (let i = 20; i < 30; i++) assert.equal((await call(port, '/validate', review(i))).status, 200);

    t.child.kill('SIGTERM');
    assert.equal(await t.exited, 0, t.stderr());
  });

  it('exits 2 when a worker cannot start, instead of restarting it forever', { timeout: 30_000 }, async () => {
    const s = start([
      '--port',
      '0',
      '--tls-cert',
      path.join(dir, 'missing.crt'),
      '--tls-key',
      path.join(dir, 'tls.key'),
      '--workers',
      '2',
    ]);
    assert.equal(await s.exited, 2, s.stderr());
    assert.match(s.stderr(), /missing\.crt/);
    assert.match(s.stderr(), /a worker failed to start; stopping/);
  });

  it('refuses a bad --workers value with exit 2', { timeout: 30_000 }, async () => {
    const s = start(['--port', '0', '--tls-cert', 'x', '--tls-key', 'y', '--workers', '0']);
    assert.equal(await s.exited, 2);
    assert.match(s.stderr(), /--workers must be a whole number from 1 to 64/);
  });
});

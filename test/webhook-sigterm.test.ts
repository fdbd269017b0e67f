// Graceful shutdown of `palisade webhook serve` as a real child process: under a short load,
// SIGTERM turns readiness off first, the server keeps answering while the (simulated) endpoint
// removal happens, drains reviews still in flight when it closes, and exits 0. No review fails.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { generateCerts } from '../src/webhook/certs.js';
import { ROOT } from './helpers/cli.js';

const SAN = 'palisade-webhook.palisade-system.svc';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function body(i: number): string {
  return JSON.stringify({
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: `u-${i}`,
      kind: { group: 'apps', version: 'v1', kind: 'Deployment' },
      namespace: 'shop',
      operation: 'CREATE',
      userInfo: { username: 'alice' },
      object: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: `web-${i}`, namespace: 'shop' },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'web', image: 'nginx:1.27', securityContext: { privileged: i % 2 === 0 } }] },
          },
        },
      },
    },
  });
}

interface Result {
  status: number;
  uid?: string;
}

/** POSTs a review; with `pause`, sends half the body, waits, then the rest (in flight across the close). */
function post(port: number, ca: string, b: string, agent: Agent | false, pause?: Promise<unknown>): Promise<Result> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/validate',
        method: 'POST',
        ca: [ca],
        servername: SAN,
        agent,
        headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(b)) },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => {
          let uid: string | undefined;
          try {
            uid = (JSON.parse(text) as { response: { uid: string } }).response.uid;
          } catch {
            uid = undefined;
          }
          resolve({ status: res.statusCode ?? 0, uid });
        });
      },
    );
    req.on('error', reject);
    if (!pause) return void req.end(b);
    req.write(b.slice(0, 100));
    void pause.then(() => req.end(b.slice(100)));
  });
}

function ready(port: number, ca: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/readyz', ca: [ca], servername: SAN, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

describe('webhook serve: SIGTERM', () => {
  it('drains in-flight reviews under load: readiness off first, no failed review, exit 0', { timeout: 60_000 }, () =>
    drainUnderLoad([]),
  );
  it('does the same with --workers 2 (the primary forwards SIGTERM; each worker drains)', { timeout: 60_000 }, () =>
    drainUnderLoad(['--workers', '2']),
  );
});

async function drainUnderLoad(extraArgs: string[]): Promise<void> {
  {
    const certs = generateCerts({ service: 'palisade-webhook', namespace: 'palisade-system' });
    const dir = mkdtempSync(path.join(tmpdir(), 'palisade-sigterm-'));
    writeFileSync(path.join(dir, 'tls.crt'), certs.tlsCert);
    writeFileSync(path.join(dir, 'tls.key'), certs.tlsKey);
    const tsx = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
    // Args are the CLI's: the child is `palisade webhook serve` from source.
    const child = spawn(
      process.execPath,
      [
        '--import',
        tsx,
        path.join(ROOT, 'test/helpers/palisade-src.ts'),
        'webhook',
        'serve',
        '--host',
        '127.0.0.1',
        '--port',
        '0',
        '--tls-cert',
        path.join(dir, 'tls.crt'),
        '--tls-key',
        path.join(dir, 'tls.key'),
        '--shutdown-delay',
        '800',
        '--drain-timeout',
        '5000',
        ...extraArgs,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const port = await new Promise<number>((resolve, reject) => {
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString();
        const m = /"message":"listening".*"port":(\d+)/.exec(stderr);
        if (m) resolve(Number(m[1]));
      });
      void exited.then(() => reject(new Error(`server exited before listening:\n${stderr}`)));
    });

    const results: (Result & { expected: string })[] = [];
    let notReadySeen = false;
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    let n = 0;
    // Eight clients in a loop, as the API server's connection pool would send; they stop sending
    // new reviews once readiness is off (the endpoint leaving the Service), like kube-proxy does.
    const workers = Array.from({ length: 8 }, async () => {
      while (!notReadySeen) {
        const i = n++;
        results.push({ ...(await post(port, certs.caCert, body(i), agent)), expected: `u-${i}` });
      }
    });
    await sleep(400);
    // Three reviews whose bodies finish only after the listener closed: in flight across close.
    let release!: () => void;
    const late = new Promise<void>((r) => (release = r));
    const slow = [0, 1, 2].map((k) => post(port, certs.caCert, body(1000 + k), false, late));
    await sleep(50);
    child.kill('SIGTERM');
    while (!notReadySeen) {
      notReadySeen = (await ready(port, certs.caCert)) === 503;
      if (!notReadySeen) await sleep(20);
    }
    await Promise.all(workers);
    await sleep(1000); // past the shutdown delay: the listener is closed now
    release();
    const slowResults = await Promise.all(slow);
    const code = await exited;
    agent.destroy();

    assert.ok(results.length >= 20, `load sent ${results.length} reviews`);
    assert.deepEqual(
      results.filter((r) => r.status !== 200 || r.uid !== r.expected),
      [],
    );
    assert.ok(slowResults.every((r) => r.status === 200));
    assert.deepEqual(
      slowResults.map((r) => r.uid),
      ['u-1000', 'u-1001', 'u-1002'],
    );
    assert.equal(code, 0, stderr);
    assert.match(stderr, /"message":"shutting down: readiness off"/);
    assert.match(stderr, /"message":"stopped"/);
  }
}

// Graceful shutdown of `palisade webhook serve` as a real child process: under a short load,
// SIGTERM turns readiness off first, the server keeps answering while the (simulated) endpoint
// removal happens, drains reviews still in flight when it closes, and exits 0. No review fails.
import assert from 'node:assert/strict';
import { Agent, request } from 'node:https';
import { describe, it } from 'node:test';
import { SAN, servingCerts, startWebhook } from './helpers/webhook-process.js';

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
    const tls = servingCerts();
    const certs = { caCert: tls.caCert };
    const server = startWebhook([
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--tls-cert',
      tls.certFile,
      '--tls-key',
      tls.keyFile,
      '--shutdown-delay',
      '800',
      '--drain-timeout',
      '5000',
      ...extraArgs,
    ]);
    const { child } = server;
    const { port } = await server.listening();

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
    const code = await server.exited;
    const stderr = server.stderr();
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

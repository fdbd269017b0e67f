#!/usr/bin/env node
// npm run bench:webhook: TLS load on loopback against `palisade webhook serve`, with a trivial
// HTTPS echo server measured in the same run as the baseline. Realistic AdmissionReviews (Pods
// and Deployments, good and bad), 50 connections, a bounded duration each. The servers run as
// child processes and autocannon runs here, so load generator and server do not share an event
// loop. The webhook runs as compiled JavaScript (what production runs: tsx's transform adds a
// per-closure cost), built from the current sources into a temporary folder, never into dist/.
import autocannon from 'autocannon';
import { spawn, execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
// Webhook process counts to measure (`--workers`); the echo baseline is one process.
const WORKERS = (process.env.BENCH_WORKERS ?? '1,2').split(',').map(Number);
// A throwaway package: package.json (read for the version) and node_modules beside dist/.
const pkg = mkdtempSync(path.join(tmpdir(), 'palisade-webhook-bench-build-'));
const out = path.join(pkg, 'dist');
copyFileSync(path.join(root, 'package.json'), path.join(pkg, 'package.json'));
symlinkSync(path.join(root, 'node_modules'), path.join(pkg, 'node_modules'), 'dir');

/** Compiles src/ to `out`. tsc emits even when another part of the tree does not type-check;
 *  that is reported (the numbers are still of this code) rather than hidden. */
function build() {
  try {
    execFileSync(
      process.execPath,
      [
        path.join(root, 'node_modules/typescript/bin/tsc'),
        '-p',
        path.join(root, 'tsconfig.build.json'),
        '--outDir',
        out,
        '--sourceMap',
        'false',
      ],
      {
        stdio: 'pipe',
      },
    );
  } catch (e) {
    const errors = String(e.stdout ?? '')
      .split('\n')
      .filter((l) => l.includes('error TS'));
    console.log(
      `note: the tree has ${errors.length} type error(s); benchmarking the emitted JavaScript anyway:\n  ${errors.slice(0, 5).join('\n  ')}`,
    );
  }
}

const ECHO = `
import { createServer } from 'node:https';
import { readFileSync } from 'node:fs';
const [cert, key] = process.argv.slice(1);
const s = createServer({ cert: readFileSync(cert), key: readFileSync(key), minVersion: 'TLSv1.2', keepAliveTimeout: 120000 }, (req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.stringify({ echoed: Buffer.concat(chunks).length });
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  });
});
s.listen(0, '127.0.0.1', () => process.stderr.write(JSON.stringify({ message: 'listening', port: s.address().port }) + '\\n'));
process.on('SIGTERM', () => process.exit(0));
`;

function container(name, bad) {
  return {
    name,
    image: bad ? 'nginx:latest' : 'registry.example/app:1.2.3',
    ports: [{ containerPort: 8080 }],
    resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '64Mi' } },
    readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
    livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
    securityContext: bad
      ? { privileged: true }
      : {
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          runAsNonRoot: true,
          capabilities: { drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
        },
  };
}

function objects() {
  const podSpec = (bad) => ({
    automountServiceAccountToken: false,
    ...(bad ? { hostNetwork: true } : {}),
    containers: [container('app', bad), container('sidecar', false)],
  });
  const out = [];
  for (const bad of [false, true]) {
    out.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `pod-${bad}`, namespace: 'shop', labels: { app: 'x' } },
      spec: podSpec(bad),
    });
    out.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `web-${bad}`, namespace: 'shop', labels: { app: 'web' } },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: podSpec(bad) },
      },
    });
  }
  return out;
}

function reviews() {
  return objects().map((object, i) => {
    const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : ['', object.apiVersion];
    return JSON.stringify({
      apiVersion: 'admission.k8s.io/v1',
      kind: 'AdmissionReview',
      request: {
        uid: `bench-${i}`,
        kind: { group, version, kind: object.kind },
        resource: { group, version, resource: `${object.kind.toLowerCase()}s` },
        namespace: 'shop',
        operation: 'CREATE',
        userInfo: { username: 'bench', groups: ['system:authenticated'] },
        object,
        dryRun: false,
      },
    });
  });
}

/** Starts a server; resolves once `processes` of them logged "listening" (their pids, the port). */
function start(args, processes = 1) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (c) => {
      err += c;
      const seen = [...err.matchAll(/"message":"listening".*"port":(\d+)(?:,"pid":(\d+))?/g)];
      if (seen.length >= processes)
        resolve({ child, port: Number(seen[0][1]), pids: seen.map((m) => Number(m[2] ?? child.pid)) });
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}):\n${err}`)));
  });
}

/** Peak resident memory of processes, summed, MiB (Linux /proc). */
function memory(pids) {
  let peak = 0;
  for (const pid of pids) {
    try {
      const s = readFileSync(`/proc/${pid}/status`, 'utf8');
      peak += Number(/VmHWM:\s+(\d+)/.exec(s)?.[1] ?? 0) / 1024;
    } catch {
      return NaN;
    }
  }
  return peak;
}

async function load(name, port, pathname, bodies) {
  const requests = bodies.map((body) => ({
    method: 'POST',
    path: pathname,
    headers: { 'content-type': 'application/json' },
    body,
  }));
  const url = `https://127.0.0.1:${port}${pathname}`;
  // A short warm-up (JIT, TLS sessions) that is not measured.
  await autocannon({ url, connections: CONNECTIONS, duration: 2, requests });
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, requests });
  return {
    name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    total: r.requests.total,
  };
}

const dir = mkdtempSync(path.join(tmpdir(), 'palisade-webhook-bench-'));
const children = [];
try {
  build();
  // An entry file beside the build (like bin/palisade): `--workers` forks it again.
  const entry = path.join(pkg, 'palisade.mjs');
  writeFileSync(entry, `const { main } = await import('./dist/cli/main.js');\nawait main(process.argv);\n`);
  const palisade = (...args) => [entry, ...args];
  execFileSync(process.execPath, palisade('webhook', 'certs', '--out', dir, '--service', 'bench', '--namespace', 'bench'), {
    stdio: 'ignore',
  });
  const crt = path.join(dir, 'tls.crt');
  const key = path.join(dir, 'tls.key');
  const bodies = reviews();
  console.log(
    `palisade webhook bench: ${CONNECTIONS} connections, ${DURATION}s each, TLS on loopback, ${bodies.length} AdmissionReviews (Pods, Deployments; good and bad) of ${Math.round(bodies.reduce((n, b) => n + b.length, 0) / bodies.length)} bytes on average`,
  );
  const rows = [];
  // One server at a time: on a 2-core machine a running server would steal from the next one.
  const measure = async (name, args, processes, pathname) => {
    const server = await start(args, processes);
    children.push(server.child);
    const r = await load(name, server.port, pathname, bodies);
    r.mem = memory([server.child.pid, ...server.pids.filter((p) => p !== server.child.pid)]);
    server.child.kill('SIGTERM');
    rows.push(r);
    return r;
  };
  const echo = await measure('echo (baseline)', ['--input-type=module', '-e', ECHO, crt, key], 1, '/echo');
  const serve = palisade('webhook', 'serve', '--host', '127.0.0.1', '--port', '0', '--tls-cert', crt, '--tls-key', key);
  const hooks = [];
  for (const w of WORKERS)
    hooks.push(await measure(`webhook x${w} worker${w > 1 ? 's' : ''}`, [...serve, '--workers', String(w)], w, '/validate'));
  // The floor: the same server with every rule disabled (HTTP, TLS, review parsing, metrics).
  // What no rule work can go below on this machine.
  const { BUILTIN_RULES } = await import(pathToFileURL(path.join(out, 'rules/index.js')).href);
  const noRules = path.join(dir, 'no-rules.yaml');
  writeFileSync(noRules, `rules:\n${BUILTIN_RULES.map((r) => `  ${r.meta.id}: false\n`).join('')}`);
  for (const w of WORKERS)
    await measure(`no rules x${w}`, [...serve, '--workers', String(w), '--config', noRules], w, '/validate');
  console.log('server                req/s    p50 ms  p99 ms  max ms  non-2xx  errors  peak RSS MiB  vs echo');
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(20)} ${r.rps.toFixed(0).padStart(6)} ${String(r.p50).padStart(8)} ${String(r.p99).padStart(7)} ${String(r.max).padStart(7)} ${String(r.non2xx).padStart(8)} ${String(r.errors).padStart(7)} ${r.mem.toFixed(0).padStart(13)}  ${(r.rps / echo.rps).toFixed(2)}x`,
    );
  }
  for (const h of hooks) {
    const ok = h.p99 < 20 && h.rps >= echo.rps / 2 && h.non2xx === 0 && h.errors === 0;
    console.log(`target for ${h.name} (p99 < 20 ms, >= 0.5x echo throughput, no errors): ${ok ? 'met' : 'NOT met'}`);
  }
} finally {
  for (const c of children) c.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
  rmSync(pkg, { recursive: true, force: true });
}

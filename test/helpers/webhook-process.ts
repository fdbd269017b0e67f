/**
 * `palisade webhook serve` as a real process (from source, through tsx), and HTTPS calls to it
 * with the CA that signed its serving certificate: what the process-level webhook tests share.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request, type Agent } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateCerts } from '../../src/webhook/certs.js';
import { ROOT } from './cli.js';

/** The name the serving certificate is issued for (TLS checks it). */
export const SAN = 'palisade-webhook.palisade-system.svc';

export interface ServingCerts {
  caCert: string;
  /** Files for --tls-cert / --tls-key. */
  certFile: string;
  keyFile: string;
  dir: string;
}

export function servingCerts(): ServingCerts {
  const certs = generateCerts({ service: 'palisade-webhook', namespace: 'palisade-system' });
  const dir = mkdtempSync(path.join(tmpdir(), 'palisade-webhook-proc-'));
  writeFileSync(path.join(dir, 'tls.crt'), certs.tlsCert);
  writeFileSync(path.join(dir, 'tls.key'), certs.tlsKey);
  return { caCert: certs.caCert, certFile: path.join(dir, 'tls.crt'), keyFile: path.join(dir, 'tls.key'), dir };
}

export interface WebhookProcess {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
  /** Resolves once `count` "listening" lines were logged (workers log one each): their pids and port. */
  listening: (count?: number) => Promise<{ pids: number[]; port: number; ports: number[] }>;
}

/** Spawns `palisade webhook serve ARGS` (add --port, --tls-cert, ... yourself). */
export function startWebhook(args: string[]): WebhookProcess {
  const tsx = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
  const child = spawn(
    process.execPath,
    ['--import', tsx, path.join(ROOT, 'test/helpers/palisade-src.ts'), 'webhook', 'serve', ...args],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stderr!.on('data', (c: Buffer) => {
    stderr += c.toString();
    for (const w of waiters) w();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const seen = () => [...stderr.matchAll(/"message":"listening".*"port":(\d+)(?:,"pid":(\d+))?/g)];
  const listening = (count = 1) =>
    new Promise<{ pids: number[]; port: number; ports: number[] }>((resolve, reject) => {
      const check = () => {
        const lines = seen();
        if (lines.length < count) return;
        waiters.delete(check);
        const ports = lines.map((m) => Number(m[1]));
        resolve({ pids: lines.map((m) => Number(m[2])), port: ports[0]!, ports });
      };
      waiters.add(check);
      check();
      void exited.then(() => reject(new Error(`server exited:\n${stderr}`)));
    });
  return { child, stderr: () => stderr, exited, listening };
}

/** GET (or POST with a JSON body) over HTTPS to the webhook; a new connection unless `agent`. */
export function call(
  port: number,
  ca: string,
  p: string,
  body?: string,
  agent: Agent | false = false,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: p,
        method: body === undefined ? 'GET' : 'POST',
        ca: [ca],
        servername: SAN,
        agent,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
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

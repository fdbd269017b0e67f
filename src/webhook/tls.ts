/**
 * Serving certificate and key (and the CA that signs API server client certificates) from files,
 * re-read when they change so cert-manager or a Secret update rotates them without a restart.
 *
 * Polling rather than fs.watch: Kubernetes updates a mounted Secret by swapping a `..data`
 * symlink, which fs.watch on the files themselves does not see reliably; comparing contents on a
 * short interval is cheap (a few KiB) and works the same everywhere.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createSecureContext, type SecureContextOptions } from 'node:tls';

export interface TlsFiles {
  cert: string;
  key: string;
  /** CA bundle that client certificates must chain to (API server authentication). */
  clientCa?: string;
}

/** TLS 1.2 is the floor: the API server speaks 1.2 and 1.3, nothing older is safe. */
export const MIN_TLS_VERSION = 'TLSv1.2';

interface Contents {
  cert: Buffer;
  key: Buffer;
  ca?: Buffer;
}

/** Throws unless the pair is usable. OpenSSL itself only drops a key that does not match the
 *  certificate (every handshake would then fail), so the match is checked here. */
export function checkPair(c: Contents): void {
  createSecureContext(secureOptions(c));
  if (!new X509Certificate(c.cert).checkPrivateKey(createPrivateKey(c.key)))
    throw new Error('the private key does not match the certificate');
}

export function secureOptions(c: Contents): SecureContextOptions {
  return { cert: c.cert, key: c.key, ...(c.ca ? { ca: c.ca } : {}), minVersion: MIN_TLS_VERSION };
}

function same(a: Contents, b: Contents): boolean {
  return a.cert.equals(b.cert) && a.key.equals(b.key) && (a.ca === b.ca || (!!a.ca && !!b.ca && a.ca.equals(b.ca)));
}

export class CertReloader {
  private current: Contents;
  private lastFailed: Contents | undefined;
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;

  /** Reads the files now: a server must not start without a valid pair. */
  constructor(
    private readonly files: TlsFiles,
    private readonly apply: (options: SecureContextOptions) => void,
    private readonly report: (result: 'ok' | 'error', message: string) => void,
  ) {
    this.current = {
      cert: readFileSync(files.cert),
      key: readFileSync(files.key),
      ca: files.clientCa ? readFileSync(files.clientCa) : undefined,
    };
    checkPair(this.current);
  }

  options(): SecureContextOptions {
    return secureOptions(this.current);
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.check(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One look at the files; public so tests (and a SIGHUP handler) can force it. */
  check(): Promise<void> {
    // One look at a time; a caller during a look waits for it.
    this.checking ??= this.look().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async look(): Promise<void> {
    let next: Contents;
    try {
      next = {
        cert: await readFile(this.files.cert),
        key: await readFile(this.files.key),
        ca: this.files.clientCa ? await readFile(this.files.clientCa) : undefined,
      };
    } catch (e) {
      // Mid-rotation a file can be briefly missing: keep serving the old pair, look again later.
      this.report('error', `cannot read certificate files: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    if (same(next, this.current) || (this.lastFailed && same(next, this.lastFailed))) return;
    try {
      checkPair(next);
      this.apply(secureOptions(next));
    } catch (e) {
      // Certificate written before its key (or a broken file): keep the old pair until both match.
      this.lastFailed = next;
      this.report('error', `new certificate not loaded, keeping the previous one: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    this.current = next;
    this.lastFailed = undefined;
    this.report('ok', 'serving certificate reloaded');
  }
}

/** `palisade webhook serve | certs | manifests`: the admission webhook and its install. */
import { Command } from 'commander';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { BUILTIN_RULES } from '../rules/index.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { Admitter } from '../webhook/admit.js';
import { loadWebhookConfig, WebhookConfigError } from '../webhook/config.js';
import { WebhookMetrics } from '../webhook/metrics.js';
import { WebhookServer, type Log } from '../webhook/server.js';
import type { NamespaceCache } from '../webhook/namespace-cache.js';
import { isWorker, runPrimary, workerMetrics } from '../webhook/workers.js';
import { EXIT, today } from './io.js';

interface ServeFlags {
  port: string;
  host: string;
  tlsCert: string;
  tlsKey: string;
  clientCa?: string;
  config?: string;
  shutdownDelay: string;
  drainTimeout: string;
  certReloadInterval: string;
  workers: string;
  namespaceInformer?: boolean;
  kubeconfig?: string;
  kubeContext?: string;
}

/** One JSON object per line on stderr: what log collectors parse without configuration. */
const log: Log = (level, message, fields) =>
  process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }) + '\n');

function int(name: string, v: string, min: number, max: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new WebhookConfigError(`${name} must be a whole number from ${min} to ${max}`);
  return n;
}

export function webhookCommand(): Command {
  const cmd = new Command('webhook').description('Admission webhook: serve it, make its certificates, print its install');
  cmd
    .command('serve')
    .description('Serve /validate and /mutate over HTTPS (plus /healthz, /readyz, /metrics)')
    .requiredOption('--port <n>', 'port to listen on (0 picks a free one)')
    .requiredOption('--tls-cert <file>', 'serving certificate (PEM); reloaded when it changes')
    .requiredOption('--tls-key <file>', 'its private key (PEM); reloaded when it changes')
    .option('--config <file>', 'config: .palisade.yaml keys plus a webhook: section')
    .option('--client-ca <file>', 'require API server client certificates signed by this CA on /validate and /mutate')
    .option('--host <address>', 'address to bind', '0.0.0.0')
    .option('--shutdown-delay <ms>', 'after SIGTERM, serve with readiness off this long before closing', '5000')
    .option('--drain-timeout <ms>', 'then wait this long for in-flight reviews', '10000')
    .option('--cert-reload-interval <ms>', 'how often certificate files are checked for rotation', '5000')
    .option('--workers <n>', 'server processes sharing the port ("auto": one per available core)', '1')
    .option(
      '--namespace-informer',
      'watch Namespaces, so their labels (pod-security.kubernetes.io/*, palisade.dev/enforce|warn|audit) apply at admission; needs get/list/watch on namespaces',
    )
    .option('--kubeconfig <file>', 'cluster for the informer (default: $KUBECONFIG, in-cluster, ~/.kube/config)')
    .option('--kube-context <name>', 'kubeconfig context for the informer')
    .action(async (flags: ServeFlags) => {
      process.exitCode = await serve(flags);
      // A worker's IPC channel to the primary would keep it alive after the server closed.
      if (isWorker()) process.disconnect?.();
    });
  cmd
    .command('certs')
    .description('Create a CA and a serving certificate for the webhook Service (ca.crt, ca.key, tls.crt, tls.key)')
    .requiredOption('--out <dir>', 'folder to write the files to')
    .requiredOption('--service <name>', 'the webhook Service name')
    .requiredOption('--namespace <ns>', 'its namespace')
    .option('--days <n>', 'validity of the serving certificate (the CA: ten times longer)', '365')
    .option('--force', 'overwrite existing files')
    .action(async (flags: { out: string; service: string; namespace: string; days: string; force?: boolean }) => {
      process.exitCode = await certs(flags);
    });
  cmd
    .command('manifests')
    .description(
      'Print the install YAML: Namespace, ServiceAccount, Deployment, PDB, Service, NetworkPolicy, webhook configurations',
    )
    .option('--namespace <ns>', 'namespace to install into', 'palisade-system')
    .option('--ca-bundle <file>', 'CA certificate (PEM) the API server trusts the webhook with (ca.crt from `webhook certs`)')
    .option('--config <file>', 'webhook config to ship in the ConfigMap (validated first)')
    .option('--image <ref>', 'container image')
    .option('--namespace-informer', 'run the webhook with its namespace informer (adds RBAC, a token and API server egress)')
    .action(async (flags: ManifestFlags) => {
      process.exitCode = await manifests(flags);
    });
  return cmd;
}

async function serve(flags: ServeFlags): Promise<number> {
  let workers: number;
  try {
    workers = flags.workers === 'auto' ? availableParallelism() : int('--workers', flags.workers, 1, 64);
    // The primary checks the config before forking: a bad file is one clear error, not N.
    if (workers > 1 && !isWorker()) await loadWebhookConfig(flags.config, BUILTIN_RULES);
  } catch (e) {
    process.stderr.write(`palisade: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.error;
  }
  if (workers > 1 && !isWorker()) return runPrimary({ workers, log });
  let server: WebhookServer;
  let cache: NamespaceCache | undefined;
  try {
    const { config, policy } = await loadWebhookConfig(flags.config, BUILTIN_RULES);
    const metrics = new WebhookMetrics({ processMetrics: true });
    if (isWorker()) metrics.aggregateWith(workerMetrics(metrics.registry));
    if (flags.namespaceInformer) {
      // Loaded on demand: without the informer the webhook never talks to the API server.
      const { resolveConnection } = await import('../webhook/kube-api.js');
      const { NamespaceCache } = await import('../webhook/namespace-cache.js');
      const connection = await resolveConnection({ kubeconfig: flags.kubeconfig, context: flags.kubeContext });
      cache = new NamespaceCache({ connection, log }).start();
      metrics.namespaceCache(() => cache!.stats());
    } else if (flags.kubeconfig || flags.kubeContext) {
      throw new WebhookConfigError('--kubeconfig and --kube-context need --namespace-informer');
    }
    const ns = cache;
    const admitter = new Admitter({
      rules: BUILTIN_RULES,
      config,
      policy,
      today,
      namespaceOf: ns ? (name) => ns.namespace(name) : undefined,
    });
    log('info', 'rules', {
      admission: admitter.admissionRules.length,
      mutation: admitter.mutationRules.map((ar) => ar.rule.meta.id),
      // Rules that need other objects cannot judge one object: say which, never pass silently.
      skipped: admitter.skippedRules.map((ar) => ar.rule.meta.id),
    });
    server = new WebhookServer({
      host: flags.host,
      port: int('--port', flags.port, 0, 65535),
      tls: { cert: flags.tlsCert, key: flags.tlsKey, clientCa: flags.clientCa },
      admitter,
      metrics,
      limits: policy.limits,
      failureMode: policy.failureMode,
      shutdownDelayMs: int('--shutdown-delay', flags.shutdownDelay, 0, 600_000),
      drainTimeoutMs: int('--drain-timeout', flags.drainTimeout, 0, 600_000),
      certReloadIntervalMs: int('--cert-reload-interval', flags.certReloadInterval, 50, 3_600_000),
      // Until the first list of Namespaces, label overrides and PSS levels are unknown: a pod
      // with broken RBAC never takes traffic. Once synced it stays ready through reconnects
      // (every replica would drop out at once on an API server blip); staleness is in /metrics.
      notReadyBecause: ns
        ? () => (ns.stats().synced ? undefined : `namespace cache not synced (${ns.stats().lastError?.message ?? 'listing'})`)
        : undefined,
      log,
    });
    await server.start();
  } catch (e) {
    // Bad config, unreadable or mismatched certificates, a port in use, no cluster for the
    // informer: refuse to start.
    await cache?.stop();
    process.stderr.write(`palisade: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.error;
  }
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log('info', 'signal', { signal });
      void server
        .shutdown()
        .then(() => cache?.stop())
        .then(resolve);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
    process.on('SIGHUP', () => void server.reloadCertificates());
  });
  return EXIT.ok;
}

async function certs(flags: { out: string; service: string; namespace: string; days: string; force?: boolean }): Promise<number> {
  const names = ['ca.crt', 'ca.key', 'tls.crt', 'tls.key'];
  const existing = names.filter((n) => existsSync(path.join(flags.out, n)));
  if (existing.length > 0 && !flags.force) {
    process.stderr.write(`palisade: ${flags.out} already holds ${existing.join(', ')} (use --force to replace them)\n`);
    return EXIT.error;
  }
  // node-forge is only needed here: loaded on demand so `serve` starts without it.
  const { generateCerts } = await import('../webhook/certs.js');
  let b;
  try {
    b = generateCerts({ service: flags.service, namespace: flags.namespace, days: int('--days', flags.days, 1, 3650) });
  } catch (e) {
    process.stderr.write(`palisade: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.error;
  }
  await mkdir(flags.out, { recursive: true });
  await writeFileAtomic(path.join(flags.out, 'ca.crt'), b.caCert, 0o644);
  await writeFileAtomic(path.join(flags.out, 'ca.key'), b.caKey, 0o600);
  await writeFileAtomic(path.join(flags.out, 'tls.crt'), b.tlsCert, 0o644);
  await writeFileAtomic(path.join(flags.out, 'tls.key'), b.tlsKey, 0o600);
  process.stderr.write(`palisade: wrote ca.crt, ca.key, tls.crt, tls.key to ${flags.out} for ${b.dnsNames.join(', ')}\n`);
  return EXIT.ok;
}

interface ManifestFlags {
  namespace: string;
  caBundle?: string;
  config?: string;
  image?: string;
  namespaceInformer?: boolean;
}

async function manifests(flags: ManifestFlags): Promise<number> {
  const { checkName } = await import('../webhook/certs.js');
  const { manifestsYaml } = await import('../webhook/manifests.js');
  try {
    checkName('namespace', flags.namespace);
    const caBundle = flags.caBundle ? await readFile(flags.caBundle, 'utf8') : undefined;
    if (caBundle !== undefined && !caBundle.includes('-----BEGIN CERTIFICATE-----'))
      throw new WebhookConfigError(`${flags.caBundle}: not a PEM certificate`);
    if (!caBundle) process.stderr.write('palisade: warning: no --ca-bundle, the API server will not trust the webhook\n');
    const config = flags.config ? await readFile(flags.config, 'utf8') : undefined;
    const { policy } = await loadWebhookConfig(flags.config, BUILTIN_RULES);
    process.stdout.write(
      manifestsYaml({
        namespace: flags.namespace,
        caBundle,
        config,
        image: flags.image,
        rules: BUILTIN_RULES,
        exemptNamespaces: policy.exempt.namespaces,
        exemptUsers: policy.exempt.users,
        exemptGroups: policy.exempt.groups,
        namespaceInformer: flags.namespaceInformer,
      }),
    );
    return EXIT.ok;
  } catch (e) {
    process.stderr.write(`palisade: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.error;
  }
}

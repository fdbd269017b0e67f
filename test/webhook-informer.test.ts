// `palisade webhook serve --namespace-informer` as a real process against a real HTTPS fake of
// the API server (no kube-apiserver can run here; its list/watch answers are recorded shapes, see
// test/fixtures/apiserver/README.md): /readyz waits for the first list, and a Namespace's labels
// decide at admission, changes included, as soon as the watch delivers them.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { FakeApiServer, makeCerts } from './helpers/fake-apiserver.js';
import { call as callWith, servingCerts, startWebhook } from './helpers/webhook-process.js';

const tls = servingCerts();
const dir = tls.dir;
const cleanup: (() => unknown)[] = [];
after(async () => {
  for (const c of cleanup) await c();
});
const call = (port: number, p: string, body?: string) => callWith(port, tls.caCert, p, body);

const privilegedPod = (namespace: string) =>
  JSON.stringify({
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: `u-${namespace}-${Math.random()}`,
      kind: { group: '', version: 'v1', kind: 'Pod' },
      namespace,
      operation: 'CREATE',
      userInfo: { username: 'alice' },
      object: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p', namespace },
        spec: { containers: [{ name: 'a', image: 'registry.example/a:1', securityContext: { privileged: true } }] },
      },
    },
  });

const allowed = async (port: number, ns: string) =>
  (JSON.parse((await call(port, '/validate', privilegedPod(ns))).text) as { response: { allowed: boolean } }).response.allowed;

async function until(what: string, cond: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('webhook serve --namespace-informer', () => {
  it(
    'is not ready until Namespaces are listed (403 without RBAC), then applies their labels as they change',
    { timeout: 60_000 },
    async () => {
      const certs = makeCerts();
      const api = await FakeApiServer.start(certs);
      cleanup.push(() => api.close());
      api.forbidden = true; // no RBAC yet: lists fail with 403 until it is granted
      api.create('legacy', { 'palisade.dev/enforce': 'none' });
      const kubeconfig = path.join(dir, 'kubeconfig.yaml');
      writeFileSync(
        kubeconfig,
        [
          'apiVersion: v1',
          'kind: Config',
          'clusters: [{name: fake, cluster: {server: "' +
            api.url +
            '", certificate-authority-data: ' +
            Buffer.from(certs.ca).toString('base64') +
            '}}]',
          'users: [{name: webhook, user: {token: good-token}}]',
          'contexts: [{name: fake, context: {cluster: fake, user: webhook}}]',
          'current-context: fake',
          '',
        ].join('\n'),
      );
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
        '0',
        '--namespace-informer',
        '--kubeconfig',
        kubeconfig,
      ]);
      cleanup.push(() => server.child.kill('SIGKILL'));
      const { port } = await server.listening();

      const notReady = await call(port, '/readyz');
      assert.equal(notReady.status, 503);
      assert.match(notReady.text, /namespace cache not synced/);
      await until('the 403 to show in /readyz', async () => /forbidden/i.test((await call(port, '/readyz')).text));
      api.forbidden = false; // RBAC granted: the next retry lists
      await until('readiness', async () => (await call(port, '/readyz')).status === 200);

      assert.equal(await allowed(port, 'legacy'), true, 'palisade.dev/enforce: none on the Namespace');
      assert.equal(await allowed(port, 'elsewhere'), false, 'defaults elsewhere');
      api.label('legacy', 'palisade.dev/enforce', undefined);
      await until('the label change to arrive', async () => !(await allowed(port, 'legacy')));

      const metrics = (await call(port, '/metrics')).text;
      assert.match(metrics, /^palisade_webhook_namespace_cache_synced 1$/m);
      assert.match(metrics, /^palisade_webhook_namespace_cache_connected 1$/m);

      server.child.kill('SIGTERM');
      assert.equal(await server.exited, 0, server.stderr());
    },
  );

  it('refuses to start without a cluster to watch (exit 2)', { timeout: 30_000 }, async () => {
    const s = startWebhook([
      '--port',
      '0',
      '--tls-cert',
      tls.certFile,
      '--tls-key',
      tls.keyFile,
      '--namespace-informer',
      '--kubeconfig',
      path.join(dir, 'missing-kubeconfig'),
    ]);
    assert.equal(await s.exited, 2);
    assert.match(s.stderr(), /missing-kubeconfig/);
  });
});

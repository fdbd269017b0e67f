// The Helm chart (deploy/helm/palisade) must install what `palisade webhook manifests` prints.
// With a real helm on PATH (or $HELM) the chart is rendered with several sets of values and each
// result is compared, object by object, with the generated manifests for the same settings, and
// scanned. Without helm those tests are skipped (saying why); the checks that need no template
// engine always run: Chart.yaml and values.yaml, the values schema, the values the templates
// read, balanced template actions, and the admission resource list against the rules.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import AjvModule from 'ajv';
import { isMap, isScalar, parse as parseYaml, parseAllDocuments, parseDocument, stringify, type Node } from 'yaml';
import { EMPTY_CONFIG } from '../src/core/config.js';
import { severityRank } from '../src/core/finding.js';
import { formatPath } from '../src/core/path.js';
import { BUILTIN_RULES } from '../src/rules/index.js';
import { runScan } from '../src/scan/run.js';
import { generateCerts } from '../src/webhook/certs.js';
import { parseWebhookConfig } from '../src/webhook/config.js';
import { admissionResources, DEFAULT_WEBHOOK_CONFIG } from '../src/webhook/manifests.js';
import { palisade, ROOT, tempDir } from './helpers/cli.js';

const CHART = path.join(ROOT, 'deploy/helm/palisade');
const TEMPLATES = path.join(CHART, 'templates');
const read = (rel: string) => readFileSync(path.join(CHART, rel), 'utf8');
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

// ---------------------------------------------------------------------------------------------
// helm, when there is one

const HELM = process.env.HELM || 'helm';
const probe = spawnSync(HELM, ['version', '--short'], { encoding: 'utf8' });
const HELM_VERSION = probe.status === 0 ? probe.stdout.trim() : undefined;
const NO_HELM = HELM_VERSION
  ? false
  : `no helm here (\`${HELM} version\` failed: ${probe.error?.message ?? probe.stderr.trim()}): the chart is not rendered, so parity with ` +
    '`palisade webhook manifests` and the scan of the rendered objects are NOT checked here ' +
    '(.ci/run installs helm; locally put helm v3 on PATH)';
if (HELM_VERSION) process.stderr.write(`helm-chart.test: rendering with ${HELM} ${HELM_VERSION}\n`);

interface Render {
  code: number;
  stderr: string;
  objects: Obj[];
}

/** `helm template` of the chart; release "palisade" in `releaseNs` (helm's default: default). */
function helmTemplate(args: string[], releaseNs = 'default'): Render {
  const r = spawnSync(HELM, ['template', 'palisade', CHART, '--namespace', releaseNs, '--kube-version', '1.30.0', ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const objects =
    r.status === 0
      ? parseAllDocuments(r.stdout)
          .map((d) => d.toJS() as unknown)
          .filter(isObj)
      : [];
  return { code: r.status ?? -1, stderr: r.stderr, objects };
}

function helmOk(args: string[], releaseNs?: string): Obj[] {
  const r = helmTemplate(args, releaseNs);
  assert.equal(r.code, 0, `helm template ${args.join(' ')}:\n${r.stderr}`);
  return r.objects;
}

/** `palisade webhook manifests ARGS`, from source, as objects. */
function manifests(args: string[]): Obj[] {
  const r = palisade(['webhook', 'manifests', ...args]);
  assert.equal(r.code, 0, r.stderr);
  return parseAllDocuments(r.stdout)
    .map((d) => d.toJS() as unknown)
    .filter(isObj);
}

const HELM_LABELS = ['app.kubernetes.io/instance', 'app.kubernetes.io/managed-by', 'app.kubernetes.io/version', 'helm.sh/chart'];

const meta = (o: Obj): Obj => (isObj(o.metadata) ? o.metadata : {});
const keyOf = (o: Obj) => `${String(o.kind)} ${String(meta(o).namespace ?? '-')}/${String(meta(o).name)}`;

/**
 * The documented differences between the chart and the generated manifests, undone: Helm's
 * labels on each object's metadata (never in selectors or pod labels), the pod annotation that
 * rolls the pods on a config change, and the config file written by toYaml (same content, no
 * comments, keys sorted): compared as parsed YAML on both sides.
 */
function normalise(o: Obj, from: 'chart' | 'manifests'): Obj {
  const c = structuredClone(o);
  const m = meta(c);
  if (from === 'chart') {
    const labels = m.labels as Obj;
    for (const l of HELM_LABELS) {
      assert.ok(l in labels, `${keyOf(c)} has Helm's label ${l}`);
      delete labels[l];
    }
    if (c.kind === 'Deployment') {
      const pod = (c.spec as Obj).template as Obj;
      const ann = meta(pod).annotations as Obj;
      assert.match(String(ann['checksum/config']), /^[0-9a-f]{64}$/);
      delete ann['checksum/config'];
      if (Object.keys(ann).length === 0) delete meta(pod).annotations;
    }
  }
  if (c.kind === 'ConfigMap') {
    const data = c.data as Obj;
    data['webhook.yaml'] = parseYaml(String(data['webhook.yaml'])) as unknown;
  }
  return c;
}

function byKey(objects: Obj[], from: 'chart' | 'manifests'): Map<string, Obj> {
  const out = new Map<string, Obj>();
  for (const o of objects) {
    const k = keyOf(o);
    assert.ok(!out.has(k), `${from} renders ${k} twice`);
    out.set(k, normalise(o, from));
  }
  return out;
}

/** The chart's objects equal the manifests' (same kinds, names, specs), besides `extra` kinds. */
function assertSameObjects(chart: Obj[], generated: Obj[], extraKinds: string[] = []): void {
  const a = byKey(
    chart.filter((o) => !extraKinds.includes(String(o.kind))),
    'chart',
  );
  const b = byKey(generated, 'manifests');
  assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort(), 'the same objects');
  for (const [k, o] of b) assert.deepEqual(a.get(k), o, k);
}

async function assertScanClean(objects: Obj[], expected: number): Promise<void> {
  const d = mkdtempSync(path.join(tmpdir(), 'palisade-chart-'));
  writeFileSync(path.join(d, 'chart.yaml'), objects.map((o) => `---\n${stringify(o)}`).join(''));
  const result = await runScan({
    paths: [d],
    rules: BUILTIN_RULES,
    config: EMPTY_CONFIG,
    selection: { all: true },
    today: '2026-06-01',
  });
  assert.equal(result.objects, expected);
  assert.deepEqual(result.ruleErrors, []);
  const serious = result.findings.filter((f) => !f.suppression && severityRank(f.severity) >= severityRank('high'));
  assert.deepEqual(
    serious.map((f) => `${f.ruleId} ${f.object.kind}/${f.object.name} ${formatPath(f.path)}`),
    [],
  );
}

const find = (objects: Obj[], kind: string, name?: string): Obj => {
  const o = objects.find((x) => x.kind === kind && (name === undefined || meta(x).name === name));
  assert.ok(o, `${kind} ${name ?? ''} rendered`);
  return o;
};
const webhookOf = (objects: Obj[], kind: string) => ((find(objects, kind).webhooks as Obj[])[0] ?? {}) as Obj;
const podSpec = (objects: Obj[]) => ((find(objects, 'Deployment').spec as Obj).template as Obj).spec as Obj;

// .ci/run sets PALISADE_REQUIRE_HELM=1 after installing helm: there, a missing helm is a failure,
// not a silent skip.
it('helm is there when PALISADE_REQUIRE_HELM=1', { skip: process.env.PALISADE_REQUIRE_HELM !== '1' }, () => {
  assert.equal(NO_HELM, false, String(NO_HELM));
});

// Each test skips on its own (not the suite), so that the runner counts what was skipped.
const withHelm = { skip: NO_HELM };

describe('helm chart: rendered by helm, the same objects as `webhook manifests`', () => {
  let dir: string;
  let caFile: string;
  let caPem: string;
  before(() => {
    const certs = generateCerts({ service: 'palisade-webhook', namespace: 'palisade-system' });
    caPem = certs.caCert;
    dir = tempDir({ 'ca.crt': certs.caCert });
    caFile = path.join(dir, 'ca.crt');
  });

  it('default values plus a CA: every object of `webhook manifests --ca-bundle`, and scan clean', withHelm, async () => {
    // The chart owns the Namespace only when the release is stored elsewhere (here: default).
    const chart = helmOk([
      '--set-file',
      `tls.caBundle=${caFile}`,
      '--set',
      'namespace.create=true',
      '--set',
      'namespace.name=palisade-system',
    ]);
    const generated = manifests(['--ca-bundle', caFile]);
    assert.equal(generated.length, 9);
    assertSameObjects(chart, generated);
    const vwc = webhookOf(chart, 'ValidatingWebhookConfiguration');
    assert.equal(Buffer.from(String((vwc.clientConfig as Obj).caBundle), 'base64').toString(), caPem);
    await assertScanClean(chart, 9);
  });

  it('in the release namespace (helm -n, --create-namespace): the same objects but the Namespace', withHelm, async () => {
    const chart = helmOk(['--set-file', `tls.caBundle=${caFile}`], 'palisade-system');
    const generated = manifests(['--ca-bundle', caFile]).filter((o) => o.kind !== 'Namespace');
    assertSameObjects(chart, generated);
    await assertScanClean(chart, 8);
  });

  it(
    'overrides (namespace, image, config with exempt namespaces, users and groups): as the CLI with the same settings',
    withHelm,
    async () => {
      const config = {
        rules: { 'priority-class': { severity: 'info' }, 'pdb-missing': false },
        webhook: {
          defaults: { enforce: 'medium', warn: 'low', audit: 'info' },
          failureMode: 'deny',
          inlineSuppressions: false,
          exempt: {
            namespaces: ['kube-system', 'monitoring', 'guard'],
            users: ["o'brien", 'ci\\bot'],
            groups: ['system:masters'],
          },
        },
      };
      const configFile = path.join(dir, 'config.yaml');
      writeFileSync(configFile, stringify(config));
      const values = path.join(dir, 'values.yaml');
      writeFileSync(values, stringify({ config, image: { repository: 'registry.example/sec/palisade', tag: '9.9.9' } }));
      const chart = helmOk(['-f', values, '--set-file', `tls.caBundle=${caFile}`], 'guard');
      const generated = manifests([
        '--namespace',
        'guard',
        '--ca-bundle',
        caFile,
        '--config',
        configFile,
        '--image',
        'registry.example/sec/palisade:9.9.9',
      ]).filter((o) => o.kind !== 'Namespace');
      assertSameObjects(chart, generated);
      const conditions = webhookOf(chart, 'MutatingWebhookConfiguration').matchConditions as Obj[];
      assert.deepEqual(
        conditions.map((c) => c.name),
        ['not-a-node', 'not-an-exempt-user', 'not-an-exempt-group'],
      );
      // The webhook accepts the config the chart mounts.
      const cm = find(chart, 'ConfigMap');
      const { issues } = parseWebhookConfig(parseYaml(String((cm.data as Obj)['webhook.yaml'])), BUILTIN_RULES, 'webhook.yaml');
      assert.deepEqual(issues, []);
      await assertScanClean(chart, 8);
    },
  );

  it(
    'namespaceInformer.enabled: every object of `webhook manifests --namespace-informer`, and scan clean',
    withHelm,
    async () => {
      // In another namespace than the default one, and owning it: the binding's subject follows.
      const chart = helmOk([
        '--set-file',
        `tls.caBundle=${caFile}`,
        '--set',
        'namespaceInformer.enabled=true',
        '--set',
        'namespace.create=true',
        '--set',
        'namespace.name=guard',
      ]);
      const generated = manifests(['--namespace', 'guard', '--ca-bundle', caFile, '--namespace-informer']);
      assert.equal(generated.length, 11);
      assertSameObjects(chart, generated);
      // What the option adds, spelled out (the comparison above would also pass were both sides to lose it).
      assert.deepEqual(find(chart, 'ClusterRole', 'palisade-webhook-namespaces').rules, [
        { apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] },
      ]);
      const binding = find(chart, 'ClusterRoleBinding', 'palisade-webhook-namespaces');
      assert.deepEqual(binding.roleRef, {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'palisade-webhook-namespaces',
      });
      assert.deepEqual(binding.subjects, [{ kind: 'ServiceAccount', name: 'palisade-webhook', namespace: 'guard' }]);
      const pod = podSpec(chart);
      assert.equal(pod.automountServiceAccountToken, false);
      const container = (pod.containers as Obj[])[0] ?? {};
      assert.equal((container.args as string[]).at(-1), '--namespace-informer');
      assert.deepEqual((container.volumeMounts as Obj[]).at(-1), {
        name: 'kube-api-access',
        mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
        readOnly: true,
      });
      const volume = (pod.volumes as Obj[]).find((v) => v.name === 'kube-api-access');
      assert.deepEqual(
        ((volume?.projected as Obj).sources as Obj[]).map((src) => Object.keys(src)),
        [['serviceAccountToken'], ['configMap'], ['downwardAPI']],
      );
      assert.deepEqual((find(chart, 'NetworkPolicy').spec as Obj).egress, [
        {
          ports: [
            { port: 443, protocol: 'TCP' },
            { port: 6443, protocol: 'TCP' },
          ],
        },
      ]);
      await assertScanClean(chart, 11);

      // Off (the default): none of it, as without the flag.
      const off = helmOk(['--set-file', `tls.caBundle=${caFile}`], 'guard');
      assert.deepEqual(
        off.filter((o) => String(o.kind).startsWith('Cluster')),
        [],
      );
      assert.ok(!(((podSpec(off).containers as Obj[])[0] ?? {}).args as string[]).includes('--namespace-informer'));
      assert.equal((podSpec(off).volumes as Obj[]).length, 2);
      assert.deepEqual((find(off, 'NetworkPolicy').spec as Obj).egress, []);
    },
  );

  it('cert-manager: the same objects without caBundle, plus the issued certificate and CA injection', withHelm, async () => {
    const chart = helmOk(['--set', 'certManager.enabled=true'], 'guard');
    const generated = manifests(['--namespace', 'guard']).filter((o) => o.kind !== 'Namespace');
    const withoutAnnotation = chart.map((o) => {
      if (!String(o.kind).endsWith('WebhookConfiguration')) return o;
      const c = structuredClone(o);
      assert.deepEqual(meta(c).annotations, { 'cert-manager.io/inject-ca-from': 'guard/palisade-webhook' });
      delete meta(c).annotations;
      return c;
    });
    assertSameObjects(withoutAnnotation, generated, ['Certificate', 'Issuer']);
    const cert = find(chart, 'Certificate', 'palisade-webhook').spec as Obj;
    assert.equal(cert.secretName, 'palisade-webhook-tls');
    assert.deepEqual(cert.dnsNames, generateCerts({ service: 'palisade-webhook', namespace: 'guard' }).dnsNames);
    assert.deepEqual(cert.issuerRef, { name: 'palisade-webhook-ca', kind: 'Issuer', group: 'cert-manager.io' });
    assert.equal((find(chart, 'Certificate', 'palisade-webhook-ca').spec as Obj).isCA, true);
    assert.deepEqual(
      chart
        .filter((o) => o.kind === 'Issuer')
        .map((o) => meta(o).name)
        .sort(),
      ['palisade-webhook-ca', 'palisade-webhook-selfsigned'],
    );
    await assertScanClean(chart, 12);

    // An issuer of one's own: only the serving Certificate.
    const own = helmOk(
      [
        '--set',
        'certManager.enabled=true',
        '--set',
        'certManager.issuerRef.name=corp-ca',
        '--set',
        'certManager.issuerRef.kind=ClusterIssuer',
      ],
      'guard',
    );
    assert.deepEqual(own.filter((o) => o.kind === 'Certificate' || o.kind === 'Issuer').map(keyOf), [
      'Certificate guard/palisade-webhook',
    ]);
    assert.equal(((find(own, 'Certificate').spec as Obj).issuerRef as Obj).kind, 'ClusterIssuer');
  });

  it('chart-only values land where documented and keep the scan clean', withHelm, async () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const values = path.join(dir, 'extra.yaml');
    writeFileSync(
      values,
      stringify({
        image: { tag: '1.2.3', digest, pullPolicy: 'Always' },
        imagePullSecrets: [{ name: 'regcred' }],
        replicas: 3,
        resources: { requests: { cpu: '200m', memory: '256Mi' }, limits: { cpu: '2', memory: '512Mi' } },
        podAnnotations: { 'prometheus.io/scrape': 'true' },
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'security', effect: 'NoSchedule' }],
        priorityClassName: 'system-cluster-critical',
        tls: { secretName: 'my-tls', caBundleInjected: true },
        admission: { timeoutSeconds: 3, failurePolicy: 'Ignore', annotations: { 'example.com/owner': 'sec' } },
      }),
    );
    const chart = helmOk(['-f', values], 'sec');
    const pod = podSpec(chart);
    const container = (pod.containers as Obj[])[0] ?? {};
    assert.equal(container.image, `ghcr.io/palisade-dev/palisade:1.2.3@${digest}`);
    assert.equal(container.imagePullPolicy, 'Always');
    assert.deepEqual(container.resources, { requests: { cpu: '200m', memory: '256Mi' }, limits: { cpu: '2', memory: '512Mi' } });
    assert.deepEqual(pod.imagePullSecrets, [{ name: 'regcred' }]);
    assert.deepEqual(pod.nodeSelector, { 'kubernetes.io/os': 'linux' });
    assert.equal((pod.tolerations as Obj[]).length, 1);
    assert.equal(pod.priorityClassName, 'system-cluster-critical');
    assert.deepEqual(((pod.volumes as Obj[])[0] ?? {}).secret, { secretName: 'my-tls', defaultMode: 0o440 });
    assert.equal((find(chart, 'Deployment').spec as Obj).replicas, 3);
    const podMeta = ((find(chart, 'Deployment').spec as Obj).template as Obj).metadata as Obj;
    assert.equal((podMeta.annotations as Obj)['prometheus.io/scrape'], 'true');
    const vwc = webhookOf(chart, 'ValidatingWebhookConfiguration');
    assert.equal(vwc.failurePolicy, 'Ignore');
    assert.equal(vwc.timeoutSeconds, 3);
    assert.equal((vwc.clientConfig as Obj).caBundle, undefined);
    assert.equal(webhookOf(chart, 'MutatingWebhookConfiguration').failurePolicy, 'Ignore');
    assert.deepEqual(meta(find(chart, 'ValidatingWebhookConfiguration')).annotations, { 'example.com/owner': 'sec' });
    await assertScanClean(chart, 8);
  });

  it('refuses what would break a cluster or fail at install, with a message saying what to do', withHelm, () => {
    const fails = (args: string[], pattern: RegExp, releaseNs?: string) => {
      const r = helmTemplate(args, releaseNs);
      assert.notEqual(r.code, 0, `helm template ${args.join(' ')} should fail`);
      assert.match(r.stderr, pattern);
    };
    // Default values alone: no CA, so the API server could not call a webhook that fails closed.
    fails([], /no CA for the webhook: set tls\.caBundle/);
    fails(['--set-file', `tls.caBundle=${caFile}`, '--set', 'certManager.enabled=true'], /exclude each other/);
    // (Helm 3 names values tls.caBundle, Helm 4 /tls/caBundle.)
    fails(['--set', 'tls.caBundle=not-a-pem'], /tls[./]caBundle/);
    // The release is stored in its namespace before the chart's objects exist.
    fails(
      ['--set-file', `tls.caBundle=${caFile}`, '--set', 'namespace.create=true'],
      /namespace\.create renders Namespace palisade-system/,
      'palisade-system',
    );
    // The schema: unknown keys and unsafe values.
    fails(['--set-file', `tls.caBundle=${caFile}`, '--set', 'replica=3'], /replica/);
    fails(['--set-file', `tls.caBundle=${caFile}`, '--set', 'replicas=1'], /replicas/);
    fails(['--set-file', `tls.caBundle=${caFile}`, '--set', 'config.webhook.failuremode=deny'], /failuremode/);
    fails(['--set-file', `tls.caBundle=${caFile}`, '--set', 'admission.timeoutSeconds=31'], /timeoutSeconds/);
    fails(['--set-file', `tls.caBundle=${caFile}`, '--set', 'namespaceInformer.enabled=yes'], /namespaceInformer/);
    fails(['--set-file', `tls.caBundle=${caFile}`, '--set', 'namespaceInformer=true'], /namespaceInformer/);
  });

  it('NOTES.txt renders (helm template leaves it out: rendered here through a copy of the chart)', withHelm, () => {
    const copy = path.join(mkdtempSync(path.join(tmpdir(), 'palisade-chart-notes-')), 'palisade');
    cpSync(CHART, copy, { recursive: true });
    writeFileSync(
      path.join(copy, 'templates/_notes.tpl'),
      `{{- define "notes" -}}\n${read('templates/NOTES.txt')}\n{{- end -}}\n`,
    );
    writeFileSync(path.join(copy, 'templates/notes.yaml'), 'notes: {{ include "notes" . | toJson }}\n');
    const notes = (args: string[], ns: string) => {
      const r = spawnSync(HELM, ['template', 'palisade', copy, '-n', ns, '--show-only', 'templates/notes.yaml', ...args], {
        encoding: 'utf8',
      });
      assert.equal(r.status, 0, r.stderr);
      return String((parseYaml(r.stdout) as Obj).notes);
    };
    const own = notes(['--set-file', `tls.caBundle=${caFile}`], 'palisade-system');
    assert.match(own, /kubectl label namespace palisade-system pod-security\.kubernetes\.io\/enforce=restricted/);
    assert.match(own, /palisade webhook certs --out certs --service palisade-webhook --namespace palisade-system/);
    assert.match(own, /never sent: namespaces\s+kube-system, palisade-system\./);
    const cm = notes(
      ['--set', 'certManager.enabled=true', '--set', 'namespace.create=true', '--set', 'namespace.name=guard'],
      'default',
    );
    assert.match(cm, /issued and rotated by cert-manager/);
    assert.doesNotMatch(cm, /kubectl label namespace/);
    assert.doesNotMatch(own, /Namespace informer/);
    const informer = notes(
      ['--set-file', `tls.caBundle=${caFile}`, '--set', 'namespaceInformer.enabled=true'],
      'palisade-system',
    );
    assert.match(informer, /Namespace informer: on\. .*\s+palisade-webhook-namespaces: get\/list\/watch/);
  });

  it('helm lint --strict passes (with and without the namespace informer)', withHelm, () => {
    for (const informer of ['false', 'true']) {
      const r = spawnSync(
        HELM,
        ['lint', '--strict', CHART, '--set-file', `tls.caBundle=${caFile}`, '--set', `namespaceInformer.enabled=${informer}`],
        { encoding: 'utf8' },
      );
      assert.equal(r.status, 0, r.stdout + r.stderr);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// What needs no helm: always checked

describe('helm chart: checks without helm', () => {
  const values = parseYaml(read('values.yaml')) as Obj;

  it('Chart.yaml: apiVersion v2, versions of this release', () => {
    const chart = parseYaml(read('Chart.yaml')) as Obj;
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(chart.apiVersion, 'v2');
    assert.equal(chart.name, 'palisade');
    assert.equal(chart.type, 'application');
    // The image tag defaults to appVersion: the image of this very release.
    assert.equal(chart.appVersion, pkg.version);
    assert.equal(chart.version, pkg.version);
    assert.match(String(chart.kubeVersion), /1\.30/);
    for (const f of ['values.yaml', 'values.schema.json', 'README.md', 'templates/_helpers.tpl', 'templates/NOTES.txt'])
      assert.ok(read(f).length > 0, f);
  });

  it('values.schema.json is a valid strict JSON Schema that accepts values.yaml and rejects mistakes', () => {
    const Ajv = AjvModule.default;
    const ajv = new Ajv({ allErrors: true, strict: true });
    const validate = ajv.compile(JSON.parse(read('values.schema.json')) as object);
    const errors = (v: unknown) =>
      validate(v) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
    assert.deepEqual(errors(values), []);
    const withCa = {
      ...values,
      tls: { ...(values.tls as Obj), caBundle: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' },
    };
    assert.deepEqual(errors(withCa), []);
    const bad: [string, Obj][] = [
      ['unknown top-level key', { ...values, replica: 3 }],
      ['one replica', { ...values, replicas: 1 }],
      ['unknown webhook config key', { ...values, config: { webhook: { failuremode: 'deny' } } }],
      ['bad severity', { ...values, config: { webhook: { defaults: { enforce: 'severe' } } } }],
      ['caBundle not PEM', { ...values, tls: { ...(values.tls as Obj), caBundle: 'abc' } }],
      ['failurePolicy', { ...values, admission: { ...(values.admission as Obj), failurePolicy: 'Maybe' } }],
      ['timeout too long', { ...values, admission: { ...(values.admission as Obj), timeoutSeconds: 31 } }],
      ['namespace name', { ...values, namespace: { name: 'Palisade_System', create: false } }],
      ['digest', { ...values, image: { ...(values.image as Obj), digest: 'latest' } }],
      ['no memory limit', { ...values, resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1' } } }],
      ['namespaceInformer not a boolean', { ...values, namespaceInformer: { enabled: 'yes' } }],
      ['unknown namespaceInformer key', { ...values, namespaceInformer: { enabled: true, rbac: false } }],
      ['no namespaceInformer', { ...values, namespaceInformer: undefined }],
    ];
    for (const [why, v] of bad) assert.notDeepEqual(errors(v), [], why);
  });

  it("values.yaml ships the webhook's default config, which the webhook accepts", () => {
    assert.deepEqual(values.config, parseYaml(DEFAULT_WEBHOOK_CONFIG));
    const { issues } = parseWebhookConfig(values.config, BUILTIN_RULES, 'values.yaml');
    assert.deepEqual(issues, []);
  });

  it('every value is documented by a comment (its own or its group’s)', () => {
    const doc = parseDocument(read('values.yaml'));
    const undocumented: string[] = [];
    const walk = (node: unknown, at: string, documented: boolean) => {
      if (!isMap(node)) return;
      node.items.forEach((pair, i) => {
        const key = isScalar(pair.key) ? String(pair.key.value) : '?';
        const comment = (isScalar(pair.key) ? pair.key.commentBefore : undefined) ?? (i === 0 ? node.commentBefore : undefined);
        const ok = documented || Boolean(comment?.trim());
        const v = pair.value as Node | null;
        // config and resources are documented as a whole (their content is the webhook's / Kubernetes').
        if (isMap(v) && v.items.length > 0 && key !== 'config' && key !== 'resources') walk(v, `${at}${key}.`, ok);
        else if (!ok) undocumented.push(`${at}${key}`);
      });
    };
    walk(doc.contents, '', false);
    assert.deepEqual(undocumented, []);
  });

  const templates = readdirSync(TEMPLATES).map((f) => ({ name: f, text: readFileSync(path.join(TEMPLATES, f), 'utf8') }));

  /** The actions of a template, comments and string literals blanked. */
  function actions(text: string, file: string): string[] {
    const out: string[] = [];
    let i = 0;
    for (;;) {
      const open = text.indexOf('{{', i);
      const close = text.indexOf('}}', i);
      if (open < 0) {
        assert.ok(close < 0, `${file}: "}}" without "{{" at offset ${close}`);
        return out;
      }
      assert.ok(close < 0 || close > open, `${file}: "}}" without "{{" at offset ${close}`);
      let body: string;
      const comment = /^\{\{-?\s*\/\*/.exec(text.slice(open));
      if (comment) {
        const end = text.indexOf('*/', open);
        assert.ok(end > 0, `${file}: unterminated comment at offset ${open}`);
        const after = /^\s*-?\}\}/.exec(text.slice(end + 2));
        assert.ok(after, `${file}: comment at offset ${open} must close with */}}`);
        i = end + 2 + after[0].length;
        continue;
      }
      // Scan to the closing }} outside string literals.
      let j = open + 2;
      let quote: string | undefined;
      for (; j < text.length; j++) {
        const ch = text[j];
        if (quote) {
          if (ch === '\\' && quote === '"') j++;
          else if (ch === quote) quote = undefined;
        } else if (ch === '"' || ch === '`') quote = ch;
        else if (text.startsWith('}}', j)) break;
        else assert.ok(!text.startsWith('{{', j), `${file}: "{{" inside an action at offset ${j}`);
      }
      assert.ok(j < text.length, `${file}: unclosed "{{" at offset ${open}`);
      body = text
        .slice(open + 2, j)
        .replace(/^-\s*/, '')
        .replace(/\s*-$/, '');
      body = body.replace(/"(?:[^"\\]|\\.)*"|`[^`]*`/g, '""');
      out.push(body.trim());
      i = j + 2;
    }
  }

  it('templates balance their {{ }} actions and their if / range / with / define ... end blocks', () => {
    for (const { name, text } of templates) {
      let depth = 0;
      for (const a of actions(text, name)) {
        if (/^(if|range|with|define|block)\b/.test(a)) depth++;
        else if (/^end\b/.test(a)) {
          depth--;
          assert.ok(depth >= 0, `${name}: {{ end }} without a block`);
        }
      }
      assert.equal(depth, 0, `${name}: blocks left open`);
    }
  });

  it('every .Values path the templates read exists in values.yaml, and every value is read', () => {
    const used = new Set<string>();
    for (const { name, text } of templates)
      for (const a of actions(text, name))
        for (const m of a.matchAll(/\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)) used.add(m[1]!.slice(1));
    assert.ok(used.size > 10, `found ${used.size} value paths`);
    const missing = [...used].filter((p) => {
      let v: unknown = values;
      for (const k of p.split('.')) {
        if (!isObj(v) || !(k in v)) return true;
        v = v[k];
      }
      return false;
    });
    assert.deepEqual(missing, [], 'read by templates but not in values.yaml');
    // Leaves of values.yaml (maps of the user's own keys, like config or podAnnotations, are leaves).
    const opaque = new Set(['config', 'resources', 'podAnnotations', 'nodeSelector', 'admission.annotations']);
    const leaves: string[] = [];
    const walk = (v: unknown, at: string) => {
      if (isObj(v) && !opaque.has(at) && Object.keys(v).length > 0)
        for (const [k, x] of Object.entries(v)) walk(x, at ? `${at}.${k}` : k);
      else leaves.push(at);
    };
    walk(values, '');
    const unread = leaves.filter((l) => ![...used].some((u) => u === l || l.startsWith(`${u}.`)));
    // issuerRef is read as a whole ($issuer.name, .kind, .group).
    assert.deepEqual(
      unread.filter((l) => !l.startsWith('certManager.issuerRef.')),
      [],
      'in values.yaml but read by no template',
    );
    assert.ok(used.has('certManager.issuerRef'));
  });

  it('the resources sent to the webhook are those of the rules that run at admission (admissionResources)', () => {
    const helpers = read('templates/_helpers.tpl');
    const block = /\{\{-? define "palisade\.admissionResources" -?\}\}([\s\S]*?)\{\{-? end -?\}\}/.exec(helpers);
    assert.ok(block, 'palisade.admissionResources in _helpers.tpl');
    const listed = block[1]!
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => l.replace(/^- /, '').replace(/^"(.*)"$/, '$1'));
    const expected = admissionResources(BUILTIN_RULES);
    assert.deepEqual(
      listed,
      expected,
      `update palisade.admissionResources in deploy/helm/palisade/templates/_helpers.tpl to:\n${expected.map((r) => `- ${r}`).join('\n')}`,
    );
  });
});

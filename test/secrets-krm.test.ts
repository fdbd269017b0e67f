/**
 * Deploy-time decryption as a KRM function (src/secrets/krm.ts), with Secrets really encrypted
 * by `encryptText` under local keys: the ResourceList kustomize hands an exec transformer comes
 * back with every encrypted Secret decrypted and nothing else changed, or, on any problem,
 * unchanged with `results` and `ok: false`.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseYaml } from '../src/load/yaml.js';
import { decryptResourceList } from '../src/secrets/krm.js';
import { encryptText } from '../src/secrets/manifest.js';
import { generateKeyFile, loadLocalProvider } from '../src/secrets/providers/local.js';
import type { KeyProvider } from '../src/secrets/providers/types.js';
import { palisade, tempDir } from './helpers/cli.js';

const CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

const SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: db # the primary
  namespace: prod
  annotations:
    config.k8s.io/id: '2'
    internal.config.kubernetes.io/path: secrets/db.yaml
    internal.config.kubernetes.io/index: '0'
type: Opaque
data:
  password: cGFzcw==
stringData:
  flag: "yes"
  mode: "0644"
  cert: |
    -----BEGIN CERTIFICATE-----
    MIIB
    -----END CERTIFICATE-----
  url: "postgres://db:5432/app?ssl=on"
`;

const PLAIN_SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: public
  annotations: {config.k8s.io/id: '4'}
stringData:
  hello: world
`;

const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: cm
  annotations:
    config.k8s.io/id: '1'
data:
  enabled: yes # YAML 1.1 reads a boolean; left exactly as written
  password: ENC[v1,not,a,secret]
`;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations: {config.k8s.io/id: '3'}
spec:
  template:
    spec:
      containers:
      - name: web
        image: nginx:1.27
        envFrom: [{secretRef: {name: db}}]
`;

/** A manifest as an entry of `items:` (kyaml writes sequences unindented). */
const asItem = (yaml: string): string =>
  yaml
    .trimEnd()
    .split('\n')
    .map((l, i) => (i === 0 ? `- ${l}` : l === '' ? '' : `  ${l}`))
    .join('\n');

const resourceList = (items: string[], functionConfig = ''): string =>
  `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${items.map(asItem).join('\n')}\n${functionConfig}`;

async function keys(n: number): Promise<{ files: string[]; providers: KeyProvider[] }> {
  const dir = tempDir();
  const files: string[] = [];
  const providers: KeyProvider[] = [];
  for (let i = 0; i < n; i++) {
    const f = path.join(dir, `k${i}.key`);
    await generateKeyFile(f);
    files.push(f);
    providers.push(await loadLocalProvider(f));
  }
  return { files, providers };
}

const encrypt = async (text: string, providers: KeyProvider[]) => (await encryptText(text, 'in.yaml', { providers })).text;

type Json = Record<string, unknown>;

/** A ResourceList as Kubernetes tools read YAML (1.1, like kubectl). */
function read(text: string): Json {
  const docs = [...parseYaml(text)];
  assert.equal(docs.length, 1);
  const ev = docs[0]!;
  assert.equal(ev.kind, 'document', 'output is valid YAML');
  return (ev as { doc: { value: Json } }).doc.value;
}

const itemsOf = (text: string): Json[] => read(text).items as Json[];

const fnConfig = (keySpecs: string[]) =>
  `functionConfig:\n  apiVersion: palisade.dev/v1alpha1\n  kind: SecretDecryptor\n  metadata:\n    name: decrypt\n    annotations:\n      config.kubernetes.io/function: |\n        exec:\n          path: ./palisade-decrypt\n  spec:\n    keys:\n${keySpecs.map((k) => `    - ${JSON.stringify(k)}\n`).join('')}`;

describe('secrets: KRM function (decryptResourceList)', () => {
  it('decrypts encrypted Secrets with keys from functionConfig; every other byte stays', async () => {
    const { files, providers } = await keys(1);
    const enc = await encrypt(SECRET, providers);
    const fc = fnConfig([`local:${files[0]}`]);
    const input = resourceList([CONFIGMAP, enc, DEPLOYMENT, PLAIN_SECRET], fc);
    assert.doesNotMatch(input, /cGFzcw==|BEGIN|postgres/);

    const out = await decryptResourceList(input);
    assert.deepEqual(out.results, []);
    assert.equal(out.ok, true);
    assert.equal(out.decrypted, 1);
    assert.doesNotMatch(out.text, /^results:/m, 'a successful run adds no results');
    // Untouched items and the functionConfig are byte for byte the same text.
    for (const part of [asItem(CONFIGMAP), asItem(DEPLOYMENT), asItem(PLAIN_SECRET), fc])
      assert.ok(out.text.includes(part), `kept as is:\n${part}`);
    assert.ok(out.text.includes('  name: db # the primary\n'), 'comments of the Secret stay');

    const [cm, secret, deploy, plain] = itemsOf(out.text);
    const before = itemsOf(input);
    assert.deepEqual([cm, deploy, plain], [before[0], before[2], before[3]]);
    const s = secret as { metadata: { annotations: Record<string, string> }; data: unknown; stringData: unknown };
    assert.deepEqual(s.data, { password: 'cGFzcw==' });
    // Values that YAML 1.1 would read as something else come back as the same strings.
    assert.deepEqual(s.stringData, { flag: 'yes', mode: '0644', cert: CERT, url: 'postgres://db:5432/app?ssl=on' });
    // Our annotation goes; the orchestrator's stay (kustomize maps results back by them).
    assert.deepEqual(s.metadata.annotations, {
      'config.k8s.io/id': '2',
      'internal.config.kubernetes.io/path': 'secrets/db.yaml',
      'internal.config.kubernetes.io/index': '0',
    });
  });

  it('takes keys from the command line too, and tries every recipient (break-glass key)', async () => {
    const { providers } = await keys(2);
    const input = resourceList([await encrypt(SECRET, providers)]);
    const out = await decryptResourceList(input, { providers: [providers[1]!] });
    assert.equal(out.ok, true, JSON.stringify(out.results));
    assert.equal(out.decrypted, 1);
    assert.doesNotMatch(out.text, /palisade\.dev\/encryption|ENC\[/);
  });

  it('all or nothing: one Secret that fails leaves every Secret encrypted, with a result per problem', async () => {
    const a = await keys(1);
    const b = await keys(1);
    const good = await encrypt(SECRET, a.providers);
    const other = await encrypt(SECRET.replace('name: db', 'name: api').replace("id: '2'", "id: '5'"), b.providers);
    const input = resourceList([good, other]);
    const out = await decryptResourceList(input, { providers: a.providers });
    assert.equal(out.ok, false);
    assert.equal(out.decrypted, 0);
    assert.doesNotMatch(out.text, /cGFzcw==|BEGIN|postgres/, 'no plaintext at all');
    assert.ok(out.text.startsWith(input), 'the input comes back as it was, results appended');
    assert.deepEqual(out.results, [
      {
        message: out.results[0]!.message,
        severity: 'error',
        resourceRef: { apiVersion: 'v1', kind: 'Secret', name: 'api', namespace: 'prod' },
        file: { path: 'secrets/db.yaml', index: 0 },
      },
    ]);
    assert.match(out.results[0]!.message, /^items\[1\] Secret prod\/api: no given key can decrypt it/);
    // The output is a ResourceList that carries the results (what kustomize prints).
    const list = read(out.text);
    assert.equal((list.results as { severity: string }[])[0]!.severity, 'error');
    assert.equal((list.items as unknown[]).length, 2);
  });

  it('names the value that fails authentication, and reports a MAC mismatch', async () => {
    const { providers } = await keys(1);
    const enc = await encrypt(SECRET, providers);
    const m = /password: (ENC\[v1,[^,]+,)([^,]+)(,[^\]]+\])/.exec(enc)!;
    const flipped = m[2]![0] === 'A' ? `B${m[2]!.slice(1)}` : `A${m[2]!.slice(1)}`;
    let out = await decryptResourceList(resourceList([enc.replace(m[0], `password: ${m[1]}${flipped}${m[3]}`)]), { providers });
    assert.equal(out.ok, false);
    assert.deepEqual(out.results[0]!.field, { path: 'data.password' });
    assert.match(out.results[0]!.message, /data\.password: value failed authentication/);

    // Dropping a value keeps every other one authentic, but not the MAC.
    out = await decryptResourceList(resourceList([enc.replace(/^ {2}mode: .*\n/m, '')]), { providers });
    assert.match(out.results[0]!.message, /MAC mismatch/);
  });

  it('a Secret renamed or moved by the orchestrator is refused, with the kustomize layering hint', async () => {
    const { providers } = await keys(1);
    const enc = await encrypt(SECRET, providers);
    const out = await decryptResourceList(resourceList([enc.replace('namespace: prod', 'namespace: staging')]), { providers });
    assert.equal(out.ok, false);
    assert.match(out.results[0]!.message, /encrypted as v1\/Secret prod\/db but is now v1\/Secret staging\/db/);
    assert.match(out.results[0]!.message, /decrypt in a kustomization without namespace, namePrefix or nameSuffix/);
  });

  it('refuses ENC values without the annotation and values added after encryption', async () => {
    const { providers } = await keys(1);
    const enc = await encrypt(SECRET, providers);
    const stripped = enc.replace(/^ {4}palisade\.dev\/encryption: .*\n/m, '');
    let out = await decryptResourceList(resourceList([stripped]), { providers });
    assert.match(out.results[0]!.message, /has ENC values but no palisade\.dev\/encryption annotation/);
    out = await decryptResourceList(resourceList([enc.replace('stringData:\n', 'stringData:\n  added: plain\n')]), { providers });
    assert.match(out.results[0]!.message, /stringData\.added: value is not encrypted/);
  });

  it('answers input it cannot use with a ResourceList holding only the error', async () => {
    const cases: [string, RegExp][] = [
      ['', /expected one ResourceList on stdin, got 0/],
      ['items: [\n', /YAML/],
      ['apiVersion: v1\nkind: List\nitems: []\n', /not a ResourceList/],
      ['apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: {}\n', /items is not a list/],
      ['apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\n---\nkind: x\n', /got 2 YAML documents/],
    ];
    for (const [input, re] of cases) {
      const out = await decryptResourceList(input);
      assert.equal(out.ok, false, input);
      assert.match(out.results[0]!.message, re, input);
      assert.deepEqual(read(out.text).items, []);
    }
  });

  it('checks the functionConfig: our kind only, known fields only, loadable keys', async () => {
    const base = 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\n';
    const cases: [string, RegExp][] = [
      ['functionConfig: {apiVersion: v1, kind: ConfigMap}\n', /functionConfig must be palisade\.dev\/v1alpha1 SecretDecryptor/],
      [
        'functionConfig: {apiVersion: palisade.dev/v1alpha1, kind: SecretDecryptor, spec: {key: [x]}}\n',
        /unknown field spec\.key/,
      ],
      [
        'functionConfig: {apiVersion: palisade.dev/v1alpha1, kind: SecretDecryptor, spec: {keys: x}}\n',
        /spec\.keys must be a list/,
      ],
      [
        'functionConfig: {apiVersion: palisade.dev/v1alpha1, kind: SecretDecryptor, spec: {keys: ["local:/nonexistent/k"]}}\n',
        /spec\.keys local:\/nonexistent\/k: key file \/nonexistent\/k not found/,
      ],
    ];
    for (const [fc, re] of cases) {
      const out = await decryptResourceList(base + fc);
      assert.equal(out.ok, false, fc);
      assert.match(out.results[0]!.message, re);
      assert.ok(out.text.startsWith(base + fc));
    }
    // Without a functionConfig (ad-hoc runs) and without Secrets, there is nothing to do.
    const out = await decryptResourceList(base);
    assert.deepEqual([out.ok, out.text], [true, base]);
  });

  it('reads and writes JSON ResourceLists (flow style), also on failure', async () => {
    const { providers } = await keys(1);
    const enc = await encrypt(
      '{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "j", "annotations": {"config.k8s.io/id": "1"}}, "stringData": {"k": "v, w", "n": "0644"}}\n',
      providers,
    );
    const input = `{"apiVersion": "config.kubernetes.io/v1", "kind": "ResourceList", "items": [${enc.trim()}]}\n`;
    const out = await decryptResourceList(input, { providers });
    assert.equal(out.ok, true, JSON.stringify(out.results));
    const parsed = JSON.parse(out.text) as { items: { metadata: { annotations: object }; stringData: object }[] };
    assert.deepEqual(parsed.items[0]!.stringData, { k: 'v, w', n: '0644' });
    assert.deepEqual(parsed.items[0]!.metadata.annotations, { 'config.k8s.io/id': '1' });

    const failed = await decryptResourceList(input, { providers: [] });
    assert.equal(failed.ok, false);
    const back = JSON.parse(failed.text) as { results: { message: string }[] };
    assert.match(back.results[0]!.message, /no given key can decrypt it/);
  });

  it('replaces results the input carried instead of adding a second key', async () => {
    const input =
      'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nresults:\n- message: old\n  severity: info\n';
    const out = await decryptResourceList(
      input + 'functionConfig: {apiVersion: palisade.dev/v1alpha1, kind: SecretDecryptor, spec: {bad: 1}}\n',
    );
    assert.equal(out.ok, false);
    assert.equal(out.text.match(/^results:/gm)?.length, 1);
    assert.doesNotMatch(out.text, /old/);
  });
});

describe('palisade secrets krm (the command kustomize runs)', () => {
  it('reads the ResourceList on stdin and writes it decrypted to stdout; exit 2 with results on failure', async () => {
    const { files, providers } = await keys(1);
    const input = resourceList([await encrypt(SECRET, providers), CONFIGMAP]);
    const ok = palisade(['secrets', 'krm', '--no-config', '--key', `local:${files[0]}`], { input });
    assert.equal(ok.code, 0, ok.stderr);
    const items = itemsOf(ok.stdout);
    assert.equal((items[0]!.data as Json).password, 'cGFzcw==');
    assert.equal((items[0]!.stringData as Json).url, 'postgres://db:5432/app?ssl=on');

    const other = await keys(1);
    const bad = palisade(['secrets', 'krm', '--no-config', '--key', `local:${other.files[0]}`], { input });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /palisade: .*no given key can decrypt it/);
    assert.ok((read(bad.stdout).results as unknown[]).length > 0, 'results[] in the list kustomize reads');
  });
});

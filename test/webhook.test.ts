// The admission webhook end to end: real HTTPS servers on 127.0.0.1 with certificates from our
// certs module, real requests, the same engine as `palisade scan`.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { after, before, describe, it } from 'node:test';
import { parse as parseYamlText } from 'yaml';
import { activeRules, EMPTY_CONFIG } from '../src/core/config.js';
import { evaluate } from '../src/core/engine.js';
import { severityRank } from '../src/core/finding.js';
import type { KubeObject } from '../src/core/objects.js';
import { formatPath, getAt } from '../src/core/path.js';
import { defineRule, type AnyRule } from '../src/core/rule.js';
import { loadSources } from '../src/load/files.js';
import { BUILTIN_RULES } from '../src/rules/index.js';
import { runScan } from '../src/scan/run.js';
import { Admitter, runsAtAdmission } from '../src/webhook/admit.js';
import { generateCerts, generateClientCert, type CertBundle } from '../src/webhook/certs.js';
import { parseWebhookConfig } from '../src/webhook/config.js';
import { manifestsYaml } from '../src/webhook/manifests.js';
import { WebhookMetrics } from '../src/webhook/metrics.js';
import { diff, pointer } from '../src/webhook/mutate.js';
import { parseReview, type JsonPatchOp } from '../src/webhook/review.js';
import { WebhookServer } from '../src/webhook/server.js';
import { ROOT } from './helpers/cli.js';

const SAN = 'palisade-webhook.palisade-system.svc';
let certs: CertBundle;
let dir: string;

before(() => {
  certs = generateCerts({ service: 'palisade-webhook', namespace: 'palisade-system' });
  dir = mkdtempSync(path.join(tmpdir(), 'palisade-webhook-'));
  writeFileSync(path.join(dir, 'tls.crt'), certs.tlsCert);
  writeFileSync(path.join(dir, 'tls.key'), certs.tlsKey);
});

// ---------------------------------------------------------------------------------------------
// Helpers

interface Running {
  server: WebhookServer;
  metrics: WebhookMetrics;
  port: number;
}
const running: WebhookServer[] = [];
after(async () => {
  for (const s of running) await s.shutdown();
});

/** A test rule that throws on objects named "boom" (internal errors on demand). */
const boom = defineRule({
  meta: {
    id: 'test-boom',
    title: 'throws on request',
    severity: 'low',
    category: 'test',
    targets: ['Pod'],
    controls: [],
    description: 'test',
    remediation: 'none',
    needs: 'object',
  },
  check(obj) {
    if (obj.id.name === 'boom') throw new Error('kaput');
  },
});

async function serve(
  webhook: Record<string, unknown> = {},
  o: {
    rules?: readonly AnyRule[];
    tlsDir?: string;
    clientCa?: string;
    namespaceOf?: (name: string) => Record<string, unknown> | undefined;
  } = {},
): Promise<Running> {
  const rules = o.rules ?? BUILTIN_RULES;
  const { value, issues } = parseWebhookConfig({ webhook }, rules, 'test');
  assert.deepEqual(issues, []);
  const metrics = new WebhookMetrics();
  const server = new WebhookServer({
    host: '127.0.0.1',
    port: 0,
    tls: { cert: path.join(o.tlsDir ?? dir, 'tls.crt'), key: path.join(o.tlsDir ?? dir, 'tls.key'), clientCa: o.clientCa },
    admitter: new Admitter({
      rules,
      config: value.config,
      policy: value.policy,
      today: () => '2026-06-01',
      namespaceOf: o.namespaceOf,
    }),
    metrics,
    limits: value.policy.limits,
    failureMode: value.policy.failureMode,
    certReloadIntervalMs: 50,
  });
  running.push(server);
  const { port } = await server.start();
  return { server, metrics, port };
}

interface Reply {
  status: number;
  text: string;
  headers: Record<string, string | string[] | undefined>;
  peer?: string;
}

function call(
  port: number,
  p: string,
  o: {
    method?: string;
    body?: string | Buffer;
    headers?: Record<string, string>;
    agent?: Agent;
    ca?: string[];
    chunked?: boolean;
  } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', ...o.headers };
    if (o.body !== undefined && !o.chunked) headers['Content-Length'] = String(Buffer.byteLength(o.body));
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: p,
        method: o.method ?? (o.body === undefined ? 'GET' : 'POST'),
        ca: o.ca ?? [certs.caCert],
        servername: SAN,
        headers,
        agent: o.agent ?? false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        const peer = (res.socket as TLSSocket).getPeerCertificate?.()?.fingerprint256;
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString(), headers: res.headers, peer }),
        );
      },
    );
    req.on('error', reject);
    if (o.body !== undefined) {
      if (o.chunked) {
        // Several writes without Content-Length: chunked transfer encoding.
        const b = Buffer.from(o.body);
        for (let i = 0; i < b.length; i += 65536) req.write(b.subarray(i, i + 65536));
      } else req.write(o.body);
    }
    req.end();
  });
}

interface ReviewResponse {
  apiVersion: string;
  kind: string;
  response: {
    uid: string;
    allowed: boolean;
    status?: { code: number; message: string };
    warnings?: string[];
    auditAnnotations?: Record<string, string>;
    patchType?: string;
    patch?: string;
  };
}

let uidCounter = 0;
function review(
  object: Record<string, unknown>,
  o: {
    operation?: string;
    version?: string;
    namespace?: string;
    dryRun?: boolean;
    subResource?: string;
    username?: string;
    oldObject?: Record<string, unknown>;
  } = {},
): string {
  const meta = (object.metadata ?? {}) as { name?: string; namespace?: string };
  const [group, version] = String(object.apiVersion).includes('/')
    ? String(object.apiVersion).split('/')
    : ['', object.apiVersion];
  return JSON.stringify({
    apiVersion: o.version ?? 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: `uid-${++uidCounter}`,
      kind: { group, version, kind: object.kind },
      resource: { group, version, resource: `${String(object.kind).toLowerCase()}s` },
      subResource: o.subResource,
      name: meta.name,
      namespace: o.namespace ?? meta.namespace,
      operation: o.operation ?? 'CREATE',
      userInfo: { username: o.username ?? 'alice', groups: ['system:authenticated'] },
      object: o.operation === 'DELETE' ? null : object,
      oldObject: o.operation === 'UPDATE' || o.operation === 'DELETE' ? (o.oldObject ?? object) : null,
      dryRun: o.dryRun ?? false,
    },
  });
}

async function admit(port: number, p: '/validate' | '/mutate', body: string): Promise<ReviewResponse> {
  const r = await call(port, p, { body });
  assert.equal(r.status, 200, r.text);
  const out = JSON.parse(r.text) as ReviewResponse;
  assert.equal(out.response.uid, (JSON.parse(body) as { request: { uid: string } }).request.uid);
  return out;
}

const container = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  image: 'registry.example/app:1.2.3',
  resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '64Mi' } },
  readinessProbe: { httpGet: { path: '/', port: 8080 } },
  livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
  ports: [{ containerPort: 8080 }],
  ...extra,
});

const HARDENED = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};

function pod(name: string, containers: Record<string, unknown>[], namespace = 'shop') {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace },
    spec: { automountServiceAccountToken: false, containers },
  };
}

const GOOD = pod('good', [container('app', { securityContext: HARDENED })]);
const PRIVILEGED = pod('priv', [
  container('app', { securityContext: { ...HARDENED, allowPrivilegeEscalation: undefined, privileged: true } }),
]);
/** Medium findings only (writable root filesystem). */
const MEDIUM = pod('medium', [container('app', { securityContext: { ...HARDENED, readOnlyRootFilesystem: undefined } })]);

// ---------------------------------------------------------------------------------------------

describe('webhook: validate', () => {
  let s: Running;
  before(async () => {
    s = await serve({
      defaults: { enforce: 'high', warn: 'medium', audit: 'low' },
      namespaces: { 'sandbox-*': { enforce: 'none', warn: 'high' } },
      exempt: { namespaces: ['kube-system'], users: ['system:serviceaccount:ops:deployer'] },
    });
  });

  it('allows a hardened pod', async () => {
    const r = await admit(s.port, '/validate', review(GOOD));
    assert.equal(r.response.allowed, true);
    assert.equal(r.response.status, undefined);
    assert.ok(!(r.response.warnings ?? []).some((w) => /privilege|root/.test(w)), String(r.response.warnings));
  });

  it('denies a privileged pod, listing rule id, path and remedy', async () => {
    const r = await admit(s.port, '/validate', review(PRIVILEGED));
    assert.equal(r.apiVersion, 'admission.k8s.io/v1');
    assert.equal(r.response.allowed, false);
    assert.equal(r.response.status?.code, 403);
    const m = r.response.status?.message ?? '';
    assert.match(m, /palisade denied Pod shop\/priv/);
    assert.match(m, /\[privileged-container\] spec\.containers\[0\]\.securityContext\.privileged: /);
    assert.match(m, /Fix: /);
    assert.equal(r.response.auditAnnotations?.decision, 'denied');
    const audited = JSON.parse(r.response.auditAnnotations?.findings ?? '[]') as { rule: string }[];
    assert.ok(audited.some((f) => f.rule === 'privileged-container'));
    assert.ok(Number(r.response.auditAnnotations?.['skipped-rules']) > 0, 'index rules are reported as skipped');
  });

  it('warns below the enforce threshold (kubectl shows warnings)', async () => {
    const r = await admit(s.port, '/validate', review(MEDIUM));
    assert.equal(r.response.allowed, true);
    assert.ok(
      r.response.warnings?.some((w) => w.includes('[read-only-root-filesystem]')),
      String(r.response.warnings),
    );
    assert.equal(r.response.auditAnnotations?.decision, 'warned');
  });

  it('applies per-namespace thresholds (globs) and exemptions', async () => {
    const sandbox = await admit(s.port, '/validate', review({ ...PRIVILEGED, metadata: { name: 'p', namespace: 'sandbox-1' } }));
    assert.equal(sandbox.response.allowed, true);
    assert.ok(sandbox.response.warnings?.some((w) => w.includes('[privileged-container]')));
    const system = await admit(s.port, '/validate', review({ ...PRIVILEGED, metadata: { name: 'p', namespace: 'kube-system' } }));
    assert.equal(system.response.allowed, true);
    assert.equal(system.response.auditAnnotations?.decision, 'exempt');
    const user = await admit(s.port, '/validate', review(PRIVILEGED, { username: 'system:serviceaccount:ops:deployer' }));
    assert.equal(user.response.allowed, true);
  });

  it('takes the namespace from the request when the object has none (CREATE with generateName)', async () => {
    const obj = { ...PRIVILEGED, metadata: { generateName: 'priv-' } };
    const r = await admit(s.port, '/validate', review(obj, { namespace: 'sandbox-2' }));
    assert.equal(r.response.allowed, true, 'sandbox-* thresholds apply, so the namespace came from the request');
  });

  it('answers v1beta1 reviews in v1beta1', async () => {
    const r = await admit(s.port, '/validate', review(PRIVILEGED, { version: 'admission.k8s.io/v1beta1' }));
    assert.equal(r.apiVersion, 'admission.k8s.io/v1beta1');
    assert.equal(r.response.allowed, false);
  });

  it('ignores DELETE and subresources, evaluates UPDATE, and gives dry runs the same verdict without counting findings', async () => {
    assert.equal((await admit(s.port, '/validate', review(PRIVILEGED, { operation: 'DELETE' }))).response.allowed, true);
    const sub = await admit(s.port, '/validate', review(PRIVILEGED, { operation: 'UPDATE', subResource: 'status' }));
    assert.equal(sub.response.allowed, true);
    assert.equal(sub.response.auditAnnotations?.decision, 'skipped');
    const fresh = await admit(
      s.port,
      '/validate',
      review(PRIVILEGED, { operation: 'UPDATE', oldObject: { ...GOOD, metadata: PRIVILEGED.metadata } }),
    );
    assert.equal(fresh.response.allowed, false, 'an UPDATE that makes the pod privileged is denied');
    const before = await findingCount(s.port, 'privileged-container');
    const dry = await admit(s.port, '/validate', review(PRIVILEGED, { dryRun: true }));
    assert.equal(dry.response.allowed, false);
    assert.equal(await findingCount(s.port, 'privileged-container'), before);
  });

  it('on UPDATE, warns about findings the stored object already had instead of denying them (unless configured)', async () => {
    const same = await admit(s.port, '/validate', review(PRIVILEGED, { operation: 'UPDATE' }));
    assert.equal(same.response.allowed, true, 'relabelling a legacy privileged pod is not denied');
    assert.ok(same.response.warnings?.some((w) => w.includes('[privileged-container]')));
    const strict = await serve({ existingFindingsOnUpdate: 'enforce' });
    const denied = await admit(strict.port, '/validate', review(PRIVILEGED, { operation: 'UPDATE' }));
    assert.equal(denied.response.allowed, false);
    assert.match(denied.response.status?.message ?? '', /privileged-container/);
  });

  it('exposes Prometheus metrics by operation, kind and decision, and findings by rule', async () => {
    const r = await call(s.port, '/metrics');
    assert.equal(r.status, 200);
    assert.match(
      r.text,
      /palisade_webhook_requests_total\{webhook="validate",operation="CREATE",kind="Pod",decision="denied"\} \d+/,
    );
    assert.match(
      r.text,
      /palisade_webhook_request_duration_seconds_bucket\{le="0\.005",webhook="validate",operation="CREATE",kind="Pod",decision="denied"\} \d+/,
    );
    assert.match(r.text, /palisade_webhook_findings_total\{rule="privileged-container",severity="critical"\} \d+/);
    assert.match(r.text, /palisade_webhook_rules\{stage="skipped"\} [1-9]/);
  });
});

async function findingCount(port: number, rule: string): Promise<number> {
  const r = await call(port, '/metrics');
  const m = new RegExp(`palisade_webhook_findings_total\\{rule="${rule}",[^}]*\\} (\\d+)`).exec(r.text);
  return m ? Number(m[1]) : 0;
}

// ---------------------------------------------------------------------------------------------

/** RFC 6902 exactly: the parent of every path must exist (unlike our rules' fixes). */
function applyRfc6902(doc: unknown, ops: readonly JsonPatchOp[]): unknown {
  const root = structuredClone(doc);
  for (const op of ops) {
    const segs = op.path
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = segs.pop();
    assert.ok(last !== undefined, `no root ops expected: ${op.path}`);
    let parent = root as Record<string, unknown>;
    for (const s of segs) {
      const next = parent[s];
      assert.ok(next !== null && typeof next === 'object', `${op.op} ${op.path}: parent /${segs.join('/')} does not exist`);
      parent = next as Record<string, unknown>;
    }
    if (op.op === 'remove' || op.op === 'replace') assert.ok(last in parent, `${op.op} ${op.path}: target does not exist`);
    if (op.op === 'remove') delete parent[last];
    else if (Array.isArray(parent) && op.op === 'add') parent.splice(last === '-' ? parent.length : Number(last), 0, op.value);
    else parent[last] = op.value;
  }
  return root;
}

describe('webhook: mutate', () => {
  const MUTATE = ['allow-privilege-escalation', 'run-as-non-root', 'read-only-root-filesystem'];
  let s: Running;
  before(async () => {
    s = await serve({ mutate: MUTATE });
  });

  it('returns a JSON patch that applies cleanly (RFC 6902) and makes the rules pass', async () => {
    // Container "app" has no securityContext: three fixes each want to create it.
    const obj = pod('fixable', [container('app'), container('side', { securityContext: { readOnlyRootFilesystem: true } })]);
    const r = await admit(s.port, '/mutate', review(obj));
    assert.equal(r.response.allowed, true);
    assert.equal(r.response.patchType, 'JSONPatch');
    const ops = JSON.parse(Buffer.from(r.response.patch ?? '', 'base64').toString()) as JsonPatchOp[];
    const patched = applyRfc6902(obj, ops) as Record<string, unknown>;
    const v = await admit(s.port, '/validate', review(patched));
    const audited = JSON.parse(v.response.auditAnnotations?.findings ?? '[]') as { rule: string }[];
    for (const id of MUTATE) assert.ok(!audited.some((f) => f.rule === id), `${id} still reported after the patch`);
    assert.ok(r.response.warnings?.some((w) => w.includes('palisade mutated Pod shop/fixable')));
  });

  it('applies the safe defaults of the issue: seccomp RuntimeDefault, drop ALL, runAsNonRoot with a UID, requests, no token', async () => {
    const SAFE = [
      'pss-seccomp-profile-restricted',
      'pss-capabilities-restricted',
      'run-as-non-root',
      'container-resource-requests',
      'automount-token-not-chosen',
    ];
    const { value, issues } = parseWebhookConfig(
      {
        rules: {
          'run-as-non-root': { options: { fixRunAsUser: 10001 } },
          'container-resource-requests': { options: { fixCpuRequest: '50m', fixMemoryRequest: '64Mi' } },
          'automount-token-not-chosen': true,
        },
        webhook: { mutate: SAFE },
      },
      BUILTIN_RULES,
      'test',
    );
    assert.deepEqual(issues, []);
    const admitter = new Admitter({
      rules: BUILTIN_RULES,
      config: value.config,
      policy: value.policy,
      today: () => '2026-06-01',
    });
    const bare = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'bare', namespace: 'shop' },
      spec: {
        selector: { matchLabels: { app: 'bare' } },
        template: { metadata: { labels: { app: 'bare' } }, spec: { containers: [{ name: 'app', image: 'a:1' }] } },
      },
    };
    const out = admitter.mutate(parseReview(JSON.parse(review(bare))));
    const ops = JSON.parse(Buffer.from(out.review.response.patch ?? '', 'base64').toString()) as JsonPatchOp[];
    const patched = applyRfc6902(bare, ops) as typeof bare & {
      spec: { template: { spec: { securityContext: unknown; containers: Record<string, unknown>[] } } };
    };
    const spec = patched.spec.template.spec;
    assert.deepEqual(spec.securityContext, { seccompProfile: { type: 'RuntimeDefault' } });
    assert.equal((spec as Record<string, unknown>).automountServiceAccountToken, false);
    assert.deepEqual(spec.containers[0]!.securityContext, {
      runAsNonRoot: true,
      runAsUser: 10001,
      capabilities: { drop: ['ALL'] },
    });
    assert.deepEqual(spec.containers[0]!.resources, { requests: { cpu: '50m', memory: '64Mi' } });
    const after = admitter.validate(parseReview(JSON.parse(review(patched))));
    const left = (JSON.parse(after.review.response.auditAnnotations?.findings ?? '[]') as { rule: string }[]).map((f) => f.rule);
    for (const id of SAFE) assert.ok(!left.includes(id), `${id} still reported after the patch`);
  });

  it('changes nothing that no enabled rule asks for', async () => {
    const r = await admit(s.port, '/mutate', review(GOOD));
    assert.equal(r.response.patch, undefined);
  });

  it('escapes "/" and "~" in patch paths', () => {
    assert.equal(pointer(['metadata', 'annotations', 'palisade.dev/x~y']), '/metadata/annotations/palisade.dev~1x~0y');
    const from = { metadata: { annotations: { 'a/b': '1' } } };
    const to = { metadata: { annotations: { 'a/b': '2', 'c~d': '3' } } };
    assert.deepEqual(applyRfc6902(from, diff(from, to)), to);
  });
});

// ---------------------------------------------------------------------------------------------

describe('webhook: robustness', () => {
  let s: Running;
  before(async () => {
    s = await serve({ limits: { maxBodyBytes: '64Ki', maxJsonDepth: 40, requestTimeoutMs: 400 } });
  });

  const bad = async (body: string | Buffer, expect: RegExp, o: Parameters<typeof call>[2] = {}) => {
    const r = await call(s.port, '/validate', { body, ...o });
    assert.equal(r.status, 400, r.text);
    assert.match(r.text, expect);
  };

  it('answers malformed, oversized, deep and unexpected input with HTTP 400 and a message, and keeps serving', async () => {
    await bad('{"apiVersion": ', /malformed JSON/);
    await bad('[]', /must be a JSON object/);
    await bad(JSON.stringify({ apiVersion: 'v1', kind: 'Pod' }), /apiVersion must be one of/);
    await bad(JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' }), /request is missing/);
    await bad(review(GOOD).replace('"operation":"CREATE"', '"operation":"EXPLODE"'), /request.operation must be one of/);
    await bad(review(GOOD).replace(/"object":\{.*\},"oldObject"/, '"object":null,"oldObject"'), /request.object is required/);
    await bad(review(GOOD), /Content-Type must be application\/json/, { headers: { 'Content-Type': 'text/plain' } });
    const huge = review({ ...GOOD, metadata: { name: 'x', namespace: 'shop', annotations: { a: 'x'.repeat(100_000) } } });
    await bad(huge, /exceeds the limit of 65536 bytes/);
    await bad(huge, /exceeds the limit of 65536 bytes/, { chunked: true });
    await bad('['.repeat(10_000) + ']'.repeat(10_000), /nesting exceeds the limit of 40/);
    // Brackets inside strings do not count.
    const strings = review({ ...GOOD, metadata: { name: 'x', namespace: 'shop', annotations: { a: '[[[['.repeat(50) } } });
    assert.equal((await call(s.port, '/validate', { body: strings })).status, 200);
    assert.equal((await call(s.port, '/validate')).status, 405);
    assert.equal((await call(s.port, '/nope')).status, 404);
    assert.equal((await call(s.port, '/healthz')).status, 200);
    assert.equal((await admit(s.port, '/validate', review(PRIVILEGED))).response.allowed, false);
    assert.match((await call(s.port, '/metrics')).text, /palisade_webhook_bad_requests_total\{reason="too_deep"\} 1/);
  });

  it('times out a request whose body never finishes', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: s.port,
          path: '/validate',
          method: 'POST',
          ca: [certs.caCert],
          servername: SAN,
          agent: false,
          headers: { 'Content-Type': 'application/json', 'Content-Length': '1000' },
        },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.write('{"apiVersion":');
    });
    assert.equal(status, 408);
  });
});

describe('webhook: failure mode', () => {
  const rules = [...BUILTIN_RULES, boom];
  const BOOM = { ...GOOD, metadata: { name: 'boom', namespace: 'shop' } };

  it('allows with a warning on an internal error when the failure mode is allow, and counts it', async () => {
    const s = await serve({ failureMode: 'allow' }, { rules });
    const r = await admit(s.port, '/validate', review(BOOM));
    assert.equal(r.response.allowed, true);
    assert.ok(r.response.warnings?.some((w) => /rule test-boom failed: kaput; allowed by the failure mode/.test(w)));
    assert.equal(r.response.auditAnnotations?.decision, 'error');
    // Other findings still deny: an error in one rule does not open the gate for the rest.
    const both = await admit(s.port, '/validate', review({ ...PRIVILEGED, metadata: { name: 'boom', namespace: 'shop' } }));
    assert.equal(both.response.allowed, false);
    assert.match((await call(s.port, '/metrics')).text, /palisade_webhook_internal_errors_total\{webhook="validate"\} 2/);
  });

  it('denies on an internal error when the failure mode is deny', async () => {
    const s = await serve({ failureMode: 'deny' }, { rules });
    const r = await admit(s.port, '/validate', review(BOOM));
    assert.equal(r.response.allowed, false);
    assert.equal(r.response.status?.code, 500);
    assert.match(r.response.status?.message ?? '', /kaput.*failure mode is deny/);
  });

  it('refuses mutation of rules that cannot mutate at admission', () => {
    const { issues } = parseWebhookConfig(
      { webhook: { mutate: ['image-tag', 'automount-service-account-token', 'nope'] } },
      BUILTIN_RULES,
      't',
    );
    assert.deepEqual(
      issues.map((i) => i.message),
      [
        'rule "image-tag" cannot mutate at admission (no fix, or it needs other objects)',
        'rule "automount-service-account-token" cannot mutate at admission (no fix, or it needs other objects)',
        'unknown rule "nope"',
      ],
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe('webhook: TLS', () => {
  it('serves TLS 1.2+ only', async () => {
    const s = await serve();
    await assert.rejects(
      call(s.port, '/healthz', { headers: {}, agent: new Agent({ maxVersion: 'TLSv1.1', minVersion: 'TLSv1' }) }),
    );
  });

  it('reloads a rotated certificate without a restart, and keeps the old one while the new pair does not match', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'palisade-rotate-'));
    writeFileSync(path.join(d, 'tls.crt'), certs.tlsCert);
    writeFileSync(path.join(d, 'tls.key'), certs.tlsKey);
    const s = await serve({}, { tlsDir: d });
    const next = generateCerts({ service: 'palisade-webhook', namespace: 'palisade-system' });
    const ca = [certs.caCert, next.caCert];
    const fp = (pem: string) => new X509Certificate(pem).fingerprint256;
    assert.equal((await call(s.port, '/healthz', { ca })).peer, fp(certs.tlsCert));
    // Certificate first, key later (as a careless rotation does): the mismatched pair is refused.
    writeFileSync(path.join(d, 'tls.crt'), next.tlsCert);
    await s.server.reloadCertificates(); // may be a look that began before the write
    await s.server.reloadCertificates();
    assert.equal((await call(s.port, '/healthz', { ca })).peer, fp(certs.tlsCert));
    writeFileSync(path.join(d, 'tls.key'), next.tlsKey);
    const deadline = Date.now() + 5000;
    let peer: string | undefined;
    while (Date.now() < deadline && (peer = (await call(s.port, '/healthz', { ca })).peer) !== fp(next.tlsCert))
      await new Promise((r) => setTimeout(r, 25));
    assert.equal(peer, fp(next.tlsCert));
    const m = (await call(s.port, '/metrics', { ca })).text;
    assert.match(m, /palisade_webhook_certificate_reloads_total\{result="ok"\} 1\n/);
    assert.match(m, /palisade_webhook_certificate_reloads_total\{result="error"\} [1-9]/);
  });

  it('requires a client certificate from the configured CA on review endpoints only', async () => {
    const clientCaFile = path.join(dir, 'client-ca.crt');
    writeFileSync(clientCaFile, certs.caCert);
    const s = await serve({}, { clientCa: clientCaFile });
    assert.equal((await call(s.port, '/healthz')).status, 200, 'probes carry no client certificate');
    assert.equal((await call(s.port, '/validate', { body: review(GOOD) })).status, 401);
    const client = generateClientCert(certs, 'kube-apiserver');
    const agent = new Agent({ cert: client.cert, key: client.key, ca: [certs.caCert] });
    assert.equal((await call(s.port, '/validate', { body: review(GOOD), agent })).status, 200);
    agent.destroy();
  });
});

// ---------------------------------------------------------------------------------------------

describe('webhook: namespaces from the namespace cache', () => {
  const ns = (name: string, labels: Record<string, string>) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels },
  });
  const known: Record<string, Record<string, unknown>> = {
    legacy: ns('legacy', { 'palisade.dev/enforce': 'none', 'palisade.dev/warn': 'high' }),
    strict: ns('strict', { 'pod-security.kubernetes.io/enforce': 'restricted' }),
    open: ns('open', { 'pod-security.kubernetes.io/enforce': 'privileged' }),
  };
  let s: Running;
  before(async () => {
    s = await serve({}, { namespaceOf: (name) => known[name] });
  });
  const findingsOf = (r: ReviewResponse) =>
    (JSON.parse(r.response.auditAnnotations?.findings ?? '[]') as { rule: string }[]).map((f) => f.rule);
  /** Passes every generic rule, but runs with the runtime's default seccomp profile (unset). */
  const NO_SECCOMP = (namespace: string) =>
    pod('noseccomp', [container('app', { securityContext: { ...HARDENED, seccompProfile: undefined } })], namespace);

  it('lets a palisade.dev/enforce label override the enforce threshold', async () => {
    const r = await admit(s.port, '/validate', review({ ...PRIVILEGED, metadata: { name: 'p', namespace: 'legacy' } }));
    assert.equal(r.response.allowed, true);
    assert.ok(
      r.response.warnings?.some((w) => w.includes('[privileged-container]')),
      'still warned (warn: high)',
    );
    const other = await admit(s.port, '/validate', review({ ...PRIVILEGED, metadata: { name: 'p', namespace: 'elsewhere' } }));
    assert.equal(other.response.allowed, false, 'an unknown namespace gets the defaults');
  });

  it("judges Pod Security Standards at the namespace's pod-security.kubernetes.io level", async () => {
    const strict = await admit(s.port, '/validate', review(NO_SECCOMP('strict')));
    assert.ok(findingsOf(strict).includes('pss-seccomp-profile-restricted'), JSON.stringify(findingsOf(strict)));
    // Pod Security Admission itself rejects it; palisade says so (its own thresholds decide its verdict).
    assert.ok(
      strict.response.warnings?.some((w) => /would be rejected at admission/.test(w)),
      strict.response.warnings?.join('\n'),
    );
    const open = await admit(s.port, '/validate', review(NO_SECCOMP('open')));
    assert.ok(!findingsOf(open).includes('pss-seccomp-profile-restricted'), 'privileged level allows it');
    assert.equal(open.response.allowed, true);
  });

  it('without the Namespace, judges at the configured level (restricted by default), like a scan of the file alone', async () => {
    const r = await admit(s.port, '/validate', review(NO_SECCOMP('elsewhere')));
    assert.ok(findingsOf(r).includes('pss-seccomp-profile-restricted'));
  });
});

describe('webhook: parity with palisade scan', () => {
  it('gives every bundled example object the findings the engine gives it (rules that run at admission)', async () => {
    const objects: KubeObject[] = [];
    const inputs = await loadSources([path.join(ROOT, 'examples')], (o) => objects.push(o));
    assert.ok(objects.length >= 5, `examples hold objects (${inputs.length} files)`);
    const { active } = activeRules(BUILTIN_RULES, EMPTY_CONFIG, {});
    const engine = evaluate(objects, { rules: active.filter((ar) => runsAtAdmission(ar.rule)), today: '2026-06-01' });
    assert.deepEqual(engine.ruleErrors, []);
    const key = (f: { rule: string; severity: string; path: string }) => `${f.rule} ${f.severity} ${f.path}`;
    // The webhook learns namespaces from its namespace cache; here, from the examples, as scan does.
    const namespaces = new Map(objects.filter((o) => o.id.kind === 'Namespace').map((o) => [o.id.name, o.value]));
    assert.ok(namespaces.size > 0, 'the examples hold a Namespace (its PSS labels must reach the webhook too)');
    const s = await serve(
      { defaults: { enforce: 'none', warn: 'info', audit: 'info' }, exempt: { namespaces: [] } },
      { namespaceOf: (name) => namespaces.get(name) },
    );
    let compared = 0;
    for (const obj of objects) {
      const expected = engine.findings
        .filter((f) => f.object === obj.id && !f.suppression)
        .map((f) => key({ rule: f.ruleId, severity: f.severity, path: formatPath(f.path) }))
        .sort();
      const r = await admit(s.port, '/validate', review(obj.value as Record<string, unknown>, { namespace: obj.id.namespace }));
      const got = (
        JSON.parse(r.response.auditAnnotations?.findings ?? '[]') as { rule: string; severity: string; path: string }[]
      )
        .map(key)
        .sort();
      assert.deepEqual(got, expected, `${obj.id.kind} ${obj.id.namespace}/${obj.id.name}`);
      // The messages are the engine's too (warnings carry them, up to the warning cap).
      const messages = engine.findings.filter((f) => f.object === obj.id && !f.suppression).map((f) => f.message);
      if (messages.length <= 20)
        for (const m of messages)
          assert.ok(
            r.response.warnings?.some((w) => w.endsWith(m)),
            m,
          );
      compared += expected.length;
    }
    assert.ok(compared > 10, `compared ${compared} findings`);
  });
});

describe('webhook: install manifests', () => {
  for (const namespaceInformer of [false, true])
    it(`pass palisade scan with no finding at high or above (all rules${namespaceInformer ? ', with the namespace informer' : ''})`, async () => {
      const yaml = manifestsYaml({
        namespace: 'palisade-system',
        caBundle: certs.caCert,
        rules: BUILTIN_RULES,
        namespaceInformer,
      });
      const d = mkdtempSync(path.join(tmpdir(), 'palisade-manifests-'));
      writeFileSync(path.join(d, 'install.yaml'), yaml);
      const result = await runScan({
        paths: [d],
        rules: BUILTIN_RULES,
        config: EMPTY_CONFIG,
        selection: { all: true },
        today: '2026-06-01',
      });
      assert.equal(result.objects, namespaceInformer ? 11 : 9);
      assert.deepEqual(result.ruleErrors, []);
      const serious = result.findings.filter((f) => !f.suppression && severityRank(f.severity) >= severityRank('high'));
      assert.deepEqual(
        serious.map((f) => `${f.ruleId} ${formatPath(f.path)}`),
        [],
      );
    });

  it('with the namespace informer: read-only RBAC on namespaces, a token for the one container, API server egress', () => {
    const docs = manifestsYaml({ namespace: 'guard', rules: BUILTIN_RULES, namespaceInformer: true })
      .split(/^---\n/m)
      .slice(1)
      .map((d) => parseYamlText(d) as unknown);
    const role = docs.find((d) => getAt(d, ['kind']) === 'ClusterRole');
    assert.deepEqual(getAt(role, ['rules']), [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] }]);
    const binding = docs.find((d) => getAt(d, ['kind']) === 'ClusterRoleBinding');
    assert.deepEqual(getAt(binding, ['subjects']), [{ kind: 'ServiceAccount', name: 'palisade-webhook', namespace: 'guard' }]);
    const dep = docs.find((d) => getAt(d, ['kind']) === 'Deployment');
    const pod = ['spec', 'template', 'spec'];
    assert.ok((getAt(dep, [...pod, 'containers', 0, 'args']) as string[]).includes('--namespace-informer'));
    assert.equal(getAt(dep, [...pod, 'automountServiceAccountToken']), false, 'no token for other containers');
    const mounts = getAt(dep, [...pod, 'containers', 0, 'volumeMounts']) as { mountPath: string }[];
    assert.ok(mounts.some((m) => m.mountPath === '/var/run/secrets/kubernetes.io/serviceaccount'));
    const policy = docs.find((d) => getAt(d, ['kind']) === 'NetworkPolicy');
    assert.deepEqual(getAt(policy, ['spec', 'egress', 0, 'ports']), [
      { port: 443, protocol: 'TCP' },
      { port: 6443, protocol: 'TCP' },
    ]);
  });

  it('hold everything an install needs, hardened', () => {
    const docs = manifestsYaml({ namespace: 'guard', caBundle: certs.caCert, rules: BUILTIN_RULES, exemptUsers: ["o'brien"] })
      .split(/^---\n/m)
      .slice(1)
      .map((d) => parseYamlText(d) as unknown);
    const kinds = docs.map((d) => getAt(d, ['kind']));
    for (const k of [
      'Namespace',
      'ServiceAccount',
      'Deployment',
      'PodDisruptionBudget',
      'Service',
      'NetworkPolicy',
      'ValidatingWebhookConfiguration',
      'MutatingWebhookConfiguration',
    ])
      assert.ok(kinds.includes(k), k);
    const dep = docs.find((d) => getAt(d, ['kind']) === 'Deployment');
    assert.ok(Number(getAt(dep, ['spec', 'replicas'])) >= 2);
    const pod = ['spec', 'template', 'spec'];
    const sc = [...pod, 'containers', 0, 'securityContext'];
    assert.deepEqual(getAt(dep, [...sc, 'capabilities', 'drop']), ['ALL']);
    assert.equal(getAt(dep, [...sc, 'readOnlyRootFilesystem']), true);
    assert.equal(getAt(dep, [...sc, 'allowPrivilegeEscalation']), false);
    assert.equal(getAt(dep, [...pod, 'automountServiceAccountToken']), false);
    assert.equal(getAt(dep, [...pod, 'securityContext', 'seccompProfile', 'type']), 'RuntimeDefault');
    const vwc = getAt(
      docs.find((d) => getAt(d, ['kind']) === 'ValidatingWebhookConfiguration'),
      ['webhooks', 0],
    );
    assert.equal(getAt(vwc, ['sideEffects']), 'None');
    assert.equal(getAt(vwc, ['failurePolicy']), 'Fail');
    assert.equal(getAt(vwc, ['timeoutSeconds']), 5);
    assert.deepEqual(getAt(vwc, ['admissionReviewVersions']), ['v1']);
    assert.equal(Buffer.from(String(getAt(vwc, ['clientConfig', 'caBundle'])), 'base64').toString(), certs.caCert);
    assert.deepEqual(getAt(vwc, ['namespaceSelector', 'matchExpressions', 0, 'values']), ['kube-system', 'guard']);
    const resources = getAt(vwc, ['rules', 0, 'resources']) as string[];
    assert.ok(resources.includes('pods') && resources.includes('deployments'));
    const conditions = getAt(vwc, ['matchConditions']) as { expression: string }[];
    assert.ok(conditions.some((m) => m.expression.includes("['o\\'brien']")));
  });
});

describe('webhook: rules that judge ages', () => {
  it("fill today's date per day, so a data key's age is judged at admission too", () => {
    let day = '2026-01-01';
    const admitter = new Admitter({
      rules: BUILTIN_RULES,
      config: EMPTY_CONFIG,
      policy: parseWebhookConfig({}, BUILTIN_RULES, 't').value.policy,
      today: () => day,
    });
    const ages = admitter.admissionRules.filter((ar) => ar.rule.meta.options && 'today' in ar.rule.meta.options);
    assert.ok(ages.length > 0, 'some admission rule takes today');
    for (const ar of ages) assert.equal(ar.options.today, '2026-01-01', ar.rule.meta.id);
    day = '2026-01-02';
    for (const ar of admitter.admissionRules.filter((x) => ages.some((a) => a.rule.meta.id === x.rule.meta.id)))
      assert.equal(ar.options.today, '2026-01-02', ar.rule.meta.id);
  });
});

describe('webhook: rules see the stored object on UPDATE', () => {
  it('passes oldObject to rules as ctx.oldObject (and nothing on CREATE)', () => {
    const immutableKey = defineRule({
      meta: {
        id: 'test-immutable-key',
        title: 't',
        severity: 'high',
        category: 'test',
        targets: ['ConfigMap'],
        needs: 'object',
        controls: [],
        description: 'd',
        remediation: 'r',
      },
      check(obj, ctx) {
        const before = ctx.oldObject?.value.data as Record<string, unknown> | undefined;
        const now = obj.value.data as Record<string, unknown>;
        if (before && before.key !== now.key)
          ctx.report({ path: ['data', 'key'], message: `key changed from ${String(before.key)}` });
      },
    });
    const { value } = parseWebhookConfig({}, [immutableKey], 't');
    const admitter = new Admitter({
      rules: [immutableKey],
      config: value.config,
      policy: value.policy,
      today: () => '2026-06-01',
    });
    const cm = (key: string) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'shop' },
      data: { key },
    });
    const update = admitter.validate(parseReview(JSON.parse(review(cm('b'), { operation: 'UPDATE', oldObject: cm('a') }))));
    assert.equal(update.review.response.allowed, false);
    assert.match(update.review.response.status?.message ?? '', /key changed from a/);
    assert.equal(admitter.validate(parseReview(JSON.parse(review(cm('b'))))).review.response.allowed, true);
  });
});

describe('webhook: UPDATE does not excuse a new offender under an old finding', () => {
  it('denies a second container added with a forbidden capability when the first already had one', () => {
    const { value } = parseWebhookConfig({}, BUILTIN_RULES, 't');
    const ns = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } },
    };
    const admitter = new Admitter({
      rules: BUILTIN_RULES,
      config: value.config,
      policy: { ...value.policy, defaults: { enforce: 'medium', warn: 'low', audit: 'info' } },
      today: () => '2026-06-01',
      namespaceOf: (n) => (n === 'shop' ? ns : undefined),
    });
    const withCaps = (caps: Record<string, string[]>) =>
      pod(
        'p',
        Object.entries(caps).map(([name, add]) =>
          container(name, { securityContext: { ...HARDENED, capabilities: { drop: ['ALL'], add } } }),
        ),
      );
    const old = withCaps({ a: ['NET_ADMIN'] });
    const same = admitter.validate(parseReview(JSON.parse(review(old, { operation: 'UPDATE', oldObject: old }))));
    assert.equal(same.review.response.allowed, true, 'the old offender alone is grandfathered');
    const worse = withCaps({ a: ['NET_ADMIN'], b: ['SYS_ADMIN'] });
    const r = admitter.validate(parseReview(JSON.parse(review(worse, { operation: 'UPDATE', oldObject: old }))));
    assert.equal(r.review.response.allowed, false, JSON.stringify(r.review.response));
  });
});

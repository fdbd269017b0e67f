import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { palisade, tempDir } from './helpers/cli.js';
import { validator } from './helpers/schemas.js';

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  object: { kind: string; namespace?: string; name: string };
  location: { file: string; line: number; column: number; path: string; origin?: string; exact: boolean };
  suppressed: boolean;
  suppression?: { by: string; reason?: string };
  fingerprint: string;
}
interface JsonResult {
  inputs: { source: string; objects: number; errors: { line?: number; message: string }[]; skipped: { message: string }[] }[];
  summary: { objects: number; findings: number; suppressed: number; bySeverity: Record<string, number> };
  findings: JsonFinding[];
  errors: { source: string; line?: number; message: string }[];
  expiredExceptions: unknown[];
}

const PRIVILEGED_POD = `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: ns
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        privileged: true
`;

function scanJson(args: string[], opts: Parameters<typeof palisade>[1] = {}): { code: number; json: JsonResult; stderr: string } {
  const r = palisade(['scan', '-o', 'json', '--rules', 'privileged-container', '--no-config', ...args], opts);
  let json: JsonResult;
  try {
    json = JSON.parse(r.stdout) as JsonResult;
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`);
  }
  return { code: r.code, json, stderr: r.stderr };
}

describe('palisade scan', () => {
  it('scans the bundled examples: JSON validates against the contract schema, positions are exact', () => {
    const r = palisade(['scan', '-o', 'json', '--no-config', 'examples']);
    assert.equal(r.code, 1, r.stderr);
    const json = JSON.parse(r.stdout) as JsonResult;
    assert.deepEqual(validator('scan-result')(json), []);
    const priv = json.findings.find((f) => f.ruleId === 'privileged-container');
    assert.ok(priv, 'privileged container found');
    assert.equal(priv.location.file, path.join('examples', 'bad', 'web-deployment.yaml'));
    assert.equal(priv.location.line, 23);
    assert.equal(priv.location.column, 13);
    assert.equal(priv.location.path, 'spec.template.spec.containers[0].securityContext.privileged');
    assert.ok(
      json.findings.every((f) => f.location.exact),
      'every finding points at a real node',
    );
    assert.equal(json.findings.filter((f) => f.location.file.includes(`good${path.sep}`)).length, 0, 'good examples are clean');
    const helm = json.inputs.find((i) => i.source.endsWith('helm-output.yaml'));
    assert.ok(
      helm?.skipped.some((s) => /not a Kubernetes object/.test(s.message)),
      'non-object documents are noted',
    );
  });

  it('keeps Helm # Source: comments as the origin', () => {
    const dir = tempDir({
      'out.yaml': `---\n# Source: app/templates/pod.yaml\n${PRIVILEGED_POD}---\n# Source: app/templates/values.yaml\nnote: x\n`,
    });
    const { json } = scanJson([dir]);
    assert.equal(json.findings.length, 1);
    assert.equal(json.findings[0]!.location.origin, 'app/templates/pod.yaml');
    assert.equal(json.findings[0]!.location.line, 13);
  });

  it('SARIF output validates against the official SARIF 2.1.0 schema, with stable fingerprints', () => {
    const a = palisade(['scan', '-o', 'sarif', '--no-config', 'examples']);
    assert.equal(a.code, 1);
    const sarif = JSON.parse(a.stdout) as {
      runs: {
        results: { partialFingerprints: Record<string, string>; ruleIndex: number; ruleId: string }[];
        tool: { driver: { rules: { id: string }[] } };
      }[];
    };
    assert.deepEqual(validator('sarif')(sarif), []);
    const run = sarif.runs[0]!;
    assert.ok(run.results.length > 0);
    for (const res of run.results) assert.equal(run.tool.driver.rules[res.ruleIndex]!.id, res.ruleId);
    // Moving the object down a file keeps its fingerprints.
    const dir = tempDir({ 'a.yaml': PRIVILEGED_POD, 'b.yaml': `# moved\n\n\n${PRIVILEGED_POD}` });
    const fp = (f: string) => {
      const out = palisade(['scan', '-o', 'sarif', '--no-config', path.join(dir, f)]);
      return (JSON.parse(out.stdout) as typeof sarif).runs[0]!.results.map((x) => x.partialFingerprints['palisade/v1']);
    };
    assert.deepEqual(fp('a.yaml'), fp('b.yaml'));
  });

  it('JUnit output has a failing case per finding', () => {
    const dir = tempDir({ 'a.yaml': PRIVILEGED_POD });
    const r = palisade(['scan', '-o', 'junit', '--no-config', '--rules', 'privileged-container', dir]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^<\?xml version="1.0"/);
    assert.match(r.stdout, /<testsuites name="palisade" tests="1" failures="1" errors="0">/);
    assert.match(r.stdout, /<failure message="container &#34;app&#34; runs privileged" type="critical">/);
  });

  it('reads stdin with -', () => {
    const { code, json } = scanJson(['-'], { input: PRIVILEGED_POD });
    assert.equal(code, 1);
    assert.equal(json.findings[0]!.location.file, '<stdin>');
    assert.equal(json.findings[0]!.location.line, 11);
  });

  it('exits 2 when no Kubernetes object is found, 0 with --allow-empty', () => {
    const dir = tempDir({ 'values.yaml': 'replicaCount: 2\nimage: {tag: latest}\n' });
    const a = scanJson([dir]);
    assert.equal(a.code, 2);
    assert.match(a.stderr, /no Kubernetes object found/);
    assert.equal(scanJson([dir, '--allow-empty']).code, 0);
  });

  it('--fail-on sets the threshold', () => {
    const dir = tempDir({ 'a.yaml': PRIVILEGED_POD });
    assert.equal(scanJson([dir, '--fail-on', 'critical']).code, 1);
    assert.equal(scanJson([dir, '--fail-on', 'none']).code, 0);
    assert.equal(palisade(['scan', '--no-config', dir, '--fail-on', 'severe']).code, 2);
  });

  it('unknown rule ids in --rules / --skip-rules are errors', () => {
    const r = palisade(['scan', '--no-config', '--rules', 'privileged-containers', 'examples']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown rule "privileged-containers"/);
    assert.equal(palisade(['scan', '--no-config', '--skip-rules', 'nope', 'examples']).code, 2);
  });

  it('text output groups by file and object and ends with a summary', () => {
    const dir = tempDir({ 'a.yaml': PRIVILEGED_POD });
    const r = palisade(['scan', '--no-config', '--rules', 'privileged-container', dir]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /a\.yaml\n {2}Pod ns\/p\n {4}11:9 +critical privileged-container +container "app" runs privileged/);
    assert.match(r.stdout, /1 finding \(1 critical\) in 1 object from 1 file/);
    assert.ok(!r.stdout.includes(String.fromCharCode(27)), 'no colour when not a TTY / NO_COLOR');
  });

  it('--output-file writes the report', () => {
    const dir = tempDir({ 'a.yaml': PRIVILEGED_POD });
    const out = path.join(dir, 'report.json');
    const r = palisade([
      'scan',
      '--no-config',
      '--rules',
      'privileged-container',
      '-o',
      'json',
      '--output-file',
      out,
      path.join(dir, 'a.yaml'),
    ]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal((JSON.parse(readFileSync(out, 'utf8')) as JsonResult).summary.findings, 1);
  });
});

describe('bad input is data, never a crash', () => {
  const cases: { name: string; content: string | Buffer; line?: number; message: RegExp }[] = [
    { name: 'unclosed.yaml', content: 'apiVersion: v1\nkind: ConfigMap\ndata: [a, b\n', message: /YAML: / },
    {
      name: 'dupkey.yaml',
      content: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\nkind: Secret\n',
      line: 4,
      message: /Map keys must be unique/,
    },
    { name: 'tabs.yaml', content: 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n', message: /YAML: / },
    {
      name: 'bomb.yaml',
      content:
        'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n',
      line: 1,
      message: /alias bomb/,
    },
    {
      name: 'binary.yaml',
      content: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0xff, 0xfe]),
      message: /binary content/,
    },
    {
      name: 'latin1.yaml',
      content: Buffer.from('apiVersion: v1\nkind: ConfigMap\ndata: {a: "caf\xe9"}\n', 'latin1'),
      message: /not valid UTF-8/,
    },
    {
      name: 'deep.yaml',
      content: 'a: ' + '['.repeat(20000) + ']'.repeat(20000) + '\n',
      line: 1,
      message: /nested too deeply|YAML/,
    },
    {
      name: 'template.yaml',
      content: '{{- if .Values.enabled }}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n{{- end }}\n',
      message: /unrendered Helm template/,
    },
    { name: 'truncated.json', content: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": ', message: /YAML: / },
  ];
  for (const c of cases) {
    it(`${c.name}: an error naming the file${c.line ? ' and line' : ''}, exit 2, other files still scanned`, () => {
      const dir = tempDir({ [c.name]: c.content, 'good.yaml': PRIVILEGED_POD });
      const { code, json } = scanJson([dir]);
      assert.equal(code, 2);
      const err = json.errors.find((e) => e.source.endsWith(c.name));
      assert.ok(err, `error for ${c.name}: ${JSON.stringify(json.errors)}`);
      assert.match(err.message, c.message);
      if (c.line) assert.equal(err.line, c.line);
      assert.equal(json.summary.findings, 1, 'the good file is still scanned');
    });
  }

  it('a file over --max-file-size is refused without being parsed', () => {
    const dir = tempDir({ 'big.yaml': PRIVILEGED_POD.repeat(200) });
    const { code, json } = scanJson([dir, '--max-file-size', '1Ki']);
    assert.equal(code, 2);
    assert.match(json.errors[0]!.message, /over the 1 KiB limit/);
  });

  it('a missing path is an error', () => {
    const { code, json } = scanJson(['does/not/exist.yaml']);
    assert.equal(code, 2);
    assert.equal(json.errors[0]!.source, 'does/not/exist.yaml');
    assert.match(json.errors[0]!.message, /no such file/);
  });
});

describe('configuration and suppression', () => {
  it('.palisade.yaml: unknown keys and rule ids are errors with file and line', () => {
    const dir = tempDir({ 'a.yaml': PRIVILEGED_POD, '.palisade.yaml': 'failOn: high\nrule:\n  privileged-container: off\n' });
    const r = palisade(['scan', 'a.yaml'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /\.palisade\.yaml:2: unknown key "rule" \(did you mean "rules"\?\)|\.palisade\.yaml:2: unknown key "rule"/,
    );
    writeFileSync(path.join(dir, '.palisade.yaml'), 'rules:\n  privileged-containr: off\n');
    const r2 = palisade(['scan', 'a.yaml'], { cwd: dir });
    assert.equal(r2.code, 2);
    assert.match(r2.stderr, /\.palisade\.yaml:2: unknown rule "privileged-containr"/);
  });

  it('.palisade.yaml found upward disables rules and overrides severity', () => {
    const dir = tempDir({ 'a.yaml': PRIVILEGED_POD, '.palisade.yaml': 'rules:\n  privileged-container: low\n' });
    const r = palisade(['scan', '-o', 'json', '--rules', 'privileged-container', 'a.yaml'], { cwd: dir });
    assert.equal(r.code, 0, 'low is below the default fail-on (high)');
    assert.equal((JSON.parse(r.stdout) as JsonResult).findings[0]!.severity, 'low');
    writeFileSync(path.join(dir, '.palisade.yaml'), 'rules:\n  privileged-container: off\n');
    const r2 = palisade(['scan', '-o', 'json', '--skip-rules', 'run-as-non-root', 'a.yaml'], { cwd: dir });
    assert.ok(!(JSON.parse(r2.stdout) as JsonResult).findings.some((f) => f.ruleId === 'privileged-container'), 'rule disabled');
  });

  it('exclusions in config suppress by namespace glob', () => {
    const dir = tempDir({ 'a.yaml': PRIVILEGED_POD, 'c.yaml': 'exclude:\n  - namespaces: ["n*"]\n' });
    const r = palisade(['scan', '-o', 'json', '--rules', 'privileged-container', '--config', 'c.yaml', 'a.yaml'], { cwd: dir });
    assert.equal(r.code, 0);
    const json = JSON.parse(r.stdout) as JsonResult;
    assert.equal(json.summary.suppressed, 1);
    assert.equal(json.findings.length, 0, 'suppressed findings are hidden by default');
  });

  it('inline annotation suppresses, unless --no-inline-suppressions', () => {
    const annotated = PRIVILEGED_POD.replace(
      '  namespace: ns\n',
      '  namespace: ns\n  annotations:\n    palisade.dev/ignore: "privileged-container"\n    palisade.dev/ignore-reason: "node agent"\n',
    );
    const dir = tempDir({ 'a.yaml': annotated });
    const a = scanJson([dir, '--show-suppressed']);
    assert.equal(a.code, 0);
    assert.deepEqual(a.json.findings[0]!.suppression, { by: 'annotation', reason: 'node agent' });
    const b = scanJson([dir, '--no-inline-suppressions']);
    assert.equal(b.code, 1);
  });

  it('exceptions apply until they expire; expired ones are reported and stop suppressing', () => {
    const dir = tempDir({
      'a.yaml': PRIVILEGED_POD,
      'live.yaml':
        'exceptions:\n  - rule: privileged-container\n    namespace: ns\n    name: p\n    reason: CNI agent\n    owner: platform\n    expires: 2999-01-01\n',
      'old.yaml':
        'exceptions:\n  - rule: privileged-container\n    kind: Pod\n    reason: CNI agent\n    owner: platform\n    expires: 2020-01-01\n',
      'bad.yaml': 'exceptions:\n  - rule: privileged-container\n    reason: no owner or expiry\n',
    });
    const live = scanJson([path.join(dir, 'a.yaml'), '--exceptions', path.join(dir, 'live.yaml')]);
    assert.equal(live.code, 0);
    assert.equal(live.json.summary.suppressed, 1);
    const old = scanJson([path.join(dir, 'a.yaml'), '--exceptions', path.join(dir, 'old.yaml')]);
    assert.equal(old.code, 1);
    assert.equal(old.json.expiredExceptions.length, 1);
    const bad = palisade(['scan', '--no-config', path.join(dir, 'a.yaml'), '--exceptions', path.join(dir, 'bad.yaml')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /needs an? "owner"/);
    assert.match(bad.stderr, /expires: YYYY-MM-DD/);
  });

  it('baselines: only new findings fail', () => {
    const dir = tempDir({ 'a.yaml': PRIVILEGED_POD });
    const baseline = path.join(dir, 'baseline.json');
    const w = scanJson([path.join(dir, 'a.yaml'), '--write-baseline', baseline]);
    assert.equal(w.code, 0);
    assert.equal(scanJson([path.join(dir, 'a.yaml'), '--baseline', baseline]).code, 0);
    writeFileSync(path.join(dir, 'b.yaml'), PRIVILEGED_POD.replace('name: p', 'name: q'));
    const r = scanJson([dir, '--baseline', baseline]);
    assert.equal(r.code, 1);
    assert.equal(r.json.summary.findings, 1);
    assert.equal(r.json.findings[0]!.object.name, 'q');
  });
});

describe('palisade rules', () => {
  it('lists rules as JSON and explains one', () => {
    const r = palisade(['rules', '-o', 'json']);
    assert.equal(r.code, 0);
    const rules = JSON.parse(r.stdout) as { id: string; enabledByDefault: boolean }[];
    assert.ok(rules.some((x) => x.id === 'privileged-container'));
    const e = palisade(['rules', 'explain', 'privileged-container']);
    assert.equal(e.code, 0);
    assert.match(e.stdout, /^# privileged-container/);
    assert.equal(palisade(['rules', 'explain', 'nope']).code, 2);
  });
});

describe('one config for scan and webhook', () => {
  it('scan accepts (and leaves to the webhook) the webhook: section', () => {
    const dir = tempDir({
      'a.yaml': PRIVILEGED_POD,
      '.palisade.yaml': 'failOn: critical\nwebhook:\n  defaults: {enforce: high}\n',
    });
    const r = palisade(['scan', '--rules', 'privileged-container', 'a.yaml'], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
  });
});

describe('rules that judge ages', () => {
  it('get today from the CLI: an old encryption key is reported with maxKeyAgeDays', () => {
    const enc = `apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
  - resources: [secrets]
    providers:
      - secretbox:
          keys:
            - name: key-20200101
              secret: c2VjcmV0IGlzIHNlY3VyZSwgb3IgaXMgaXQ/IG5vdCByZWFsbHkgb2s=
      - identity: {}
`;
    const dir = tempDir({
      'enc.yaml': enc,
      '.palisade.yaml': 'rules:\n  encryption-key-age:\n    options: {maxKeyAgeDays: 90}\n',
    });
    const r = palisade(['scan', '-o', 'json', '--rules', 'encryption-key-age', 'enc.yaml'], { cwd: dir });
    const json = JSON.parse(r.stdout) as JsonResult;
    assert.equal(json.errors.length, 0);
    assert.equal(json.findings.length, 1, r.stdout);
    assert.match(json.findings[0]!.message, /key-20200101/);
  });
});

describe('--scope', () => {
  it('cluster: a complete export lets cross-resource rules conclude "missing"', () => {
    // A Service alone in its namespace: with files it may select pods defined elsewhere.
    const svc =
      'apiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: ns}\nspec:\n  selector: {app: api}\n  ports: [{port: 80}]\n';
    const dir = tempDir({ 'svc.yaml': svc });
    const files = palisade(['scan', '--no-config', '-o', 'json', '--rules', 'service-selects-nothing', dir]);
    assert.equal((JSON.parse(files.stdout) as JsonResult).findings.length, 0);
    const cluster = palisade([
      'scan',
      '--no-config',
      '-o',
      'json',
      '--rules',
      'service-selects-nothing',
      '--scope',
      'cluster',
      dir,
    ]);
    const json = JSON.parse(cluster.stdout) as JsonResult;
    assert.equal(json.findings.length, 1);
    assert.match(json.findings[0]!.message, /selects no pods: nothing in namespace ns runs pods labelled/);
    assert.equal(palisade(['scan', '--no-config', '--scope', 'world', dir]).code, 2);
  });
});

describe('usage errors of any command exit 2', () => {
  for (const args of [
    ['scan', '-o', 'xml', 'examples'],
    ['scan', '--no-such-flag'],
    ['pss', '-o', 'yaml'],
    ['rules', 'explain'],
    ['compliance', '--framework'],
  ]) {
    it(args.join(' '), () => assert.equal(palisade(args).code, 2));
  }
  it('--help exits 0', () => assert.equal(palisade(['scan', '--help']).code, 0));
});

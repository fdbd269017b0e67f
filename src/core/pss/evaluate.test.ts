/** Level and version selection, overrides, version parsing, and object evaluation. Expected check
 *  lists follow upstream's policy/registry.go; minimal pods follow upstream's test/fixtures.go. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject, KubeObject } from '../objects.js';
import { DEFAULT_CHECKS } from './checks/index.js';
import {
  effectiveVersion,
  evaluateObject,
  evaluatePod,
  formatForbidden,
  maxPolicyVersion,
  selectChecks,
  validateChecks,
} from './evaluate.js';
import {
  ALLOWED,
  LATEST,
  compareVersions,
  formatVersion,
  isOlder,
  majorMinor,
  parseLevel,
  parseVersion,
  PssParseError,
} from './types.js';

const v = (s: string) => parseVersion(s);
const ids = (level: 'privileged' | 'baseline' | 'restricted', version: string) =>
  selectChecks(level, effectiveVersion(v(version))).map((c) => c.id);
const controls = (r: { forbidden: { control: string }[] }) => r.forbidden.map((f) => f.control);

describe('parseVersion / parseLevel', () => {
  for (const ok of ['latest', 'v1.0', 'v1.9', 'v1.25', 'v1.37', 'v1.999']) {
    it(`accepts ${ok}`, () => assert.equal(formatVersion(parseVersion(ok)), ok));
  }
  for (const bad of [
    '',
    'Latest',
    'v1',
    '1.25',
    'v1.',
    'v1.01',
    'v2.0',
    'v1.25.0',
    ' v1.25',
    'v1.25 ',
    'v1.-1',
    'v1.x',
    `v1.${'9'.repeat(30)}`,
  ]) {
    it(`rejects ${JSON.stringify(bad)} with a clear error`, () =>
      assert.throws(
        () => parseVersion(bad),
        (e: unknown) => e instanceof PssParseError && /must be "latest" or "v1\.x"/.test(e.message),
      ));
  }
  it('parses levels and rejects others', () => {
    assert.equal(parseLevel('restricted'), 'restricted');
    assert.throws(() => parseLevel('Restricted'), /must be one of privileged, baseline, restricted/);
  });
  it('orders versions with latest newest', () => {
    assert.equal(isOlder(v('v1.9'), v('v1.10')), true);
    assert.equal(isOlder(LATEST, v('v1.999')), false);
    assert.equal(isOlder(v('v1.999'), LATEST), true);
    assert.deepEqual([LATEST, v('v1.10'), v('v1.2')].sort(compareVersions).map(formatVersion), ['v1.2', 'v1.10', 'latest']);
  });
});

describe('version resolution', () => {
  it('latest is the newest MinimumVersion of any check', () => {
    assert.equal(formatVersion(maxPolicyVersion()), 'v1.37');
    assert.equal(evaluatePod('baseline', LATEST, {}, {}).evaluatedVersion, 'v1.37');
  });
  it('future versions evaluate as the newest known one; older ones as themselves', () => {
    assert.equal(evaluatePod('restricted', v('v1.99'), {}, {}).evaluatedVersion, 'v1.37');
    assert.equal(evaluatePod('restricted', v('v1.24'), {}, {}).evaluatedVersion, 'v1.24');
  });
  it('an emulated older apiserver lowers what latest means (upstream emulation test)', () => {
    const spec = { containers: [{ startupProbe: { httpGet: { host: 'localhost' } } }] };
    const emulated = { emulationVersion: majorMinor(33) };
    assert.equal(evaluatePod('baseline', LATEST, {}, spec).allowed, false);
    assert.equal(evaluatePod('baseline', v('v1.34'), {}, spec).allowed, false);
    assert.equal(evaluatePod('baseline', LATEST, {}, spec, emulated).allowed, true);
    assert.equal(evaluatePod('baseline', v('v1.34'), {}, spec, emulated).allowed, true);
    assert.equal(evaluatePod('baseline', v('v1.33'), {}, spec).allowed, true);
    assert.equal(evaluatePod('baseline', LATEST, {}, spec, { emulationVersion: majorMinor(34) }).allowed, false);
  });
});

describe('check selection per level and version', () => {
  const baselineLatest = [
    'appArmorProfile',
    'capabilities_baseline',
    'hostNamespaces',
    'hostPathVolumes',
    'hostPorts',
    'hostProbesAndHostLifecycle',
    'privileged',
    'procMount',
    'seLinuxOptions',
    'seccompProfile_baseline',
    'sysctls',
    'windowsHostProcess',
  ];
  it('privileged runs nothing and allows anything', () => {
    assert.deepEqual(ids('privileged', 'latest'), []);
    const r = evaluatePod(
      'privileged',
      LATEST,
      {},
      { hostPID: true, containers: [{ name: 'a', securityContext: { privileged: true } }] },
    );
    assert.equal(r.allowed, true);
  });
  it('baseline at latest: all baseline checks, sorted by ID in Go byte order', () => {
    assert.deepEqual(ids('baseline', 'latest'), baselineLatest);
  });
  it('baseline below v1.34 has no hostProbesAndHostLifecycle', () => {
    assert.deepEqual(
      ids('baseline', 'v1.33'),
      baselineLatest.filter((id) => id !== 'hostProbesAndHostLifecycle'),
    );
  });
  it('restricted at latest: non-overridden baseline checks, then restricted checks', () => {
    assert.deepEqual(ids('restricted', 'latest'), [
      'appArmorProfile',
      'hostNamespaces',
      'hostPorts',
      'hostProbesAndHostLifecycle',
      'privileged',
      'seLinuxOptions',
      'sysctls',
      'windowsHostProcess',
      'allowPrivilegeEscalation',
      'capabilities_restricted',
      'procMount_restricted',
      'restrictedVolumes',
      'runAsNonRoot',
      'runAsUser',
      'seccompProfile_restricted',
    ]);
  });
  it('restricted at v1.0: only restrictedVolumes overrides (hostPathVolumes)', () => {
    assert.deepEqual(ids('restricted', 'v1.0'), [
      'appArmorProfile',
      'capabilities_baseline',
      'hostNamespaces',
      'hostPorts',
      'privileged',
      'procMount',
      'seLinuxOptions',
      'seccompProfile_baseline',
      'sysctls',
      'windowsHostProcess',
      'restrictedVolumes',
      'runAsNonRoot',
    ]);
  });
  it('restricted overrides appear with the overriding check', () => {
    const has = (version: string, id: string) => ids('restricted', version).includes(id);
    assert.equal(has('v1.18', 'seccompProfile_baseline'), true);
    assert.equal(has('v1.19', 'seccompProfile_baseline'), false);
    assert.equal(has('v1.21', 'capabilities_baseline'), true);
    assert.equal(has('v1.22', 'capabilities_baseline'), false);
    assert.equal(has('v1.34', 'procMount'), true);
    assert.equal(has('v1.34', 'procMount_restricted'), false);
    assert.equal(has('v1.35', 'procMount'), false);
    assert.equal(has('v1.35', 'procMount_restricted'), true);
  });
  it('an overridden baseline check does not double-report', () => {
    const spec = { containers: [{ name: 'a', securityContext: { capabilities: { add: ['NET_RAW'] } } }] };
    assert.deepEqual(
      controls(evaluatePod('restricted', v('v1.21'), {}, spec)).filter((c) => c.startsWith('capabilities')),
      ['capabilities_baseline'],
    );
    assert.deepEqual(
      controls(evaluatePod('restricted', LATEST, {}, spec)).filter((c) => c.startsWith('capabilities')),
      ['capabilities_restricted'],
    );
  });
  it('user-namespace procMount: allowed at baseline v1.35, still forbidden at restricted', () => {
    const spec = { hostUsers: false, containers: [{ name: 'a', securityContext: { procMount: 'Unmasked' } }] };
    assert.equal(evaluatePod('baseline', LATEST, {}, spec).allowed, true);
    assert.deepEqual(
      evaluatePod('restricted', LATEST, {}, spec).forbidden.filter((f) => f.control.startsWith('procMount')),
      [
        {
          control: 'procMount_restricted',
          reason: 'procMount',
          detail: 'container "a" must not set securityContext.procMount to "Unmasked"',
        },
      ],
    );
    assert.deepEqual(controls(evaluatePod('baseline', v('v1.34'), {}, spec)), ['procMount']);
  });
});

describe('minimal valid pods (upstream test/fixtures.go)', () => {
  const baseline: JsonObject = {
    initContainers: [{ name: 'initcontainer1', image: 'k8s.gcr.io/pause' }],
    containers: [{ name: 'container1', image: 'k8s.gcr.io/pause' }],
  };
  const withSc = (spec: JsonObject, sc: JsonObject): JsonObject => ({
    ...spec,
    initContainers: [{ name: 'initcontainer1', image: 'k8s.gcr.io/pause', securityContext: sc }],
    containers: [{ name: 'container1', image: 'k8s.gcr.io/pause', securityContext: sc }],
  });
  const r1Dot0 = { ...baseline, securityContext: { runAsNonRoot: true } };
  const r1Dot8 = withSc(r1Dot0, { allowPrivilegeEscalation: false });
  const r1Dot19 = { ...r1Dot8, securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } };
  const r1Dot22 = withSc(r1Dot19, { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  const restricted: [number, JsonObject][] = [
    [0, r1Dot0],
    [8, r1Dot8],
    [19, r1Dot19],
    [22, r1Dot22],
  ];
  const newest = maxPolicyVersion().minor;

  it('the baseline pod passes baseline and fails nothing at any version', () => {
    for (let minor = 0; minor <= newest + 1; minor++)
      assert.equal(evaluatePod('baseline', majorMinor(minor), {}, baseline).allowed, true, `v1.${minor}`);
  });
  it('each restricted pod passes from its version until the next requirement', () => {
    restricted.forEach(([from, pod], i) => {
      const until = restricted[i + 1]?.[0] ?? newest + 1;
      for (let minor = from; minor < until; minor++)
        assert.deepEqual(controls(evaluatePod('restricted', majorMinor(minor), {}, pod)), [], `v1.${minor}`);
    });
    assert.deepEqual(evaluatePod('restricted', LATEST, {}, r1Dot22), { allowed: true, evaluatedVersion: 'v1.37', forbidden: [] });
  });
  it('and fails at the version that adds a requirement', () => {
    assert.deepEqual(controls(evaluatePod('restricted', v('v1.8'), {}, r1Dot0)), ['allowPrivilegeEscalation']);
    assert.deepEqual(controls(evaluatePod('restricted', v('v1.19'), {}, r1Dot8)), ['seccompProfile_restricted']);
    assert.deepEqual(controls(evaluatePod('restricted', v('v1.22'), {}, r1Dot19)), ['capabilities_restricted']);
  });
});

describe('Windows pods at restricted', () => {
  const spec = { os: { name: 'windows' }, containers: [{ name: 'a' }] };
  it('before v1.25 every Linux-only control applies', () => {
    assert.deepEqual(controls(evaluatePod('restricted', v('v1.24'), {}, spec)), [
      'allowPrivilegeEscalation',
      'capabilities_restricted',
      'runAsNonRoot',
      'seccompProfile_restricted',
    ]);
  });
  it('from v1.25 only runAsNonRoot remains', () => {
    assert.deepEqual(controls(evaluatePod('restricted', LATEST, {}, spec)), ['runAsNonRoot']);
  });
});

describe('aggregation', () => {
  const r = evaluatePod(
    'baseline',
    LATEST,
    {},
    { hostNetwork: true, containers: [{ name: 'a', ports: [{ hostPort: 8080 }], securityContext: { privileged: true } }] },
  );
  it('lists every failing control in check order', () => {
    assert.deepEqual(r, {
      allowed: false,
      evaluatedVersion: 'v1.37',
      forbidden: [
        { control: 'hostNamespaces', reason: 'host namespaces', detail: 'hostNetwork=true' },
        { control: 'hostPorts', reason: 'hostPort', detail: 'container "a" uses hostPort 8080' },
        { control: 'privileged', reason: 'privileged', detail: 'container "a" must not set securityContext.privileged=true' },
      ],
    });
  });
  it('formats like upstream', () => {
    assert.equal(
      formatForbidden(r),
      'host namespaces (hostNetwork=true), hostPort (container "a" uses hostPort 8080), privileged (container "a" must not set securityContext.privileged=true)',
    );
  });
});

describe('evaluateObject', () => {
  const obj = (kind: string, value: JsonObject): Pick<KubeObject, 'id' | 'value'> => ({
    id: { apiVersion: 'v1', kind, name: 'x', namespace: 'default' },
    value,
  });
  it('evaluates a Deployment from its template, annotations included', () => {
    const r = evaluateObject(
      'baseline',
      LATEST,
      obj('Deployment', {
        metadata: { annotations: { 'container.apparmor.security.beta.kubernetes.io/web': 'localhost/ok' } },
        spec: {
          template: {
            metadata: { annotations: { 'container.apparmor.security.beta.kubernetes.io/web': 'unconfined' } },
            spec: { containers: [{ name: 'web' }] },
          },
        },
      }),
    );
    assert.deepEqual(
      r?.forbidden.map((f) => f.control),
      ['appArmorProfile'],
    );
  });
  it('evaluates a CronJob and a bare Pod', () => {
    const bad = { hostPID: true, containers: [{ name: 'a' }] };
    assert.equal(
      evaluateObject('baseline', LATEST, obj('CronJob', { spec: { jobTemplate: { spec: { template: { spec: bad } } } } }))
        ?.allowed,
      false,
    );
    assert.equal(evaluateObject('baseline', LATEST, obj('Pod', { spec: bad }))?.allowed, false);
    assert.equal(evaluateObject('baseline', LATEST, obj('Pod', { spec: { containers: [{ name: 'a' }] } }))?.allowed, true);
  });
  it('is undefined for kinds without pods', () => {
    assert.equal(evaluateObject('restricted', LATEST, obj('ConfigMap', { data: {} })), undefined);
  });
});

describe('registry validation (upstream validateChecks)', () => {
  const c = (id: string, level: 'baseline' | 'restricted', minors: number[], overrides?: string[]) => ({
    id,
    level,
    versions: minors.map((m) => ({ minimumVersion: majorMinor(m), check: () => ALLOWED, ...(overrides ? { overrides } : {}) })),
  });
  it('accepts the default checks', () => validateChecks(DEFAULT_CHECKS));
  it('rejects duplicate IDs', () =>
    assert.throws(() => validateChecks([c('a', 'baseline', [0]), c('a', 'baseline', [1])]), /multiple checks/));
  it('rejects non-increasing versions', () =>
    assert.throws(() => validateChecks([c('a', 'baseline', [3, 3])]), /strictly increasing/));
  it('rejects empty checks', () => assert.throws(() => validateChecks([c('a', 'baseline', [])]), /empty/));
  it('rejects overrides on baseline checks', () =>
    assert.throws(() => validateChecks([c('a', 'baseline', [0], ['b'])]), /only restricted/));
  it('rejects overriding a restricted check', () =>
    assert.throws(
      () => validateChecks([c('a', 'restricted', [0], ['b']), c('b', 'restricted', [0])]),
      /overrides restricted check b/,
    ));
});

/**
 * Every check, table-driven, at its version boundaries (before it applies, where it starts or
 * changes, latest). Expectations come from upstream's policy/check_*_test.go and test/fixtures_*.go
 * (k8s.io/pod-security-admission); the upstream case name is kept where a case is theirs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject } from '../objects.js';
import { DEFAULT_CHECKS } from './checks/index.js';
import { effectiveVersion, implementationAt } from './evaluate.js';
import { parseVersion } from './types.js';

type Expect = 'absent' | 'allowed' | { reason: string; detail: string };

interface Case {
  name: string;
  version: string;
  spec?: JsonObject;
  metadata?: JsonObject;
  expect: Expect;
}

/** Deep-freezes a value so a check that mutated its input would throw. */
function frozen<T>(v: T): T {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v)) frozen(x);
    Object.freeze(v);
  }
  return v;
}

function run(checkId: string, cases: readonly Case[]): void {
  const check = DEFAULT_CHECKS.find((c) => c.id === checkId);
  describe(checkId, () => {
    it('is registered', () => assert.ok(check));
    if (!check) return;
    for (const c of cases) {
      it(`${c.version}: ${c.name}`, () => {
        const impl = implementationAt(check, effectiveVersion(parseVersion(c.version)));
        if (c.expect === 'absent') {
          assert.equal(impl, undefined, 'check should not exist at this version');
          return;
        }
        assert.ok(impl, 'check should exist at this version');
        const r = impl.check(frozen(c.metadata ?? {}), frozen(c.spec ?? {}));
        if (c.expect === 'allowed') assert.deepEqual(r, { allowed: true });
        else assert.deepEqual(r, { allowed: false, forbiddenReason: c.expect.reason, forbiddenDetail: c.expect.detail });
      });
    }
  });
}

const WINDOWS = { os: { name: 'windows' } };
const LINUX = { os: { name: 'linux' } };
const sc = (name: string, securityContext: JsonObject | null): JsonObject => ({ name, securityContext });

run('privileged', [
  {
    name: 'unset and false are allowed',
    version: 'v1.0',
    spec: { containers: [{ name: 'a' }, sc('b', { privileged: false })] },
    expect: 'allowed',
  },
  {
    name: 'init, regular and ephemeral containers, listed in that order',
    version: 'v1.0',
    spec: {
      containers: [{ name: 'a' }, sc('b', { privileged: true })],
      initContainers: [sc('init', { privileged: true })],
      ephemeralContainers: [sc('debug', { privileged: true })],
    },
    expect: {
      reason: 'privileged',
      detail: 'containers "init", "b", "debug" must not set securityContext.privileged=true',
    },
  },
  {
    name: 'Windows pods are not exempt',
    version: 'latest',
    spec: { ...WINDOWS, containers: [sc('a', { privileged: true })] },
    expect: { reason: 'privileged', detail: 'container "a" must not set securityContext.privileged=true' },
  },
]);

run('hostNamespaces', [
  { name: 'false is allowed', version: 'v1.0', spec: { hostNetwork: false, hostPID: false, hostIPC: false }, expect: 'allowed' },
  {
    name: 'multiple host namespaces (upstream)',
    version: 'latest',
    spec: { hostIPC: true, hostPID: true, hostNetwork: true },
    expect: { reason: 'host namespaces', detail: 'hostNetwork=true, hostPID=true, hostIPC=true' },
  },
  {
    name: 'hostPID only',
    version: 'v1.0',
    spec: { hostPID: true },
    expect: { reason: 'host namespaces', detail: 'hostPID=true' },
  },
]);

run('hostPorts', [
  {
    name: 'hostPort 0 and unset are allowed',
    version: 'v1.0',
    spec: { containers: [{ name: 'a', ports: [{ containerPort: 80, hostPort: 0 }, { containerPort: 81 }] }] },
    expect: 'allowed',
  },
  {
    name: 'one container, one host port (upstream)',
    version: 'v1.0',
    spec: {
      containers: [
        { name: 'a', ports: [{ hostPort: 0 }] },
        { name: 'b', ports: [{ hostPort: 0 }, { hostPort: 20 }] },
      ],
    },
    expect: { reason: 'hostPort', detail: 'container "b" uses hostPort 20' },
  },
  {
    name: 'multiple containers, multiple host port (upstream)',
    version: 'latest',
    spec: {
      containers: [
        { name: 'a', ports: [{ hostPort: 0 }] },
        { name: 'b', ports: [{ hostPort: 0 }, { hostPort: 10 }, { hostPort: 20 }] },
        { name: 'c', ports: [{ hostPort: 0 }, { hostPort: 10 }, { hostPort: 30 }] },
      ],
    },
    expect: { reason: 'hostPort', detail: 'containers "b", "c" use hostPorts 10, 20, 30' },
  },
  {
    name: 'ports sort as strings, init containers count',
    version: 'latest',
    spec: { initContainers: [{ name: 'i', ports: [{ hostPort: 20 }] }], containers: [{ name: 'a', ports: [{ hostPort: 100 }] }] },
    expect: { reason: 'hostPort', detail: 'containers "i", "a" use hostPorts 100, 20' },
  },
]);

run('hostPathVolumes', [
  {
    name: 'other volumes and hostPath: null are allowed',
    version: 'v1.0',
    spec: {
      volumes: [
        { name: 'a', emptyDir: {} },
        { name: 'b', hostPath: null },
      ],
    },
    expect: 'allowed',
  },
  {
    name: 'host path volumes (upstream)',
    version: 'latest',
    spec: {
      volumes: [
        { name: 'a', hostPath: {} },
        { name: 'b', hostPath: {} },
        { name: 'c', emptyDir: {} },
      ],
    },
    expect: { reason: 'hostPath volumes', detail: 'volumes "a", "b"' },
  },
  {
    name: 'one volume',
    version: 'v1.0',
    spec: { volumes: [{ name: 'h', hostPath: { path: '/' } }] },
    expect: { reason: 'hostPath volumes', detail: 'volume "h"' },
  },
]);

run('capabilities_baseline', [
  {
    name: 'default capabilities may be added',
    version: 'v1.0',
    spec: { containers: [sc('a', { capabilities: { add: ['NET_BIND_SERVICE', 'CHOWN', 'SYS_CHROOT'] } })] },
    expect: 'allowed',
  },
  {
    name: 'multiple containers (upstream)',
    version: 'latest',
    spec: {
      containers: [sc('a', { capabilities: { add: ['FOO', 'BAR'] } }), sc('b', { capabilities: { add: ['BAR', 'BAZ'] } })],
    },
    expect: {
      reason: 'non-default capabilities',
      detail: 'containers "a", "b" must not include "BAR", "BAZ", "FOO" in securityContext.capabilities.add',
    },
  },
  {
    name: 'NET_RAW is not in the default set, in an ephemeral container too',
    version: 'v1.0',
    spec: { ephemeralContainers: [sc('dbg', { capabilities: { add: ['NET_RAW'] } })] },
    expect: {
      reason: 'non-default capabilities',
      detail: 'container "dbg" must not include "NET_RAW" in securityContext.capabilities.add',
    },
  },
]);

const AA = 'container.apparmor.security.beta.kubernetes.io/';
run('appArmorProfile', [
  {
    name: 'container with default AppArmor + extra annotations (upstream)',
    version: 'v1.0',
    metadata: { annotations: { [`${AA}test`]: 'runtime/default', env: 'prod' } },
    expect: 'allowed',
  },
  {
    name: 'container with local AppArmor (upstream)',
    version: 'latest',
    metadata: { annotations: { [`${AA}test`]: 'localhost/sec-profile01' } },
    expect: 'allowed',
  },
  {
    name: 'pod RuntimeDefault, container Localhost',
    version: 'latest',
    spec: {
      securityContext: { appArmorProfile: { type: 'RuntimeDefault' } },
      containers: [sc('a', { appArmorProfile: { type: 'Localhost', localhostProfile: 'p' } })],
    },
    expect: 'allowed',
  },
  {
    name: 'unconfined pod (upstream); fields are checked at v1.0 too',
    version: 'v1.0',
    spec: { securityContext: { appArmorProfile: { type: 'Unconfined' } } },
    expect: { reason: 'forbidden AppArmor profile', detail: 'pod must not set AppArmor profile type to "Unconfined"' },
  },
  {
    name: 'unconfined init container (upstream)',
    version: 'latest',
    spec: {
      securityContext: { appArmorProfile: { type: 'RuntimeDefault' } },
      containers: [{ name: 'foo' }],
      initContainers: [sc('bar', { appArmorProfile: { type: 'Unconfined' } })],
    },
    expect: {
      reason: 'forbidden AppArmor profile',
      detail: 'container "bar" must not set AppArmor profile type to "Unconfined"',
    },
  },
  {
    name: 'multiple annotations (upstream)',
    version: 'latest',
    metadata: {
      annotations: {
        [AA]: 'bogus',
        [`${AA}a`]: '',
        [`${AA}b`]: 'runtime/default',
        [`${AA}c`]: 'localhost/',
        [`${AA}d`]: 'localhost/foo',
        [`${AA}e`]: 'unconfined',
        [`${AA}f`]: 'unknown',
      },
    },
    expect: {
      reason: 'forbidden AppArmor profiles',
      detail: 'annotations must not set AppArmor profile type to ' + `"${AA}="bogus"", "${AA}e="unconfined"", "${AA}f="unknown""`,
    },
  },
  {
    name: 'annotation values are quoted as Go %q quotes them',
    version: 'latest',
    metadata: { annotations: { [`${AA}q`]: 'a"b\nc\u00e9\u00a0\u0001' } },
    expect: {
      reason: 'forbidden AppArmor profile',
      detail: `annotation must not set AppArmor profile type to "${AA}q="a\\"b\\nc\u00e9\\u00a0\\x01""`,
    },
  },
  {
    name: 'pod, container and annotation together; values sorted, annotations last',
    version: 'latest',
    metadata: { annotations: { [`${AA}c`]: 'unconfined' } },
    spec: {
      securityContext: { appArmorProfile: { type: 'Unconfined' } },
      containers: [sc('c', { appArmorProfile: { type: 'Unconfined' } }), sc('d', { appArmorProfile: {} })],
    },
    expect: {
      reason: 'forbidden AppArmor profiles',
      detail: `pod and containers "c", "d" and annotation must not set AppArmor profile type to "", "Unconfined", "${AA}c="unconfined""`,
    },
  },
]);

const selinux = (name: string, opts: JsonObject) => sc(name, { seLinuxOptions: opts });
const selinuxOk = [
  selinux('a', { type: 'container_t' }),
  selinux('b', { type: 'container_init_t' }),
  selinux('c', { type: 'container_kvm_t' }),
  selinux('d', { type: 'container_engine_t' }),
];
const selinuxBad = [selinux('e', { type: 'bar' }), selinux('f', { user: 'bar' }), selinux('g', { role: 'baz' })];
run('seLinuxOptions', [
  {
    name: 'empty options and any level are allowed',
    version: 'v1.0',
    spec: { securityContext: { seLinuxOptions: { level: 's0:c1,c2' } }, initContainers: [selinux('i', {})] },
    expect: 'allowed',
  },
  {
    name: 'container_engine_t is not allowed before v1.31',
    version: 'v1.30',
    spec: { containers: selinuxOk },
    expect: {
      reason: 'seLinuxOptions',
      detail: 'container "d" set forbidden securityContext.seLinuxOptions: type "container_engine_t"',
    },
  },
  { name: 'container_engine_t is allowed from v1.31', version: 'v1.31', spec: { containers: selinuxOk }, expect: 'allowed' },
  {
    name: 'invalid pod and containers (upstream)',
    version: 'latest',
    spec: {
      securityContext: { seLinuxOptions: { type: 'foo', user: 'bar', role: 'baz' } },
      containers: [...selinuxOk, ...selinuxBad],
    },
    expect: {
      reason: 'seLinuxOptions',
      detail:
        'pod and containers "e", "f", "g" set forbidden securityContext.seLinuxOptions: types "bar", "foo"; user may not be set; role may not be set',
    },
  },
  {
    name: 'invalid containers (upstream)',
    version: 'latest',
    spec: { securityContext: { seLinuxOptions: {} }, containers: [...selinuxOk, ...selinuxBad] },
    expect: {
      reason: 'seLinuxOptions',
      detail:
        'containers "e", "f", "g" set forbidden securityContext.seLinuxOptions: type "bar"; user may not be set; role may not be set',
    },
  },
  {
    name: 'bad user (upstream)',
    version: 'latest',
    spec: { securityContext: { seLinuxOptions: { user: 'bad' } } },
    expect: { reason: 'seLinuxOptions', detail: 'pod set forbidden securityContext.seLinuxOptions: user may not be set' },
  },
  {
    name: 'bad role (upstream)',
    version: 'latest',
    spec: { securityContext: { seLinuxOptions: { role: 'bad' } } },
    expect: { reason: 'seLinuxOptions', detail: 'pod set forbidden securityContext.seLinuxOptions: role may not be set' },
  },
]);

const procMountContainers = [
  { name: 'a', securityContext: null },
  sc('b', {}),
  sc('c', { procMount: 'Default' }),
  sc('d', { procMount: 'Unmasked' }),
  sc('e', { procMount: 'other' }),
];
const procMountForbidden = {
  reason: 'procMount',
  detail: 'containers "d", "e" must not set securityContext.procMount to "Unmasked", "other"',
};
run('procMount', [
  {
    name: 'Default and unset are allowed',
    version: 'v1.0',
    spec: { containers: procMountContainers.slice(0, 3) },
    expect: 'allowed',
  },
  {
    name: 'procMount (upstream)',
    version: 'latest',
    spec: { containers: procMountContainers, hostUsers: true },
    expect: procMountForbidden,
  },
  {
    name: 'hostUsers: false is not relaxed before v1.35',
    version: 'v1.34',
    spec: { containers: procMountContainers, hostUsers: false },
    expect: procMountForbidden,
  },
  {
    name: 'procMount with userns (upstream)',
    version: 'v1.35',
    spec: { containers: procMountContainers, hostUsers: false },
    expect: 'allowed',
  },
  {
    name: 'procMount with userns, latest',
    version: 'latest',
    spec: { containers: procMountContainers, hostUsers: false },
    expect: 'allowed',
  },
]);

run('procMount_restricted', [
  { name: 'does not exist before v1.35', version: 'v1.34', spec: { containers: procMountContainers }, expect: 'absent' },
  {
    name: 'not relaxed for user namespaces',
    version: 'v1.35',
    spec: { containers: procMountContainers, hostUsers: false },
    expect: procMountForbidden,
  },
  {
    name: 'Default is allowed',
    version: 'latest',
    spec: { hostUsers: false, initContainers: [sc('i', { procMount: 'Default' })] },
    expect: 'allowed',
  },
]);

const SP = 'seccomp.security.alpha.kubernetes.io/pod';
const SC = 'container.seccomp.security.alpha.kubernetes.io/';
const seccompContainers = [
  { name: 'a', securityContext: null },
  sc('b', {}),
  sc('c', { seccompProfile: { type: 'Unconfined' } }),
  sc('d', { seccompProfile: { type: 'Unconfined' } }),
  sc('e', { seccompProfile: { type: 'RuntimeDefault' } }),
  sc('f', { seccompProfile: { type: 'RuntimeDefault' } }),
];
run('seccompProfile_baseline', [
  {
    name: 'v1.0 reads annotations: allowed values',
    version: 'v1.18',
    metadata: { annotations: { [SP]: 'runtime/default', [`${SC}a`]: 'docker/default', [`${SC}b`]: 'localhost/p' } },
    spec: { containers: [{ name: 'a' }, { name: 'b' }] },
    expect: 'allowed',
  },
  {
    name: 'v1.0 ignores the fields',
    version: 'v1.18',
    spec: { securityContext: { seccompProfile: { type: 'Unconfined' } } },
    expect: 'allowed',
  },
  {
    name: 'pod seccomp invalid (upstream annotations)',
    version: 'v1.0',
    metadata: { annotations: { [SP]: 'unconfined' } },
    expect: { reason: 'seccompProfile', detail: `forbidden annotation ${SP}="unconfined"` },
  },
  {
    name: 'pod and containers seccomp invalid (upstream annotations); unknown containers ignored',
    version: 'v1.18',
    metadata: { annotations: { [SP]: 'unconfined', [`${SC}a`]: 'unconfined', [`${SC}b`]: 'unknown', [`${SC}zz`]: 'unconfined' } },
    spec: { containers: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] },
    expect: {
      reason: 'seccompProfile',
      detail: `forbidden annotations ${SC}a="unconfined", ${SC}b="unknown", ${SP}="unconfined"`,
    },
  },
  {
    name: 'from v1.19 annotations are ignored',
    version: 'v1.19',
    metadata: { annotations: { [SP]: 'unconfined' } },
    expect: 'allowed',
  },
  {
    name: 'pod and containers seccomp invalid (upstream fields)',
    version: 'v1.19',
    spec: { securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: seccompContainers },
    expect: {
      reason: 'seccompProfile',
      detail: 'pod and containers "c", "d" must not set securityContext.seccompProfile.type to "Unconfined"',
    },
  },
  {
    name: 'containers seccomp invalid (upstream fields)',
    version: 'latest',
    spec: { securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: seccompContainers },
    expect: {
      reason: 'seccompProfile',
      detail: 'containers "c", "d" must not set securityContext.seccompProfile.type to "Unconfined"',
    },
  },
  { name: 'unset fields are allowed at baseline', version: 'latest', spec: { containers: [{ name: 'a' }] }, expect: 'allowed' },
]);

const sysctls = (...names: string[]) => ({ securityContext: { sysctls: names.map((name) => ({ name, value: '1' })) } });
run('sysctls', [
  {
    name: 'forbidden sysctls (upstream), order and duplicates kept',
    version: 'v1.0',
    spec: sysctls('b', 'a', 'b'),
    expect: { reason: 'forbidden sysctls', detail: 'b, a, b' },
  },
  {
    name: 'the v1.0 set',
    version: 'v1.0',
    spec: sysctls(
      'kernel.shm_rmid_forced',
      'net.ipv4.ip_local_port_range',
      'net.ipv4.tcp_syncookies',
      'net.ipv4.ping_group_range',
      'net.ipv4.ip_unprivileged_port_start',
    ),
    expect: 'allowed',
  },
  {
    name: 'new supported sysctls not supported (upstream)',
    version: 'v1.26',
    spec: sysctls('net.ipv4.ip_local_reserved_ports'),
    expect: { reason: 'forbidden sysctls', detail: 'net.ipv4.ip_local_reserved_ports' },
  },
  {
    name: 'new supported sysctls (upstream)',
    version: 'v1.27',
    spec: sysctls('net.ipv4.ip_local_reserved_ports'),
    expect: 'allowed',
  },
  {
    name: 'keepalive before v1.29',
    version: 'v1.28',
    spec: sysctls('net.ipv4.tcp_keepalive_time'),
    expect: { reason: 'forbidden sysctls', detail: 'net.ipv4.tcp_keepalive_time' },
  },
  {
    name: 'the v1.29 additions',
    version: 'v1.29',
    spec: sysctls(
      'net.ipv4.tcp_keepalive_time',
      'net.ipv4.tcp_fin_timeout',
      'net.ipv4.tcp_keepalive_intvl',
      'net.ipv4.tcp_keepalive_probes',
    ),
    expect: 'allowed',
  },
  {
    name: 'tcp_rmem before v1.32',
    version: 'v1.31',
    spec: sysctls('net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'),
    expect: { reason: 'forbidden sysctls', detail: 'net.ipv4.tcp_rmem, net.ipv4.tcp_wmem' },
  },
  { name: 'the v1.32 additions', version: 'v1.32', spec: sysctls('net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'), expect: 'allowed' },
  {
    name: 'v1.37 additions before v1.37',
    version: 'v1.36',
    spec: sysctls('net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'),
    expect: { reason: 'forbidden sysctls', detail: 'net.ipv4.tcp_slow_start_after_idle, net.ipv4.tcp_notsent_lowat' },
  },
  {
    name: 'the v1.37 additions (upstream fixture)',
    version: 'v1.37',
    spec: sysctls('net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'),
    expect: 'allowed',
  },
  {
    name: 'latest keeps the earlier sets',
    version: 'latest',
    spec: sysctls('kernel.shm_rmid_forced', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_wmem'),
    expect: 'allowed',
  },
  {
    name: 'unsafe at latest',
    version: 'latest',
    spec: sysctls('kernel.msgmax'),
    expect: { reason: 'forbidden sysctls', detail: 'kernel.msgmax' },
  },
]);

run('windowsHostProcess', [
  {
    name: 'false is allowed',
    version: 'v1.0',
    spec: { ...WINDOWS, securityContext: { windowsOptions: { hostProcess: false } } },
    expect: 'allowed',
  },
  {
    name: 'host process (upstream)',
    version: 'latest',
    spec: {
      securityContext: { windowsOptions: { hostProcess: true } },
      containers: [
        { name: 'a', securityContext: null },
        sc('b', {}),
        sc('c', { windowsOptions: {} }),
        sc('d', { windowsOptions: { hostProcess: false } }),
        sc('e', { windowsOptions: { hostProcess: true } }),
        sc('f', { windowsOptions: { hostProcess: true } }),
      ],
    },
    expect: {
      reason: 'hostProcess',
      detail: 'pod and containers "e", "f" must not set securityContext.windowsOptions.hostProcess=true',
    },
  },
]);

const probe = (kind: 'httpGet' | 'tcpSocket', host?: string) => ({
  [kind]: host === undefined ? { port: 8080 } : { host, port: 8080 },
});
run('hostProbesAndHostLifecycle', [
  {
    name: 'does not exist before v1.34',
    version: 'v1.33',
    spec: { containers: [{ name: 'a', livenessProbe: probe('httpGet', 'bad.host') }] },
    expect: 'absent',
  },
  {
    name: 'valid pod with unset hosts (upstream)',
    version: 'v1.34',
    spec: {
      containers: [
        {
          name: 'a',
          livenessProbe: probe('httpGet'),
          readinessProbe: probe('tcpSocket'),
          lifecycle: { postStart: probe('httpGet') },
        },
      ],
    },
    expect: 'allowed',
  },
  {
    name: 'invalid pod with local host IP as probe host (upstream)',
    version: 'v1.34',
    spec: {
      containers: [
        {
          name: 'a',
          livenessProbe: probe('httpGet', '127.0.0.1'),
          readinessProbe: probe('tcpSocket', '::1'),
          startupProbe: probe('httpGet', 'localhost'),
        },
      ],
    },
    expect: {
      reason: 'probe or lifecycle host',
      detail: 'container "a" uses probe or lifecycle hosts "127.0.0.1", "::1", "localhost"',
    },
  },
  {
    name: 'multiple containers with multiple invalid hosts (upstream)',
    version: 'latest',
    spec: {
      containers: [
        { name: 'valid' },
        { name: 'invalid1', livenessProbe: probe('httpGet', 'a.com') },
        { name: 'invalid2', lifecycle: { preStop: probe('tcpSocket', 'b.com') }, startupProbe: probe('httpGet', 'a.com') },
      ],
    },
    expect: {
      reason: 'probe or lifecycle host',
      detail: 'containers "invalid1", "invalid2" use probe or lifecycle hosts "a.com", "b.com"',
    },
  },
  {
    name: 'invalid host in a sidecar init container (upstream fixture)',
    version: 'latest',
    spec: { initContainers: [{ name: 'init', restartPolicy: 'Always', readinessProbe: probe('tcpSocket', '8.8.8.8') }] },
    expect: { reason: 'probe or lifecycle host', detail: 'container "init" uses probe or lifecycle host "8.8.8.8"' },
  },
  {
    name: 'container names sort (upstream keeps them in a set), ephemeral containers count',
    version: 'latest',
    spec: {
      initContainers: [{ name: 'z', lifecycle: { postStart: probe('httpGet', 'h') } }],
      ephemeralContainers: [{ name: 'a', readinessProbe: probe('httpGet', 'h') }],
    },
    expect: { reason: 'probe or lifecycle host', detail: 'containers "a", "z" use probe or lifecycle host "h"' },
  },
]);

run('restrictedVolumes', [
  {
    name: 'allowed types, image included at v1.0',
    version: 'v1.0',
    spec: {
      volumes: [
        'configMap',
        'csi',
        'downwardAPI',
        'emptyDir',
        'ephemeral',
        'image',
        'persistentVolumeClaim',
        'projected',
        'secret',
      ].map((t, i) => ({ name: `a${i}`, [t]: {} })),
    },
    expect: 'allowed',
  },
  {
    name: 'host path volumes (upstream)',
    version: 'latest',
    spec: {
      volumes: [
        { name: 'a1', emptyDir: {} },
        { name: 'a9', image: { reference: 'x' } },
        ...[
          'hostPath',
          'gcePersistentDisk',
          'awsElasticBlockStore',
          'gitRepo',
          'nfs',
          'iscsi',
          'glusterfs',
          'rbd',
          'flexVolume',
          'cinder',
          'cephfs',
          'flocker',
          'fc',
          'azureFile',
          'vsphereVolume',
          'quobyte',
          'azureDisk',
          'photonPersistentDisk',
          'portworxVolume',
          'scaleIO',
          'storageos',
        ].map((t, i) => ({ name: `b${i + 1}`, [t]: {} })),
        { name: 'c1' },
      ],
    },
    expect: {
      reason: 'restricted volume types',
      detail:
        'volumes "b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9", "b10", "b11", "b12", "b13", "b14", "b15", "b16", "b17", "b18", "b19", "b20", "b21", "c1"' +
        ' use restricted volume types ' +
        '"awsElasticBlockStore", "azureDisk", "azureFile", "cephfs", "cinder", "fc", "flexVolume", "flocker", "gcePersistentDisk", "gitRepo", "glusterfs", ' +
        '"hostPath", "iscsi", "nfs", "photonPersistentDisk", "portworxVolume", "quobyte", "rbd", "scaleIO", "storageos", "unknown", "vsphereVolume"',
    },
  },
  {
    name: 'one volume',
    version: 'v1.0',
    spec: { volumes: [{ name: 'h', hostPath: { path: '/' } }] },
    expect: { reason: 'restricted volume types', detail: 'volume "h" uses restricted volume type "hostPath"' },
  },
  {
    name: 'a null source is unset',
    version: 'latest',
    spec: { volumes: [{ name: 'n', hostPath: null, emptyDir: {} }] },
    expect: 'allowed',
  },
]);

const apeContainers = [
  { name: 'a' },
  sc('b', { allowPrivilegeEscalation: null }),
  sc('c', { allowPrivilegeEscalation: true }),
  sc('d', { allowPrivilegeEscalation: false }),
];
const apeForbidden = {
  reason: 'allowPrivilegeEscalation != false',
  detail: 'containers "a", "b", "c" must set securityContext.allowPrivilegeEscalation=false',
};
run('allowPrivilegeEscalation', [
  {
    name: 'does not exist before v1.8 (the field did not)',
    version: 'v1.7',
    spec: { containers: apeContainers },
    expect: 'absent',
  },
  { name: 'multiple containers (upstream)', version: 'v1.8', spec: { containers: apeContainers }, expect: apeForbidden },
  {
    name: 'Windows pods are not exempt before v1.25',
    version: 'v1.24',
    spec: { ...WINDOWS, containers: [{ name: 'a' }] },
    expect: {
      reason: 'allowPrivilegeEscalation != false',
      detail: 'container "a" must set securityContext.allowPrivilegeEscalation=false',
    },
  },
  {
    name: 'windows pod, admit without checking privilegeEscalation (upstream)',
    version: 'v1.25',
    spec: { ...WINDOWS, containers: [{ name: 'a' }] },
    expect: 'allowed',
  },
  {
    name: 'linux pod, reject if security context is not set (upstream)',
    version: 'latest',
    spec: { ...LINUX, containers: [{ name: 'a' }] },
    expect: {
      reason: 'allowPrivilegeEscalation != false',
      detail: 'container "a" must set securityContext.allowPrivilegeEscalation=false',
    },
  },
  {
    name: 'init and ephemeral containers need it too',
    version: 'latest',
    spec: {
      initContainers: [sc('i', {})],
      containers: [sc('a', { allowPrivilegeEscalation: false })],
      ephemeralContainers: [{ name: 'e' }],
    },
    expect: {
      reason: 'allowPrivilegeEscalation != false',
      detail: 'containers "i", "e" must set securityContext.allowPrivilegeEscalation=false',
    },
  },
]);

run('runAsNonRoot', [
  {
    name: 'no explicit runAsNonRoot (upstream)',
    version: 'v1.0',
    spec: { containers: [{ name: 'a' }] },
    expect: { reason: 'runAsNonRoot != true', detail: 'pod or container "a" must set securityContext.runAsNonRoot=true' },
  },
  {
    name: 'pod runAsNonRoot=false (upstream)',
    version: 'latest',
    spec: { securityContext: { runAsNonRoot: false }, containers: [{ name: 'a', securityContext: null }] },
    expect: { reason: 'runAsNonRoot != true', detail: 'pod must not set securityContext.runAsNonRoot=false' },
  },
  {
    name: 'containers runAsNonRoot=false (upstream)',
    version: 'latest',
    spec: {
      securityContext: { runAsNonRoot: true },
      containers: [
        { name: 'a' },
        sc('b', {}),
        sc('c', { runAsNonRoot: false }),
        sc('d', { runAsNonRoot: false }),
        sc('e', { runAsNonRoot: true }),
      ],
    },
    expect: { reason: 'runAsNonRoot != true', detail: 'containers "c", "d" must not set securityContext.runAsNonRoot=false' },
  },
  {
    name: 'pod nil, container fallthrough (upstream), init and ephemeral included',
    version: 'latest',
    spec: {
      initContainers: [{ name: 'i' }],
      containers: [sc('a', {}), sc('d', { runAsNonRoot: true })],
      ephemeralContainers: [{ name: 'e' }],
    },
    expect: {
      reason: 'runAsNonRoot != true',
      detail: 'pod or containers "i", "a", "e" must set securityContext.runAsNonRoot=true',
    },
  },
  {
    name: 'pod-level true covers every container',
    version: 'v1.0',
    spec: { securityContext: { runAsNonRoot: true }, containers: [{ name: 'a' }], initContainers: [{ name: 'i' }] },
    expect: 'allowed',
  },
  {
    name: 'hostUsers: false is not relaxed before v1.35',
    version: 'v1.34',
    spec: { hostUsers: false, containers: [{ name: 'a' }] },
    expect: { reason: 'runAsNonRoot != true', detail: 'pod or container "a" must set securityContext.runAsNonRoot=true' },
  },
  {
    name: 'host users false allowed (upstream)',
    version: 'v1.35',
    spec: { hostUsers: false, containers: [sc('a', { runAsNonRoot: false })] },
    expect: 'allowed',
  },
  {
    name: 'Windows pods are not exempt',
    version: 'latest',
    spec: { ...WINDOWS, containers: [{ name: 'a' }] },
    expect: { reason: 'runAsNonRoot != true', detail: 'pod or container "a" must set securityContext.runAsNonRoot=true' },
  },
]);

run('runAsUser', [
  { name: 'does not exist before v1.23', version: 'v1.22', spec: { securityContext: { runAsUser: 0 } }, expect: 'absent' },
  {
    name: 'pod and containers',
    version: 'v1.23',
    spec: {
      securityContext: { runAsUser: 0 },
      initContainers: [sc('i', { runAsUser: 0 })],
      containers: [sc('a', { runAsUser: 1000 }), sc('b', { runAsUser: 0 })],
    },
    expect: { reason: 'runAsUser=0', detail: 'pod and containers "i", "b" must not set runAsUser=0' },
  },
  {
    name: 'unset and non-zero are allowed',
    version: 'latest',
    spec: { securityContext: { runAsUser: 1000 }, containers: [{ name: 'a' }] },
    expect: 'allowed',
  },
  {
    name: 'hostUsers: false is not relaxed before v1.35',
    version: 'v1.34',
    spec: { hostUsers: false, containers: [sc('a', { runAsUser: 0 })] },
    expect: { reason: 'runAsUser=0', detail: 'container "a" must not set runAsUser=0' },
  },
  {
    name: 'hostUsers: false is relaxed from v1.35',
    version: 'v1.35',
    spec: { hostUsers: false, securityContext: { runAsUser: 0 } },
    expect: 'allowed',
  },
  {
    name: 'hostUsers: true is not relaxed',
    version: 'latest',
    spec: { hostUsers: true, securityContext: { runAsUser: 0 } },
    expect: { reason: 'runAsUser=0', detail: 'pod must not set runAsUser=0' },
  },
]);

const seccompMissing = {
  reason: 'seccompProfile',
  detail: 'pod or container "a" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"',
};
run('seccompProfile_restricted', [
  { name: 'does not exist before v1.19', version: 'v1.18', spec: { containers: [{ name: 'a' }] }, expect: 'absent' },
  { name: 'no explicit seccomp (upstream)', version: 'v1.19', spec: { containers: [{ name: 'a' }] }, expect: seccompMissing },
  {
    name: 'pod seccomp invalid (upstream)',
    version: 'v1.19',
    spec: { securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [{ name: 'a', securityContext: null }] },
    expect: { reason: 'seccompProfile', detail: 'pod must not set securityContext.seccompProfile.type to "Unconfined"' },
  },
  {
    name: 'containers seccomp invalid (upstream)',
    version: 'latest',
    spec: { securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: seccompContainers },
    expect: {
      reason: 'seccompProfile',
      detail: 'containers "c", "d" must not set securityContext.seccompProfile.type to "Unconfined"',
    },
  },
  {
    name: 'pod nil, container fallthrough (upstream)',
    version: 'latest',
    spec: {
      containers: [
        { name: 'a', securityContext: null },
        sc('b', {}),
        sc('d', { seccompProfile: { type: 'RuntimeDefault' } }),
        sc('e', { seccompProfile: { type: 'Localhost' } }),
      ],
    },
    expect: {
      reason: 'seccompProfile',
      detail: 'pod or containers "a", "b" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"',
    },
  },
  {
    name: 'Windows pods are not exempt before v1.25',
    version: 'v1.24',
    spec: { ...WINDOWS, containers: [{ name: 'a' }] },
    expect: seccompMissing,
  },
  {
    name: 'no explicit seccomp, windows Pod (upstream)',
    version: 'v1.25',
    spec: { ...WINDOWS, containers: [{ name: 'a' }] },
    expect: 'allowed',
  },
  {
    name: 'no explicit seccomp, linux pod (upstream)',
    version: 'latest',
    spec: { ...LINUX, containers: [{ name: 'a' }] },
    expect: seccompMissing,
  },
  {
    name: 'pod-level RuntimeDefault covers containers',
    version: 'latest',
    spec: { securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [{ name: 'a' }] },
    expect: 'allowed',
  },
]);

const dropAll = { capabilities: { drop: ['ALL'] } };
run('capabilities_restricted', [
  { name: 'does not exist before v1.22', version: 'v1.21', spec: { containers: [{ name: 'a' }] }, expect: 'absent' },
  {
    name: 'multiple containers (upstream)',
    version: 'v1.22',
    spec: {
      containers: [
        sc('a', { capabilities: { add: ['FOO', 'BAR'] } }),
        sc('b', { capabilities: { add: ['BAR', 'BAZ'] } }),
        sc('c', { capabilities: { add: ['NET_BIND_SERVICE', 'CHOWN'], drop: ['ALL', 'FOO'] } }),
      ],
    },
    expect: {
      reason: 'unrestricted capabilities',
      detail:
        'containers "a", "b" must set securityContext.capabilities.drop=["ALL"]; containers "a", "b", "c" must not include "BAR", "BAZ", "CHOWN", "FOO" in securityContext.capabilities.add',
    },
  },
  {
    name: 'drop ALL and add NET_BIND_SERVICE is allowed',
    version: 'latest',
    spec: { containers: [sc('a', { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } })] },
    expect: 'allowed',
  },
  {
    name: 'a sidecar init container needs drop ALL like any other',
    version: 'latest',
    spec: { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }], containers: [sc('a', dropAll)] },
    expect: {
      reason: 'unrestricted capabilities',
      detail: 'container "proxy" must set securityContext.capabilities.drop=["ALL"]',
    },
  },
  {
    name: 'Windows pods are not exempt before v1.25',
    version: 'v1.24',
    spec: { ...WINDOWS, containers: [{ name: 'a' }] },
    expect: { reason: 'unrestricted capabilities', detail: 'container "a" must set securityContext.capabilities.drop=["ALL"]' },
  },
  {
    name: 'Windows pods are exempt from v1.25',
    version: 'v1.25',
    spec: { ...WINDOWS, containers: [{ name: 'a' }] },
    expect: 'allowed',
  },
]);

describe('every registered check is covered above', () => {
  it('has the upstream IDs of Kubernetes 1.37', () => {
    assert.deepEqual(DEFAULT_CHECKS.map((c) => c.id).sort(), [
      'allowPrivilegeEscalation',
      'appArmorProfile',
      'capabilities_baseline',
      'capabilities_restricted',
      'hostNamespaces',
      'hostPathVolumes',
      'hostPorts',
      'hostProbesAndHostLifecycle',
      'privileged',
      'procMount',
      'procMount_restricted',
      'restrictedVolumes',
      'runAsNonRoot',
      'runAsUser',
      'seLinuxOptions',
      'seccompProfile_baseline',
      'seccompProfile_restricted',
      'sysctls',
      'windowsHostProcess',
    ]);
  });
});

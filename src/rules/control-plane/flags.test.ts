import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../core/objects.js';
import { applyPatch } from '../../core/patch.js';
import { formatPath } from '../../core/path.js';
import { loadText } from '../../load/files.js';
import { configDocumentOf, shellWords } from './component.js';
import { allComponentFlags, componentFlags, featureGate, listItems, parseBool, parseDuration, setFlagPatch } from './flags.js';

function load(yaml: string): KubeObject[] {
  const out: KubeObject[] = [];
  const rec = loadText(yaml, 'flags.yaml', (o) => out.push(o));
  assert.deepEqual(rec.errors, []);
  return out;
}

function one(yaml: string): KubeObject {
  const [o] = load(yaml);
  return o!;
}

/** flag -> "value @ path" for a compact comparison. */
function table(obj: KubeObject, component: Parameters<typeof componentFlags>[1]): Record<string, string> {
  const [c] = componentFlags(obj, component);
  assert.ok(c, `no ${component} found`);
  const out: Record<string, string> = {};
  for (const [k, s] of c.flags) out[k] = `${s.value} @ ${formatPath(s.valuePath)} (${s.origin})`;
  return out;
}

describe('static pod flags', () => {
  it('reads --flag=value, --flag value, bare booleans and the last of repeated flags from command + args', () => {
    const pod = one(`
apiVersion: v1
kind: Pod
metadata: {name: kube-apiserver, namespace: kube-system}
spec:
  containers:
  - name: kube-apiserver
    image: registry.k8s.io/kube-apiserver:v1.31.0
    command: [kube-apiserver, --profiling=true, --audit-log-path, /var/log/audit.log]
    args: [--profiling=false, --anonymous-auth, --authorization-mode=Node, --authorization-mode=RBAC]
`);
    assert.equal(configDocumentOf(pod), 'static-pod');
    assert.deepEqual(table(pod, 'kube-apiserver'), {
      profiling: 'false @ spec.containers[0].args[0] (command-line)',
      'audit-log-path': '/var/log/audit.log @ spec.containers[0].command[3] (command-line)',
      'anonymous-auth': 'true @ spec.containers[0].args[1] (command-line)',
      'authorization-mode': 'RBAC @ spec.containers[0].args[3] (command-line)',
    });
    const [c] = componentFlags(pod, 'kube-apiserver');
    assert.deepEqual(
      listItems(c!.flags.get('authorization-mode')).map((i) => i.item),
      ['Node', 'RBAC'],
      'list flags append',
    );
    assert.equal(formatPath(c!.anchor), 'spec.containers[0].args');
  });

  it('a boolean flag does not take the next argument: "--anonymous-auth false" is true plus a stray "false"', () => {
    const pod = one(`
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: a, image: x, command: [/usr/local/bin/kube-apiserver, --anonymous-auth, "false", --secure-port, "6443"]}
`);
    const [c] = componentFlags(pod, 'kube-apiserver');
    assert.equal(c!.flags.get('anonymous-auth')!.value, 'true');
    assert.equal(c!.flags.get('secure-port')!.value, '6443');
    assert.deepEqual(
      c!.stray.map((t) => t.text),
      ['false'],
    );
  });

  it('etcd: single-dash flags, ETCD_* environment variables, flags win over the environment', () => {
    const pod = one(`
apiVersion: v1
kind: Pod
metadata: {name: etcd, namespace: kube-system}
spec:
  containers:
  - name: etcd
    image: registry.k8s.io/etcd:3.5.15-0
    command: [etcd, -cert-file=/pki/server.crt, --client-cert-auth]
    env:
    - {name: ETCD_CERT_FILE, value: /other.crt}
    - {name: ETCD_KEY_FILE, value: /pki/server.key}
    - {name: ETCD_PEER_KEY_FILE, valueFrom: {secretKeyRef: {name: s, key: k}}}
`);
    assert.deepEqual(table(pod, 'etcd'), {
      'cert-file': '/pki/server.crt @ spec.containers[0].command[1] (command-line)',
      'key-file': '/pki/server.key @ spec.containers[0].env[1].value (environment)',
      'client-cert-auth': 'true @ spec.containers[0].command[2] (command-line)',
    });
  });

  it('recognises sh -c scripts, hyperkube and an image entrypoint with args only', () => {
    const pods = load(`
apiVersion: v1
kind: Pod
metadata: {name: a}
spec:
  containers:
  - {name: a, image: x, command: [/bin/sh, -c, "exec kube-scheduler --profiling=false --bind-address '127.0.0.1'"]}
---
apiVersion: v1
kind: Pod
metadata: {name: b}
spec:
  containers:
  - {name: b, image: x, command: [/hyperkube, controller-manager, --profiling=false]}
---
apiVersion: v1
kind: Pod
metadata: {name: c}
spec:
  containers:
  - {name: c, image: "registry.k8s.io/kube-apiserver-amd64:v1.20.0@sha256:abc", args: [--profiling=false]}
---
apiVersion: v1
kind: Pod
metadata: {name: d}
spec:
  containers:
  - {name: web, image: nginx:1.27, args: [--profiling=false]}
  - {name: client, image: x, command: [etcdctl, get, /]}
`);
    assert.deepEqual(table(pods[0]!, 'kube-scheduler'), {
      profiling: 'false @ spec.containers[0].command[2] (command-line)',
      'bind-address': '127.0.0.1 @ spec.containers[0].command[2] (command-line)',
    });
    assert.equal(componentFlags(pods[1]!, 'kube-controller-manager').length, 1);
    assert.equal(componentFlags(pods[2]!, 'kube-apiserver')[0]!.flags.get('profiling')!.value, 'false');
    assert.equal(allComponentFlags(pods[3]!).length, 0, 'nginx and etcdctl are not control-plane components');
    assert.equal(configDocumentOf(pods[3]!), undefined);
  });
});

describe('kubeadm ClusterConfiguration flags', () => {
  it('v1beta3: extraArgs map over kubeadm defaults', () => {
    const cfg = one(`
apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
apiServer:
  extraArgs:
    authorization-mode: AlwaysAllow
    profiling: "false"
etcd:
  local:
    dataDir: /var/lib/etcd
`);
    assert.equal(configDocumentOf(cfg), 'kubeadm-cluster-configuration');
    const api = table(cfg, 'kube-apiserver');
    assert.equal(api['authorization-mode'], 'AlwaysAllow @ apiServer.extraArgs.authorization-mode (kubeadm)');
    assert.equal(api.profiling, 'false @ apiServer.extraArgs.profiling (kubeadm)');
    assert.equal(api['etcd-certfile'], '/etc/kubernetes/pki/apiserver-etcd-client.crt @ apiServer.extraArgs (kubeadm-default)');
    assert.equal(table(cfg, 'etcd')['client-cert-auth'], 'true @ etcd.local (kubeadm-default)');
    assert.equal(table(cfg, 'kube-scheduler')['bind-address'], '127.0.0.1 @  (kubeadm-default)', 'anchored at the root');
  });

  it('v1beta4: extraArgs list of {name, value}, repeated names; external etcd has no etcd manifest', () => {
    const cfg = one(`
apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
certificatesDir: /pki
apiServer:
  extraArgs:
  - {name: enable-admission-plugins, value: NodeRestriction}
  - {name: enable-admission-plugins, value: AlwaysPullImages}
  - {name: authorization-config, value: /etc/kubernetes/authz.yaml}
controllerManager:
  extraArgs:
  - name: feature-gates
    value: RotateKubeletServerCertificate=false,Foo=true
etcd:
  external:
    endpoints: [https://10.0.0.1:2379]
    caFile: /pki/etcd-ca.crt
`);
    const api = componentFlags(cfg, 'kube-apiserver')[0]!;
    assert.deepEqual(
      listItems(api.flags.get('enable-admission-plugins')).map((i) => `${i.item} @ ${formatPath(i.path)}`),
      ['NodeRestriction @ apiServer.extraArgs[0].value', 'AlwaysPullImages @ apiServer.extraArgs[1].value'],
    );
    assert.equal(api.flags.get('authorization-mode'), undefined, 'no default mode with structured authorization');
    assert.equal(api.flags.get('etcd-cafile')!.value, '/pki/etcd-ca.crt');
    assert.equal(api.flags.get('etcd-certfile'), undefined, 'external etcd without client certificate');
    assert.equal(api.flags.get('client-ca-file')!.value, '/pki/ca.crt', 'certificatesDir');
    assert.equal(componentFlags(cfg, 'etcd').length, 0);
    const gate = featureGate(
      componentFlags(cfg, 'kube-controller-manager')[0]!.flags.get('feature-gates'),
      'RotateKubeletServerCertificate',
    );
    assert.deepEqual(gate && { enabled: gate.enabled, path: formatPath(gate.path) }, {
      enabled: false,
      path: 'controllerManager.extraArgs[0].value',
    });
  });
});

describe('fix patches', () => {
  const apply = (obj: KubeObject, ops: ReturnType<typeof setFlagPatch>) => {
    assert.ok(ops);
    return one(JSON.stringify(applyPatch(obj.value, ops)));
  };

  it('replaces the effective occurrence or appends to the list the flags are in', () => {
    const pod = one(`
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: a, image: x, command: [kube-scheduler, --profiling, --v=2], args: []}
  - {name: b, image: x, command: [etcd, -auto-tls=true]}
  - {name: c, image: x, command: [kube-controller-manager, --bind-address, 0.0.0.0]}
`);
    const [sched] = componentFlags(pod, 'kube-scheduler');
    let fixed = apply(pod, setFlagPatch(sched!, 'profiling', 'false'));
    assert.deepEqual(fixed.value.spec, {
      ...(pod.value.spec as object),
      containers: [
        { name: 'a', image: 'x', command: ['kube-scheduler', '--profiling=false', '--v=2'], args: [] },
        ...(pod.value.spec as { containers: unknown[] }).containers.slice(1),
      ],
    });
    fixed = apply(pod, setFlagPatch(sched!, 'bind-address', '127.0.0.1'));
    assert.deepEqual(componentFlags(fixed, 'kube-scheduler')[0]!.flags.get('bind-address')!.value, '127.0.0.1');
    const [etcd] = componentFlags(pod, 'etcd');
    fixed = apply(pod, setFlagPatch(etcd!, 'auto-tls', 'false'));
    assert.equal((fixed.value.spec as { containers: { command: string[] }[] }).containers[1]!.command[1], '-auto-tls=false');
    const [cm] = componentFlags(pod, 'kube-controller-manager');
    fixed = apply(pod, setFlagPatch(cm!, 'bind-address', '127.0.0.1'));
    assert.deepEqual((fixed.value.spec as { containers: { command: string[] }[] }).containers[2]!.command, [
      'kube-controller-manager',
      '--bind-address',
      '127.0.0.1',
    ]);
  });

  it('kubeadm: adds extraArgs in the form of the apiVersion', () => {
    for (const [version, expected] of [
      ['v1beta3', { profiling: 'false' }],
      ['v1beta4', [{ name: 'profiling', value: 'false' }]],
    ] as const) {
      const cfg = one(`{apiVersion: kubeadm.k8s.io/${version}, kind: ClusterConfiguration, scheduler: {}}`);
      const fixed = apply(cfg, setFlagPatch(componentFlags(cfg, 'kube-scheduler')[0]!, 'profiling', 'false'));
      assert.deepEqual((fixed.value.scheduler as { extraArgs: unknown }).extraArgs, expected);
    }
  });

  it('a shell script cannot be patched', () => {
    const pod = one(
      `{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: a, image: x, command: [sh, -c, "kube-scheduler --profiling"]}]}}`,
    );
    assert.equal(setFlagPatch(componentFlags(pod, 'kube-scheduler')[0]!, 'profiling', 'false'), undefined);
  });
});

describe('values', () => {
  it('parses booleans as strconv.ParseBool', () => {
    assert.deepEqual(['true', 'T', '1', 'False', '0', 'yes', ''].map(parseBool), [
      true,
      true,
      true,
      false,
      false,
      undefined,
      undefined,
    ]);
  });
  it('parses Go durations', () => {
    assert.deepEqual(['0', '60s', '1m30s', '1.5h', '300ms', '-1m', '5', 'abc', ''].map(parseDuration), [
      0,
      60,
      90,
      5400,
      0.3,
      -60,
      undefined,
      undefined,
      undefined,
    ]);
  });
  it('splits shell words', () => {
    assert.deepEqual(shellWords(`exec kube-apiserver --a='x y' --b="z" \\\n --c=1;echo`), [
      'exec',
      'kube-apiserver',
      '--a=x y',
      '--b=z',
      '--c=1',
      'echo',
    ]);
  });
});

/**
 * The effective command-line flags of a control-plane component, read offline from where they are
 * written: a static pod's container `command` + `args` (both `--flag=value` and `--flag value`,
 * repeated flags, a `sh -c` script), etcd's `ETCD_*` environment variables, or a kubeadm
 * ClusterConfiguration (`extraArgs` as a map in v1beta3, a list of {name, value} in v1beta4, over the
 * flags kubeadm itself writes into the manifests it generates). One normalised map per component:
 * flag name -> value, with the path of the node that set it so findings point at the exact args
 * entry or extraArgs key.
 *
 * Parsing follows the flag libraries: a bare boolean flag is `true` and takes no value (pflag and
 * Go's flag package: `--profiling false` is `--profiling` plus a stray argument); any other flag
 * takes the next argument as its value; the last occurrence wins, except that list flags
 * (`--enable-admission-plugins`, `--authorization-mode`, `--tls-cipher-suites`...) append and
 * `--feature-gates` merges. etcd also accepts a single dash (`-cert-file`), and command-line flags
 * win over its environment variables.
 */
import { isRecord, type KubeObject } from '../../core/objects.js';
import { getAt, type Path } from '../../core/path.js';
import type { PatchOp } from '../../core/rule.js';
import {
  controlPlaneContainers,
  isKubeadmClusterConfiguration,
  kubeadmUsesArgList,
  type Component,
  type ControlPlaneContainer,
  type Token,
} from './component.js';

type Obj = Pick<KubeObject, 'id' | 'value'>;

/** Where static pods and kubeadm configurations live: the targets of every flag rule. */
export const FLAG_TARGETS: readonly string[] = ['Pod', 'ClusterConfiguration'];

export interface FlagOccurrence {
  /** The value as written; undefined for a bare `--flag`. */
  value: string | undefined;
  /** The node that set it: the args entry, extraArgs key or entry, or env entry. */
  path: Path;
  /** The node holding the value: the same entry for `--flag=value`, the next entry for
   *  `--flag value`, `extraArgs[i].value` in a kubeadm list. */
  valuePath: Path;
  /** The args entry as written (command-line occurrences only). */
  raw?: string;
}

export type FlagOrigin = 'command-line' | 'environment' | 'kubeadm' | 'kubeadm-default';

export interface FlagSetting {
  name: string;
  origin: FlagOrigin;
  /** Every occurrence, in order (only the last counts, except for list flags). */
  occurrences: readonly FlagOccurrence[];
  /** The effective value: the last occurrence's (`true` for a bare boolean flag, '' for a bare
   *  flag that needs a value). */
  value: string;
  /** Path of the node that set the effective value (for kubeadm defaults: the component's anchor). */
  path: Path;
  /** Path of the node holding the effective value. */
  valuePath: Path;
}

type EditTarget =
  | { kind: 'list'; listPath: Path; listLength: number }
  | { kind: 'script' }
  | { kind: 'kubeadm'; extraArgsPath: Path; extraArgs: unknown; argList: boolean };

export interface ComponentFlags {
  component: Component;
  source: 'static-pod' | 'kubeadm';
  /** Where a flag that is not set is reported: the static pod's command/args list, or the kubeadm
   *  component's extraArgs (or the nearest existing parent). */
  anchor: Path;
  flags: ReadonlyMap<string, FlagSetting>;
  /** Arguments that are not flags (e.g. "false" after a bare boolean flag). */
  stray: readonly Token[];
  /** `kube-apiserver`, or `kube-apiserver (kubeadm)`: how messages name it. */
  label: string;
  /** Where fixes write. */
  edit: EditTarget;
}

/** Boolean flags of the components (these never take the next argument as their value). */
const BOOL_FLAGS: ReadonlySet<string> = new Set([
  // kube-apiserver, kube-controller-manager, kube-scheduler (pflag)
  'add-dir-header',
  'allocate-node-cidrs',
  'allow-privileged',
  'alsologtostderr',
  'anonymous-auth',
  'audit-log-compress',
  'audit-log-truncate-enabled',
  'audit-webhook-truncate-enabled',
  'configure-cloud-routes',
  'contention-profiling',
  'enable-aggregator-routing',
  'enable-bootstrap-token-auth',
  'enable-dynamic-provisioning',
  'enable-garbage-collector',
  'enable-hostpath-provisioner',
  'enable-logs-handler',
  'enable-priority-and-fairness',
  'enable-taint-manager',
  'help',
  'leader-elect',
  'logtostderr',
  'one-output',
  'permit-address-sharing',
  'permit-port-sharing',
  'profiling',
  'service-account-extend-token-expiration',
  'service-account-lookup',
  'skip-headers',
  'skip-log-headers',
  'use-service-account-credentials',
  'watch-cache',
  // etcd (Go flag package)
  'auto-tls',
  'client-cert-auth',
  'debug',
  'enable-grpc-gateway',
  'enable-log-rotation',
  'enable-pprof',
  'enable-v2',
  'experimental-enable-distributed-tracing',
  'experimental-enable-lease-checkpoint',
  'experimental-initial-corrupt-check',
  'force-new-cluster',
  'peer-auto-tls',
  'peer-client-cert-auth',
  'peer-skip-client-san-verification',
  'pre-vote',
  'socket-reuse-address',
  'socket-reuse-port',
  'strict-reconfig-check',
  'unsafe-no-fsync',
]);

/** Flags whose repeated occurrences append (pflag string slices). */
export const LIST_FLAGS: ReadonlySet<string> = new Set([
  'enable-admission-plugins',
  'disable-admission-plugins',
  'admission-control',
  'authorization-mode',
  'tls-cipher-suites',
  'cipher-suites',
  'oidc-required-claim',
  'api-audiences',
  'service-account-issuer',
  'service-account-key-file',
]);

export function isBoolFlag(name: string): boolean {
  return BOOL_FLAGS.has(name);
}

// ---------------------------------------------------------------------------------------------
// Reading values

/** strconv.ParseBool, as pflag and Go's flag package read booleans. */
export function parseBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

const DURATION_UNITS: Readonly<Record<string, number>> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  μs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

/** Go's time.ParseDuration, in seconds ("1h30m", "300s", "0", "-1.5h"); undefined when invalid. */
export function parseDuration(v: string): number | undefined {
  let s = v.trim();
  if (s === '') return undefined;
  let sign = 1;
  if (s[0] === '-' || s[0] === '+') {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  const part = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;
  let total = 0;
  let any = false;
  while (s.length > 0) {
    const m = part.exec(s);
    if (!m) return undefined;
    total += Number(m[1]) * DURATION_UNITS[m[2]!]!;
    s = s.slice(m[0].length);
    any = true;
  }
  return any ? sign * total : undefined;
}

/** The occurrences that count: all of them for list flags and --feature-gates, the last one
 *  otherwise; a kubeadm default (written by kubeadm, not in the file) as one occurrence at the anchor. */
function occurrencesOf(setting: FlagSetting): readonly FlagOccurrence[] {
  if (setting.occurrences.length === 0) return [{ value: setting.value, path: setting.path, valuePath: setting.valuePath }];
  if (LIST_FLAGS.has(setting.name) || setting.name === 'feature-gates') return setting.occurrences;
  return setting.occurrences.slice(-1);
}

/** The items of a list flag over all its occurrences (repeated flags append), each with the path
 *  of the occurrence that holds it. */
export function listItems(setting: FlagSetting | undefined): { item: string; path: Path }[] {
  if (!setting) return [];
  const out: { item: string; path: Path }[] = [];
  for (const o of occurrencesOf(setting)) {
    for (const raw of (o.value ?? '').split(',')) {
      const item = raw.trim();
      if (item) out.push({ item, path: o.valuePath });
    }
  }
  return out;
}

/** A feature gate's value from `--feature-gates=A=true,B=false` (repeated flags merge, the last
 *  mention wins); undefined when the gate is not mentioned. */
export function featureGate(
  setting: FlagSetting | undefined,
  gate: string,
): { enabled: boolean | undefined; path: Path } | undefined {
  if (!setting) return undefined;
  let found: { enabled: boolean | undefined; path: Path } | undefined;
  for (const o of occurrencesOf(setting)) {
    for (const raw of (o.value ?? '').split(',')) {
      const [k, v] = raw.split('=').map((x) => x.trim());
      if (k === gate) found = { enabled: v === undefined ? undefined : parseBool(v), path: o.valuePath };
    }
  }
  return found;
}

/** A kubeadm extraArgs value (strings in kubeadm's API; other scalars are read as YAML wrote them). */
function scalarString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Static pods

function parseArgs(component: Component, tokens: readonly Token[]): { occ: Map<string, FlagOccurrence[]>; stray: Token[] } {
  const occ = new Map<string, FlagOccurrence[]>();
  const stray: Token[] = [];
  const looksLikeFlag = (t: string) => (component === 'etcd' ? /^--?[A-Za-z]/.test(t) : /^--[A-Za-z]/.test(t));
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const t = tok.text;
    if (t === '--') {
      stray.push(...tokens.slice(i + 1));
      break;
    }
    let body: string;
    if (t.startsWith('--')) body = t.slice(2);
    else if (component === 'etcd' && t.startsWith('-') && t.length > 1) body = t.slice(1);
    else {
      stray.push(tok);
      continue;
    }
    const eq = body.indexOf('=');
    let name: string;
    let value: string | undefined;
    let valuePath = tok.path;
    if (eq >= 0) {
      name = body.slice(0, eq);
      value = body.slice(eq + 1);
    } else {
      name = body;
      const next = tokens[i + 1];
      if (!BOOL_FLAGS.has(name) && next && !looksLikeFlag(next.text)) {
        value = next.text;
        valuePath = next.path;
        i++;
      }
    }
    if (!name) continue;
    push(occ, name, { value, path: tok.path, valuePath, raw: t });
  }
  return { occ, stray };
}

/** etcd reads every flag also from ETCD_<FLAG> (upper case, dashes as underscores). */
function etcdEnv(c: ControlPlaneContainer): Map<string, FlagOccurrence[]> {
  const occ = new Map<string, FlagOccurrence[]>();
  const env = c.container.container.env;
  if (!Array.isArray(env)) return occ;
  env.forEach((e: unknown, i) => {
    if (!isRecord(e) || typeof e.name !== 'string' || !e.name.startsWith('ETCD_')) return;
    const value = scalarString(e.value);
    if (value === undefined) return; // valueFrom: not known offline
    const name = e.name.slice(5).toLowerCase().replace(/_/g, '-');
    const path = [...c.container.path, 'env', i];
    push(occ, name, { value, path, valuePath: [...path, 'value'] });
  });
  return occ;
}

function settingsFrom(occ: Map<string, FlagOccurrence[]>, origin: FlagOrigin, into: Map<string, FlagSetting>): void {
  for (const [name, list] of occ) {
    const last = list[list.length - 1]!;
    const value = last.value ?? (BOOL_FLAGS.has(name) ? 'true' : '');
    into.set(name, { name, origin, occurrences: list, value, path: last.path, valuePath: last.valuePath });
  }
}

function staticPodFlags(c: ControlPlaneContainer): ComponentFlags {
  const { occ, stray } = parseArgs(c.component, c.args);
  const flags = new Map<string, FlagSetting>();
  if (c.component === 'etcd') settingsFrom(etcdEnv(c), 'environment', flags);
  settingsFrom(occ, 'command-line', flags); // flags win over the environment
  return {
    component: c.component,
    source: 'static-pod',
    anchor: c.listPath ?? c.args[0]?.path ?? c.container.path,
    flags,
    stray,
    label: c.component,
    edit: c.script || !c.listPath ? { kind: 'script' } : { kind: 'list', listPath: c.listPath, listLength: c.listLength },
  };
}

// ---------------------------------------------------------------------------------------------
// kubeadm ClusterConfiguration

const SECTIONS: readonly { component: Component; path: Path }[] = [
  { component: 'kube-apiserver', path: ['apiServer'] },
  { component: 'kube-controller-manager', path: ['controllerManager'] },
  { component: 'kube-scheduler', path: ['scheduler'] },
  { component: 'etcd', path: ['etcd', 'local'] },
];

/** What kubeadm writes into the manifests it generates (cmd/kubeadm/app/phases/controlplane and
 *  phases/etcd), before extraArgs override them. Only flags rules look at matter here. */
function kubeadmDefaults(
  component: Component,
  cfg: Record<string, unknown>,
  extra: Map<string, FlagOccurrence[]>,
): Record<string, string> {
  const pki = typeof cfg.certificatesDir === 'string' && cfg.certificatesDir ? cfg.certificatesDir : '/etc/kubernetes/pki';
  const etcd = isRecord(cfg.etcd) ? cfg.etcd : {};
  switch (component) {
    case 'kube-apiserver': {
      const d: Record<string, string> = {
        'enable-admission-plugins': 'NodeRestriction',
        'service-account-key-file': `${pki}/sa.pub`,
        'service-account-signing-key-file': `${pki}/sa.key`,
        'client-ca-file': `${pki}/ca.crt`,
        'tls-cert-file': `${pki}/apiserver.crt`,
        'tls-private-key-file': `${pki}/apiserver.key`,
        'kubelet-client-certificate': `${pki}/apiserver-kubelet-client.crt`,
        'kubelet-client-key': `${pki}/apiserver-kubelet-client.key`,
        'enable-bootstrap-token-auth': 'true',
        'allow-privileged': 'true',
        'secure-port': '6443',
      };
      if (isRecord(etcd.external)) {
        const ext = etcd.external;
        if (typeof ext.caFile === 'string' && ext.caFile) d['etcd-cafile'] = ext.caFile;
        if (typeof ext.certFile === 'string' && ext.certFile && typeof ext.keyFile === 'string' && ext.keyFile) {
          d['etcd-certfile'] = ext.certFile;
          d['etcd-keyfile'] = ext.keyFile;
        }
      } else {
        d['etcd-cafile'] = `${pki}/etcd/ca.crt`;
        d['etcd-certfile'] = `${pki}/apiserver-etcd-client.crt`;
        d['etcd-keyfile'] = `${pki}/apiserver-etcd-client.key`;
      }
      // kubeadm sets Node,RBAC unless the user chose structured authorization.
      if (!extra.has('authorization-config')) d['authorization-mode'] = 'Node,RBAC';
      return d;
    }
    case 'kube-controller-manager':
      return {
        'bind-address': '127.0.0.1',
        'leader-elect': 'true',
        'client-ca-file': `${pki}/ca.crt`,
        'root-ca-file': `${pki}/ca.crt`,
        'service-account-private-key-file': `${pki}/sa.key`,
        'cluster-signing-cert-file': `${pki}/ca.crt`,
        'cluster-signing-key-file': `${pki}/ca.key`,
        'use-service-account-credentials': 'true',
        controllers: '*,bootstrapsigner,tokencleaner',
      };
    case 'kube-scheduler':
      return { 'bind-address': '127.0.0.1', 'leader-elect': 'true' };
    case 'etcd':
      return {
        'cert-file': `${pki}/etcd/server.crt`,
        'key-file': `${pki}/etcd/server.key`,
        'trusted-ca-file': `${pki}/etcd/ca.crt`,
        'client-cert-auth': 'true',
        'peer-cert-file': `${pki}/etcd/peer.crt`,
        'peer-key-file': `${pki}/etcd/peer.key`,
        'peer-trusted-ca-file': `${pki}/etcd/ca.crt`,
        'peer-client-cert-auth': 'true',
      };
  }
}

function kubeadmFlags(obj: Obj): ComponentFlags[] {
  const cfg = obj.value as Record<string, unknown>;
  const argList = kubeadmUsesArgList(obj);
  const out: ComponentFlags[] = [];
  for (const section of SECTIONS) {
    // External etcd is not run by kubeadm: there is no etcd manifest to judge.
    if (section.component === 'etcd' && isRecord(getAt(cfg, ['etcd', 'external']))) continue;
    const extraArgsPath = [...section.path, 'extraArgs'];
    const extraArgs = getAt(cfg, extraArgsPath);
    const occ = new Map<string, FlagOccurrence[]>();
    if (Array.isArray(extraArgs)) {
      extraArgs.forEach((e: unknown, i) => {
        if (!isRecord(e) || typeof e.name !== 'string') return;
        const path = [...extraArgsPath, i];
        const has = e.value !== undefined && e.value !== null;
        push(occ, e.name, { value: scalarString(e.value) ?? '', path, valuePath: has ? [...path, 'value'] : path });
      });
    } else if (isRecord(extraArgs)) {
      for (const [name, v] of Object.entries(extraArgs)) {
        const path = [...extraArgsPath, name];
        push(occ, name, { value: scalarString(v) ?? '', path, valuePath: path });
      }
    }
    let anchor: Path = [];
    for (const p of [extraArgsPath, section.path, section.path.slice(0, 1)]) {
      if (p.length > 0 && getAt(cfg, p) !== undefined && getAt(cfg, p) !== null) {
        anchor = p;
        break;
      }
    }
    const flags = new Map<string, FlagSetting>();
    for (const [name, value] of Object.entries(kubeadmDefaults(section.component, cfg, occ))) {
      if (occ.has(name)) continue;
      flags.set(name, { name, origin: 'kubeadm-default', occurrences: [], value, path: anchor, valuePath: anchor });
    }
    settingsFrom(occ, 'kubeadm', flags);
    out.push({
      component: section.component,
      source: 'kubeadm',
      anchor,
      flags,
      stray: [],
      label: `${section.component} (kubeadm)`,
      edit: { kind: 'kubeadm', extraArgsPath, extraArgs, argList },
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

const cache = new WeakMap<object, { kind: string; list: readonly ComponentFlags[] }>();

/** Every control-plane component an object configures, with its effective flags. */
export function allComponentFlags(obj: Obj): readonly ComponentFlags[] {
  const hit = cache.get(obj.value);
  if (hit && hit.kind === obj.id.kind) return hit.list;
  let list: ComponentFlags[] = [];
  if (obj.id.kind === 'Pod') list = controlPlaneContainers(obj).map(staticPodFlags);
  else if (isKubeadmClusterConfiguration(obj)) list = kubeadmFlags(obj);
  cache.set(obj.value, { kind: obj.id.kind, list });
  return list;
}

/** The configured components of the given kinds. */
export function componentFlags(obj: Obj, ...components: Component[]): readonly ComponentFlags[] {
  return allComponentFlags(obj).filter((c) => components.includes(c.component));
}

// ---------------------------------------------------------------------------------------------
// Fixes

function sameOrUnder(path: Path, prefix: Path): boolean {
  return prefix.length <= path.length && prefix.every((s, i) => path[i] === s);
}

/** The configured components (of the given kinds) a finding at `path` concerns: the one whose
 *  flag or anchor it points at. */
export function componentsAt(obj: Obj, path: Path, components: readonly Component[]): ComponentFlags[] {
  return allComponentFlags(obj).filter(
    (c) =>
      components.includes(c.component) &&
      (sameOrUnder(path, c.anchor) ||
        [...c.flags.values()].some((f) =>
          f.occurrences.some((o) => sameOrUnder(path, o.path) || sameOrUnder(path, o.valuePath)),
        )),
  );
}

/** A patch that makes `--name=value` the effective setting of a component; undefined when the
 *  flags live in a shell script (not editable as list entries). */
export function setFlagPatch(c: ComponentFlags, name: string, value: string): PatchOp[] | undefined {
  const current = c.flags.get(name);
  const edit = c.edit;
  if (edit.kind === 'script') return undefined;
  if (edit.kind === 'list') {
    if (current && current.origin === 'command-line') {
      const last = current.occurrences[current.occurrences.length - 1]!;
      if (last.valuePath !== last.path) return [{ op: 'replace', path: last.valuePath, value }];
      const dash = last.raw && !last.raw.startsWith('--') ? '-' : '--';
      return [{ op: 'replace', path: last.path, value: `${dash}${name}=${value}` }];
    }
    if (current && current.origin === 'environment') {
      const last = current.occurrences[current.occurrences.length - 1]!;
      return [{ op: 'replace', path: last.valuePath, value }];
    }
    return [{ op: 'add', path: [...edit.listPath, edit.listLength], value: `--${name}=${value}` }];
  }
  // kubeadm
  if (current && current.origin === 'kubeadm') {
    const last = current.occurrences[current.occurrences.length - 1]!;
    if (last.valuePath === last.path && edit.argList) return [{ op: 'add', path: [...last.path, 'value'], value }];
    return [{ op: 'replace', path: last.valuePath, value }];
  }
  if (Array.isArray(edit.extraArgs))
    return [{ op: 'add', path: [...edit.extraArgsPath, edit.extraArgs.length], value: { name, value } }];
  if (isRecord(edit.extraArgs)) return [{ op: 'add', path: [...edit.extraArgsPath, name], value }];
  return [{ op: 'add', path: edit.extraArgsPath, value: edit.argList ? [{ name, value }] : { [name]: value } }];
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

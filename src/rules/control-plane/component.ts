/**
 * Recognises control-plane and node configuration documents by their content: static pods of
 * kube-apiserver, kube-controller-manager, kube-scheduler and etcd (by the binary their container
 * runs), kubeadm ClusterConfiguration, KubeletConfiguration, EncryptionConfiguration, audit Policy,
 * AuthenticationConfiguration, AuthorizationConfiguration and kubeconfig files. Kinds such as
 * `Policy` and `Config` are common names, so the API group (or, for kubeconfig, the shape) decides.
 */
import { apiGroup, containersOf, isRecord, type ContainerRef, type KubeObject } from '../../core/objects.js';
import type { Path } from '../../core/path.js';

export const COMPONENTS = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd'] as const;
export type Component = (typeof COMPONENTS)[number];

type Obj = Pick<KubeObject, 'id' | 'value'>;

export type ConfigDocument =
  | 'static-pod'
  | 'kubeadm-cluster-configuration'
  | 'kubelet-configuration'
  | 'encryption-configuration'
  | 'audit-policy'
  | 'authentication-configuration'
  | 'authorization-configuration'
  | 'kubeconfig';

/** What a document is, or undefined when it is none of the files this family checks. */
export function configDocumentOf(obj: Obj): ConfigDocument | undefined {
  if (obj.id.kind === 'Pod') return controlPlaneContainers(obj).length > 0 ? 'static-pod' : undefined;
  if (isKubeadmClusterConfiguration(obj)) return 'kubeadm-cluster-configuration';
  if (isKubeletConfiguration(obj)) return 'kubelet-configuration';
  if (isEncryptionConfiguration(obj)) return 'encryption-configuration';
  if (isAuditPolicy(obj)) return 'audit-policy';
  if (isAuthenticationConfiguration(obj)) return 'authentication-configuration';
  if (isAuthorizationConfiguration(obj)) return 'authorization-configuration';
  if (isKubeconfig(obj)) return 'kubeconfig';
  return undefined;
}

/** kubeadm.k8s.io ClusterConfiguration (v1beta3 keeps extraArgs as a map, v1beta4 as a list). */
export function isKubeadmClusterConfiguration(obj: Obj): boolean {
  return obj.id.kind === 'ClusterConfiguration' && apiGroup(obj.id.apiVersion) === 'kubeadm.k8s.io';
}

/** v1beta4 and later write extraArgs as a list of {name, value}. */
export function kubeadmUsesArgList(obj: Obj): boolean {
  const version = obj.id.apiVersion.split('/')[1] ?? '';
  const m = /^v1beta(\d+)$/.exec(version);
  return !m || Number(m[1]) >= 4;
}

export function isKubeletConfiguration(obj: Obj): boolean {
  return obj.id.kind === 'KubeletConfiguration' && apiGroup(obj.id.apiVersion) === 'kubelet.config.k8s.io';
}

export function isEncryptionConfiguration(obj: Obj): boolean {
  return obj.id.kind === 'EncryptionConfiguration' && apiGroup(obj.id.apiVersion) === 'apiserver.config.k8s.io';
}

/** An audit policy (audit.k8s.io); `Policy` alone is also a Kyverno, Istio... kind. */
export function isAuditPolicy(obj: Obj): boolean {
  return obj.id.kind === 'Policy' && apiGroup(obj.id.apiVersion) === 'audit.k8s.io';
}

export function isAuthenticationConfiguration(obj: Obj): boolean {
  return obj.id.kind === 'AuthenticationConfiguration' && apiGroup(obj.id.apiVersion) === 'apiserver.config.k8s.io';
}

export function isAuthorizationConfiguration(obj: Obj): boolean {
  return obj.id.kind === 'AuthorizationConfiguration' && apiGroup(obj.id.apiVersion) === 'apiserver.config.k8s.io';
}

/** A kubeconfig file: apiVersion v1, kind Config, with users/clusters/contexts lists. */
export function isKubeconfig(obj: Obj): boolean {
  if (obj.id.kind !== 'Config' || obj.id.apiVersion !== 'v1') return false;
  const v = obj.value;
  return Array.isArray(v.users) || Array.isArray(v.clusters) || Array.isArray(v.contexts);
}

// ---------------------------------------------------------------------------------------------
// Static pods: which container runs which component

/** One string of a container's command or args, with its path. */
export interface Token {
  text: string;
  path: Path;
}

export interface ControlPlaneContainer {
  component: Component;
  container: ContainerRef;
  /** The command-line arguments after the binary, in order. */
  args: readonly Token[];
  /** The list new flags are appended to (command or args); undefined when the command is a shell
   *  script (flags inside a script string cannot be edited as list entries). */
  listPath: Path | undefined;
  /** Length of that list (where an appended flag goes). */
  listLength: number;
  /** Flags come from a `sh -c` script: every token points at the script string. */
  script: boolean;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
const HYPERKUBE_NAMES: Readonly<Record<string, Component>> = {
  apiserver: 'kube-apiserver',
  'kube-apiserver': 'kube-apiserver',
  'controller-manager': 'kube-controller-manager',
  'kube-controller-manager': 'kube-controller-manager',
  scheduler: 'kube-scheduler',
  'kube-scheduler': 'kube-scheduler',
};

/** `/usr/local/bin/kube-apiserver` -> `kube-apiserver`; `kube-apiserver.exe` too. */
function binaryName(s: string): string {
  const base = s.split(/[\\/]/).pop() ?? s;
  return base.replace(/\.exe$/i, '');
}

function asComponent(name: string): Component | undefined {
  return (COMPONENTS as readonly string[]).includes(name) ? (name as Component) : undefined;
}

/** The component an image is built for: `registry.k8s.io/kube-apiserver:v1.31.0` -> kube-apiserver,
 *  `quay.io/coreos/etcd:v3.5` -> etcd (repository name, arch suffixes like `-amd64` ignored). */
function imageComponent(image: unknown): Component | undefined {
  if (typeof image !== 'string') return undefined;
  const noDigest = image.split('@')[0] ?? image;
  const lastSlash = noDigest.lastIndexOf('/');
  const repoAndTag = noDigest.slice(lastSlash + 1);
  const repo = repoAndTag.split(':')[0] ?? repoAndTag;
  return asComponent(repo.replace(/-(amd64|arm64|arm|ppc64le|s390x)$/, ''));
}

function tokensOf(c: ContainerRef, field: 'command' | 'args'): Token[] {
  const list = c.container[field];
  if (!Array.isArray(list)) return [];
  const out: Token[] = [];
  list.forEach((t: unknown, i) => {
    if (typeof t === 'string') out.push({ text: t, path: [...c.path, field, i] });
  });
  return out;
}

/** Splits a shell script into words (quotes respected; no expansion). */
export function shellWords(script: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < script.length; i++) {
    const ch = script[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < script.length) cur += script[++i];
      else cur += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < script.length) {
      const next = script[++i]!;
      if (next !== '\n') {
        cur += next;
        inWord = true;
      }
    } else if (/\s/.test(ch) || ch === ';' || ch === '&' || ch === '|') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

function recognise(c: ContainerRef, image: unknown): ControlPlaneContainer | undefined {
  const command = tokensOf(c, 'command');
  const args = tokensOf(c, 'args');
  const all = [...command, ...args];
  const listFor = (): { listPath: Path; listLength: number } => {
    const field = args.length > 0 ? 'args' : 'command';
    const list = c.container[field];
    return { listPath: [...c.path, field], listLength: Array.isArray(list) ? list.length : 0 };
  };
  if (all.length === 0) return undefined;
  const first = binaryName(all[0]!.text);

  // sh -c "exec kube-apiserver --flag=..."
  if (SHELLS.has(first)) {
    const dashC = all.findIndex((t, i) => i > 0 && t.text === '-c');
    const script = dashC >= 0 ? all[dashC + 1] : undefined;
    if (!script) return undefined;
    const words = shellWords(script.text);
    for (let i = 0; i < words.length; i++) {
      const component = asComponent(binaryName(words[i]!));
      if (!component) continue;
      const rest: Token[] = [];
      for (const w of words.slice(i + 1)) rest.push({ text: w, path: script.path });
      return { component, container: c, args: rest, listPath: undefined, listLength: 0, script: true };
    }
    return undefined;
  }

  const direct = asComponent(first);
  if (direct) return { component: direct, container: c, args: all.slice(1), ...listFor(), script: false };

  if (first === 'hyperkube' && all.length > 1) {
    const component = HYPERKUBE_NAMES[all[1]!.text];
    if (component) return { component, container: c, args: all.slice(2), ...listFor(), script: false };
  }

  // No command: the image's entrypoint runs, and args are its flags.
  if (command.length === 0 && args[0]?.text.startsWith('-')) {
    const component = imageComponent(image);
    if (component) return { component, container: c, args, ...listFor(), script: false };
  }
  return undefined;
}

const recognised = new WeakMap<object, readonly ControlPlaneContainer[]>();

/** The containers of a Pod that run a control-plane component (static pods are Pods). */
export function controlPlaneContainers(obj: Obj): readonly ControlPlaneContainer[] {
  if (obj.id.kind !== 'Pod') return [];
  const cached = recognised.get(obj.value);
  if (cached) return cached;
  const out: ControlPlaneContainer[] = [];
  for (const c of containersOf(obj, ['containers'])) {
    const r = recognise(c, c.container.image);
    if (r) out.push(r);
  }
  recognised.set(obj.value, out);
  return out;
}

/** Reads a record field, or undefined. */
export function recordAt(v: unknown, ...keys: string[]): Record<string, unknown> | undefined {
  let cur: unknown = v;
  for (const k of keys) cur = isRecord(cur) ? cur[k] : undefined;
  return isRecord(cur) ? (cur as Record<string, unknown>) : undefined;
}

/** The deepest existing node of a path in a value (where to report a missing field). */
export function nearestExisting(value: unknown, path: readonly (string | number)[]): Path {
  let cur: unknown = value;
  const out: (string | number)[] = [];
  for (const seg of path) {
    const next = isRecord(cur) ? cur[seg as string] : Array.isArray(cur) ? cur[seg as number] : undefined;
    if (next === undefined || next === null) break;
    out.push(seg);
    cur = next;
  }
  return out;
}

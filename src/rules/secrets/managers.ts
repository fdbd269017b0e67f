/**
 * External secret managers: which Secrets of the input a manager produces, which workloads get
 * their secrets from one, and which Secret manifests are encrypted in the file.
 *
 * How each manager is credited:
 *  - External Secrets Operator: an ExternalSecret (external-secrets.io) in the Secret's namespace
 *    whose spec.target.name (default: the ExternalSecret's name) is the Secret, unless its
 *    creationPolicy is None; a ClusterExternalSecret whose target (externalSecretSpec.target.name,
 *    else externalSecretName, else its name) is the Secret, in the namespaces it lists
 *    (spec.namespaces) or, with a namespace selector, in any namespace; the legacy
 *    kubernetes-external-secrets ExternalSecret (kubernetes-client.io), which writes a Secret of its
 *    own name.
 *  - Sealed Secrets: a SealedSecret (bitnami.com) of the same namespace and name.
 *  - Secrets Store CSI driver: a SecretProviderClass (secrets-store.csi.x-k8s.io) of the namespace
 *    whose spec.secretObjects[].secretName is the Secret (any provider: azure, aws, gcp, vault...);
 *    for workloads, a `csi` volume of driver secrets-store.csi.k8s.io.
 *  - Vault: a Vault Secrets Operator resource (secrets.hashicorp.com VaultStaticSecret,
 *    VaultDynamicSecret, VaultPKISecret, HCPVaultSecretsApp) whose spec.destination.name is the
 *    Secret; for workloads, the Vault Agent Injector annotation vault.hashicorp.com/agent-inject
 *    parsing as true (Go strconv.ParseBool, as the injector reads it).
 *  - Exported from a cluster: a Secret whose ownerReferences name one of the kinds above, or that
 *    carries the CSI driver's secrets-store.csi.k8s.io/managed label.
 */
import type { ObjectIndex } from '../../core/index.js';
import { annotationsOf, apiGroup, isRecord, labelsOf, podTemplateOf, str, type KubeObject } from '../../core/objects.js';

const ESO = 'external-secrets.io';
const KES = 'kubernetes-client.io';
const SEALED = 'bitnami.com';
const CSI = 'secrets-store.csi.x-k8s.io';
const VSO = 'secrets.hashicorp.com';
export const CSI_DRIVER = 'secrets-store.csi.k8s.io';
export const VAULT_INJECT = 'vault.hashicorp.com/agent-inject';
export const PALISADE_ENCRYPTION = 'palisade.dev/encryption';

const VSO_KINDS = ['VaultStaticSecret', 'VaultDynamicSecret', 'VaultPKISecret', 'HCPVaultSecretsApp'];

/** Kinds whose objects produce Secrets. Index rules that credit managers list them in `related`
 *  so that the engine indexes them. */
export const MANAGER_KINDS: readonly string[] = [
  'ExternalSecret',
  'ClusterExternalSecret',
  'SealedSecret',
  'SecretProviderClass',
  ...VSO_KINDS,
];

const MANAGER_GROUPS: Readonly<Record<string, readonly string[]>> = {
  ExternalSecret: [ESO, KES],
  ClusterExternalSecret: [ESO],
  SealedSecret: [SEALED],
  SecretProviderClass: [CSI],
  SecretProviderClassPodStatus: [CSI],
  ...Object.fromEntries(VSO_KINDS.map((k) => [k, [VSO]])),
};

/** True for a Kubernetes Secret (core v1), the only kind the secrets rules judge as a Secret. */
export function isCoreSecret(obj: Pick<KubeObject, 'id'>): boolean {
  return obj.id.kind === 'Secret' && apiGroup(obj.id.apiVersion) === '';
}

// ---------------------------------------------------------------------------------------------
// Secrets produced by managers in the input

interface Producers {
  size: number;
  /** "ns\0name" -> "ExternalSecret shop/db". */
  exact: Map<string, string>;
  /** name -> producer, for ClusterExternalSecrets that select namespaces by labels. */
  anyNamespace: Map<string, string>;
}

const producersByIndex = new WeakMap<ObjectIndex, Producers>();
const nsKey = (ns: string | undefined, name: string) => `${ns ?? ''}\u0000${name}`;
const rec = (v: unknown) => (isRecord(v) ? v : {});

function isManager(obj: KubeObject): boolean {
  return MANAGER_GROUPS[obj.id.kind]?.includes(apiGroup(obj.id.apiVersion)) ?? false;
}

/** Built once per index (linear in the manager objects), rebuilt if the index grew. */
function producers(index: ObjectIndex): Producers {
  const cached = producersByIndex.get(index);
  if (cached && cached.size === index.size) return cached;
  const p: Producers = { size: index.size, exact: new Map(), anyNamespace: new Map() };
  const add = (ns: string | undefined, name: string | undefined, by: string) => {
    if (name && !p.exact.has(nsKey(ns, name))) p.exact.set(nsKey(ns, name), by);
  };
  // ClusterExternalSecret is cluster-scoped (core does not list it, so it reads as namespaced).
  const label = (o: KubeObject) =>
    `${o.id.kind} ${o.id.namespace && o.id.kind !== 'ClusterExternalSecret' ? `${o.id.namespace}/` : ''}${o.id.name}`;

  for (const o of index.ofKind('ExternalSecret')) {
    if (!isManager(o)) continue;
    const spec = rec(o.value.spec);
    if (apiGroup(o.id.apiVersion) === KES) {
      add(o.id.namespace, o.id.name, label(o));
      continue;
    }
    const target = rec(spec.target);
    if (target.creationPolicy === 'None') continue;
    add(o.id.namespace, str(target.name) || o.id.name, label(o));
  }
  for (const o of index.ofKind('ClusterExternalSecret')) {
    if (!isManager(o)) continue;
    const spec = rec(o.value.spec);
    const esSpec = rec(spec.externalSecretSpec);
    const target = rec(esSpec.target);
    if (target.creationPolicy === 'None') continue;
    const name = str(target.name) || str(spec.externalSecretName) || o.id.name;
    const namespaces = Array.isArray(spec.namespaces) ? spec.namespaces.filter((n): n is string => typeof n === 'string') : [];
    const selects = spec.namespaceSelector !== undefined || spec.namespaceSelectors !== undefined;
    for (const ns of namespaces) add(ns, name, label(o));
    if (selects && !p.anyNamespace.has(name)) p.anyNamespace.set(name, label(o));
  }
  for (const o of index.ofKind('SealedSecret')) if (isManager(o)) add(o.id.namespace, o.id.name, label(o));
  for (const o of index.ofKind('SecretProviderClass')) {
    if (!isManager(o)) continue;
    const spec = rec(o.value.spec);
    const provider = str(spec.provider);
    const objects = Array.isArray(spec.secretObjects) ? spec.secretObjects : [];
    for (const so of objects)
      add(o.id.namespace, str(rec(so).secretName), `${label(o)}${provider ? ` (provider ${provider})` : ''}`);
  }
  for (const kind of VSO_KINDS)
    for (const o of index.ofKind(kind))
      if (isManager(o)) add(o.id.namespace, str(rec(rec(o.value.spec).destination).name), label(o));

  producersByIndex.set(index, p);
  return p;
}

/** What produces this Secret, when a manager does: "ExternalSecret shop/db", "SealedSecret
 *  shop/db", "SecretProviderClass shop/kv (provider azure)", "ownerReference ExternalSecret db". */
export function secretProducer(secret: KubeObject, index: ObjectIndex): string | undefined {
  const meta = rec(secret.value.metadata);
  const owners = Array.isArray(meta.ownerReferences) ? meta.ownerReferences : [];
  for (const ref of owners) {
    const r = rec(ref);
    const kind = str(r.kind);
    const group = apiGroup(str(r.apiVersion) ?? '');
    if (kind && MANAGER_GROUPS[kind]?.includes(group)) return `its owner ${kind} "${str(r.name) ?? ''}"`;
  }
  if (labelsOf(meta)['secrets-store.csi.k8s.io/managed'] === 'true') return 'the Secrets Store CSI driver (managed label)';
  const p = producers(index);
  return p.exact.get(nsKey(secret.id.namespace, secret.id.name)) ?? p.anyNamespace.get(secret.id.name);
}

// ---------------------------------------------------------------------------------------------
// Workloads whose secrets come from a manager

/** Go's strconv.ParseBool true values (how the Vault injector reads its annotation). */
export function parseGoBool(v: string | undefined): boolean {
  return v !== undefined && ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v);
}

/** The manager a pod-bearing object takes secrets from: the Vault Agent Injector or a Secrets
 *  Store CSI volume; undefined when neither. */
export function workloadSecretManager(obj: Pick<KubeObject, 'id' | 'value'>): string | undefined {
  const tpl = podTemplateOf(obj);
  if (!tpl) return undefined;
  if (parseGoBool(annotationsOf(tpl.metadata)[VAULT_INJECT])) return `the Vault Agent Injector (${VAULT_INJECT})`;
  const volumes = Array.isArray(tpl.spec.volumes) ? tpl.spec.volumes : [];
  for (const v of volumes) {
    const csi = rec(rec(v).csi);
    if (csi.driver === CSI_DRIVER) {
      const spc = str(rec(csi.volumeAttributes).secretProviderClass);
      return `the Secrets Store CSI driver${spc ? ` (SecretProviderClass "${spc}")` : ''}`;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Encrypted manifests

/** A Secret manifest encrypted as a whole: SOPS metadata (top-level `sops:`) or Palisade's
 *  annotation (issue 8). Individual values are recognised by `encryptionOf` in detectors.ts. */
export function manifestEncryption(obj: Pick<KubeObject, 'value'>): 'SOPS' | 'Palisade' | undefined {
  if (isRecord(obj.value.sops)) return 'SOPS';
  if (annotationsOf(obj.value.metadata)[PALISADE_ENCRYPTION] !== undefined) return 'Palisade';
  return undefined;
}

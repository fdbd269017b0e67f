/**
 * The install (`palisade webhook manifests`): a hardened Deployment of the webhook behind a
 * Service, and the webhook configurations that send it exactly the resources its rules judge.
 * The output must pass `palisade scan` with nothing at high or above (a test holds it to that).
 */
import { stringify } from 'yaml';
import type { AnyRule } from '../core/rule.js';
import { VERSION } from '../version.js';
import { runsAtAdmission } from './admit.js';
import { SERVICE_ACCOUNT_DIR } from './kube-api.js';
import { DEFAULT_POLICY } from './policy.js';

export interface ManifestOptions {
  namespace: string;
  /** PEM of the CA that signed the serving certificate (`webhook certs` wrote it as ca.crt). */
  caBundle?: string;
  image?: string;
  replicas?: number;
  /** The webhook's config file, mounted from a ConfigMap. */
  config?: string;
  /** Namespaces never sent to the webhook (besides its own). */
  exemptNamespaces?: readonly string[];
  exemptUsers?: readonly string[];
  exemptGroups?: readonly string[];
  /** Run with `--namespace-informer`: RBAC to watch Namespaces, a token for it, egress to the API server. */
  namespaceInformer?: boolean;
  rules: readonly AnyRule[];
}

export const NAME = 'palisade-webhook';
export const TLS_SECRET = 'palisade-webhook-tls';
const PORT = 8443;
const LABELS = { 'app.kubernetes.io/name': NAME, 'app.kubernetes.io/part-of': 'palisade' };

export const DEFAULT_WEBHOOK_CONFIG = `# Palisade webhook config: .palisade.yaml keys (rules, exclude, exceptions...) plus webhook:
webhook:
  defaults: { enforce: high, warn: low, audit: info }
  failureMode: allow
  exempt: { namespaces: [kube-system] }
`;

/** kubectl's pluralisation of a kind, which is how built-in resources are named. */
export function resourceOf(kind: string): string {
  const k = kind.toLowerCase();
  if (/(s|x|z|ch|sh)$/.test(k)) return `${k}es`;
  if (/[^aeiou]y$/.test(k)) return `${k.slice(0, -1)}ies`;
  return `${k}s`;
}

/** The resources worth sending: those some rule that runs at admission targets. */
export function admissionResources(rules: readonly AnyRule[]): string[] {
  const kinds = new Set<string>();
  for (const r of rules) {
    if (!runsAtAdmission(r)) continue;
    if (r.meta.targets === '*') return ['*'];
    for (const k of r.meta.targets) kinds.add(k);
  }
  return [...kinds].map(resourceOf).sort();
}

function cel(list: readonly string[]): string {
  return `[${list.map((s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ')}]`;
}

export function manifestObjects(o: ManifestOptions): Record<string, unknown>[] {
  const ns = o.namespace;
  const image = o.image ?? `ghcr.io/palisade-dev/palisade:${VERSION}`;
  const exemptNamespaces = [...new Set([...(o.exemptNamespaces ?? DEFAULT_POLICY.exempt.namespaces), ns])];
  const meta = (name: string, namespaced = true) => ({ name, ...(namespaced ? { namespace: ns } : {}), labels: LABELS });
  const caBundle = o.caBundle ? Buffer.from(o.caBundle).toString('base64') : undefined;

  const podSecurity = {
    runAsNonRoot: true,
    runAsUser: 65532,
    runAsGroup: 65532,
    fsGroup: 65532,
    seccompProfile: { type: 'RuntimeDefault' },
  };
  const probe = (path: string, period: number) => ({
    httpGet: { path, port: 'https', scheme: 'HTTPS' },
    periodSeconds: period,
    timeoutSeconds: 2,
    failureThreshold: 3,
  });
  // The informer's credentials, mounted explicitly where in-cluster clients look: the same
  // projection the kubelet would automount, but only into this container and only with the informer.
  const apiAccessVolume = {
    name: 'kube-api-access',
    projected: {
      defaultMode: 0o440,
      sources: [
        { serviceAccountToken: { path: 'token', expirationSeconds: 3607 } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  };
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(NAME),
    spec: {
      replicas: Math.max(2, o.replicas ?? 2),
      revisionHistoryLimit: 5,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      selector: { matchLabels: LABELS },
      template: {
        metadata: { labels: LABELS },
        spec: {
          serviceAccountName: NAME,
          automountServiceAccountToken: false,
          // Above the shutdown delay plus the drain timeout, so SIGKILL never cuts a review.
          terminationGracePeriodSeconds: 30,
          securityContext: podSecurity,
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                {
                  weight: 100,
                  podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: LABELS } },
                },
              ],
            },
          },
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'topology.kubernetes.io/zone',
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: LABELS },
            },
          ],
          containers: [
            {
              name: 'webhook',
              image,
              imagePullPolicy: 'IfNotPresent',
              args: [
                'webhook',
                'serve',
                '--port',
                String(PORT),
                '--tls-cert',
                '/tls/tls.crt',
                '--tls-key',
                '/tls/tls.key',
                '--config',
                '/config/webhook.yaml',
                ...(o.namespaceInformer ? ['--namespace-informer'] : []),
              ],
              ports: [{ name: 'https', containerPort: PORT, protocol: 'TCP' }],
              startupProbe: probe('/readyz', 2),
              readinessProbe: probe('/readyz', 5),
              livenessProbe: probe('/healthz', 10),
              resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '256Mi' } },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                runAsNonRoot: true,
                capabilities: { drop: ['ALL'] },
                seccompProfile: { type: 'RuntimeDefault' },
              },
              volumeMounts: [
                { name: 'tls', mountPath: '/tls', readOnly: true },
                { name: 'config', mountPath: '/config', readOnly: true },
                ...(o.namespaceInformer ? [{ name: 'kube-api-access', mountPath: SERVICE_ACCOUNT_DIR, readOnly: true }] : []),
              ],
            },
          ],
          volumes: [
            { name: 'tls', secret: { secretName: TLS_SECRET, defaultMode: 0o440 } },
            { name: 'config', configMap: { name: NAME } },
            ...(o.namespaceInformer ? [apiAccessVolume] : []),
          ],
        },
      },
    },
  };

  const webhook = (kind: 'validate' | 'mutate') => ({
    name: `${kind}.palisade.dev`,
    admissionReviewVersions: ['v1'],
    sideEffects: 'None',
    timeoutSeconds: 5,
    // Validation fails closed (exempt namespaces keep the control plane and the webhook itself
    // out of the loop); a missed mutation is caught by validation, so it fails open.
    failurePolicy: kind === 'validate' ? 'Fail' : 'Ignore',
    ...(kind === 'mutate' ? { reinvocationPolicy: 'IfNeeded' } : {}),
    matchPolicy: 'Equivalent',
    clientConfig: {
      service: { name: NAME, namespace: ns, path: `/${kind}`, port: 443 },
      ...(caBundle ? { caBundle } : {}),
    },
    rules: [
      {
        operations: ['CREATE', 'UPDATE'],
        apiGroups: ['*'],
        apiVersions: ['*'],
        resources: admissionResources(o.rules),
        scope: '*',
      },
    ],
    namespaceSelector: {
      matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: exemptNamespaces }],
    },
    matchConditions: [
      // Kubelets create mirror pods of static pods; denying those hides running pods from the API.
      { name: 'not-a-node', expression: "!request.userInfo.username.startsWith('system:node:')" },
      ...(o.exemptUsers?.length
        ? [{ name: 'not-an-exempt-user', expression: `!(request.userInfo.username in ${cel(o.exemptUsers)})` }]
        : []),
      ...(o.exemptGroups?.length
        ? [{ name: 'not-an-exempt-group', expression: `!request.userInfo.groups.exists(g, g in ${cel(o.exemptGroups)})` }]
        : []),
    ],
  });

  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: ns,
        labels: {
          ...LABELS,
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/enforce-version': 'latest',
        },
      },
    },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(NAME), automountServiceAccountToken: false },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(NAME), data: { 'webhook.yaml': o.config ?? DEFAULT_WEBHOOK_CONFIG } },
    deployment,
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: meta(NAME),
      spec: { minAvailable: 1, selector: { matchLabels: LABELS }, unhealthyPodEvictionPolicy: 'AlwaysAllow' },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(NAME),
      spec: { type: 'ClusterIP', selector: LABELS, ports: [{ name: 'https', port: 443, targetPort: 'https', protocol: 'TCP' }] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta(NAME),
      spec: {
        podSelector: { matchLabels: LABELS },
        policyTypes: ['Ingress', 'Egress'],
        // The API server (and Prometheus, the kubelet's probes) reach the pods from addresses a
        // policy cannot name portably: open the one port, nothing else. No egress is needed.
        ingress: [{ ports: [{ port: PORT, protocol: 'TCP' }] }],
        // The informer talks to the API server only; its endpoints' addresses differ per cluster,
        // so the ports are what is pinned (443 for the Service, 6443 for typical endpoints).
        egress: o.namespaceInformer
          ? [
              {
                ports: [
                  { port: 443, protocol: 'TCP' },
                  { port: 6443, protocol: 'TCP' },
                ],
              },
            ]
          : [],
      },
    },
    ...(o.namespaceInformer ? informerRbac(ns, meta(NAME).labels) : []),
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: { name: 'palisade', labels: LABELS },
      webhooks: [webhook('validate')],
    },
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingWebhookConfiguration',
      metadata: { name: 'palisade', labels: LABELS },
      webhooks: [webhook('mutate')],
    },
  ];
}

/** Read access to Namespaces (their labels), nothing else. */
function informerRbac(ns: string, labels: Record<string, string>): Record<string, unknown>[] {
  const name = `${NAME}-namespaces`;
  return [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name, labels },
      rules: [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects: [{ kind: 'ServiceAccount', name: NAME, namespace: ns }],
    },
  ];
}

export function manifestsYaml(o: ManifestOptions): string {
  const head =
    `# Palisade admission webhook ${VERSION}. Before applying: create the serving certificate\n` +
    `#   palisade webhook certs --out certs --service ${NAME} --namespace ${o.namespace}\n` +
    `#   kubectl -n ${o.namespace} create secret tls ${TLS_SECRET} --cert certs/tls.crt --key certs/tls.key\n` +
    `# and pass --ca-bundle certs/ca.crt to this command. Requires Kubernetes 1.30+ (matchConditions).\n`;
  return (
    head +
    manifestObjects(o)
      .map((d) => `---\n${stringify(d, { lineWidth: 0 })}`)
      .join('')
  );
}

import { isRecord, POD_BEARING_KINDS, podTemplateOf, type KubeObject } from '../../core/objects.js';
import type { Path } from '../../core/path.js';
import { defineRule } from '../../core/rule.js';
import { governable, policiesGoverning, policySelects, podViewOf, POLICY_KINDS } from './policies.js';

export default defineRule({
  meta: {
    id: 'workload-not-covered-by-network-policy',
    title: 'Workloads must be selected by a NetworkPolicy',
    severity: 'medium',
    category: 'network',
    // Policy kinds are targets so that the index holds them; only pod-bearing objects are reported.
    targets: [...POD_BEARING_KINDS, ...POLICY_KINDS],
    needs: 'index',
    scope:
      'Runs only for namespaces that have at least one policy in the input (namespaces without any are reported once by ' +
      'namespace-without-network-policy). A workload is covered when a Kubernetes NetworkPolicy, Calico NetworkPolicy or ' +
      'CiliumNetworkPolicy of its namespace, or a Calico GlobalNetworkPolicy or CiliumClusterwideNetworkPolicy, selects ' +
      "its pod template's labels; a Calico or Cilium selector that depends on labels the input does not hold (namespace " +
      'labels without the Namespace object, cluster names) counts as selecting. PodTemplates, hostNetwork pods (policies ' +
      'do not apply to them) and objects owned by a controller (ReplicaSets of a Deployment, Pods of a ReplicaSet) are ' +
      'skipped; their owner is reported instead.',
    controls: [
      { framework: 'cis-k8s', id: '5.3.2' },
      { framework: 'nsa', id: 'nsa-network-policies' },
      { framework: 'soc2', id: 'CC6.6' },
    ],
    description:
      'A pod that no NetworkPolicy selects is not isolated: it accepts connections from every pod of the cluster and can ' +
      'open connections anywhere, even in a namespace whose other workloads are locked down. This usually happens when ' +
      "policies select pods by label and a new workload's labels match none of them.",
    remediation:
      'Add a default-deny policy for the namespace (podSelector: {}), or a NetworkPolicy whose podSelector matches the pod ' +
      "template's labels and allows only the traffic the workload needs.",
    references: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/#isolated-and-non-isolated-pods'],
  },
  check(obj, ctx) {
    if (!POD_BEARING_KINDS.includes(obj.id.kind) || !governable(obj) || ownedByController(obj)) return;
    const ns = obj.id.namespace;
    if (!ns) return;
    const policies = policiesGoverning(ctx.index, ns);
    if (policies.length === 0) return;
    const pod = podViewOf(ctx.index, obj);
    if (policies.some((p) => policySelects(ctx.index, p, pod) !== false)) return;
    const labels = pod.labels === 'unknown' ? {} : pod.labels;
    const shown = Object.entries(labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    const count = policies.length === 1 ? 'its one policy selects' : `its ${policies.length} policies select`;
    ctx.report({
      path: labelsPath(obj),
      message:
        `no NetworkPolicy selects these pods (${shown ? `labels ${shown}` : 'no labels'}): ${count} other pods of namespace ` +
        `"${ns}", so these accept connections from, and can connect to, any pod in the cluster`,
    });
  },
});

function ownedByController(obj: KubeObject): boolean {
  const meta = obj.value.metadata;
  const refs = isRecord(meta) && Array.isArray(meta.ownerReferences) ? meta.ownerReferences : [];
  return refs.some((r) => isRecord(r) && r.controller === true);
}

/** The pod template's labels when written, else its metadata, else the template itself. */
function labelsPath(obj: KubeObject): Path {
  const tpl = podTemplateOf(obj);
  if (!tpl) return [];
  let holder: unknown = obj.value;
  for (const seg of tpl.path) holder = isRecord(holder) ? holder[seg] : undefined;
  const meta = isRecord(holder) ? holder.metadata : undefined;
  if (isRecord(meta) && isRecord(meta.labels)) return [...tpl.path, 'metadata', 'labels'];
  if (isRecord(meta)) return [...tpl.path, 'metadata'];
  return tpl.path.length > 0 ? tpl.path : tpl.specPath;
}

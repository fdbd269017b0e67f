import { isRecord, labelsOf, podTemplateOf } from '../../core/objects.js';
import type { PatchOp } from '../../core/rule.js';
import { defineRule } from '../../core/rule.js';
import { matches, parseLabelSelector } from '../../core/selectors.js';
import { declaredReplicas, getRecord, HOSTNAME_KEY, listOf, spreadTerms } from './spreading.js';

const PREFERRED = 'preferredDuringSchedulingIgnoredDuringExecution';

export default defineRule({
  meta: {
    id: 'pod-anti-affinity',
    title: 'Multi-replica workloads should spread their pods over nodes',
    severity: 'medium',
    category: 'availability',
    targets: ['Deployment', 'StatefulSet'],
    needs: 'object',
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    options: {
      topologyKeys: {
        type: 'string[]',
        default: [HOSTNAME_KEY] as readonly string[],
        description: 'Node-level topology keys that count as spreading over nodes (add your own node label if you use one).',
      },
    },
    description:
      'Replicas only protect against a node failure, drain or upgrade when they run on different nodes. Without pod ' +
      'anti-affinity or a topology spread constraint on kubernetes.io/hostname the scheduler may place several, or all, ' +
      "replicas on one node (the cluster's built-in default spreading is soft, allows a skew of 3, and is dropped as soon as " +
      'the pod sets any topologySpreadConstraints). Applies to Deployments and StatefulSets with spec.replicas >= 2 (unset ' +
      'is 1; a workload whose replica count is left to an HPA is judged by spec.replicas). Any required or preferred ' +
      "anti-affinity term or spread constraint on the topology key counts; whether it selects the workload's own pods is " +
      "checked by spread-selector-mismatch. Like kube-linter's no-anti-affinity, but topology spread constraints count too.",
    remediation:
      'Add a topologySpreadConstraint {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, ' +
      'labelSelector: <the workload selector>} or a preferred podAntiAffinity term on kubernetes.io/hostname that selects the ' +
      "workload's own pods. The fix adds the latter (soft, so it never leaves pods pending).",
    references: [
      'https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/',
      'https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity',
    ],
  },
  check(obj, ctx) {
    const r = declaredReplicas(obj);
    if (!r || r.replicas < 2) return;
    const tpl = podTemplateOf(obj);
    if (!tpl) return;
    const keys = ctx.options.topologyKeys;
    if (spreadTerms(tpl).some((t) => t.topologyKey !== undefined && keys.includes(t.topologyKey))) return;
    ctx.report({
      path: tpl.specPath,
      message:
        `runs ${r.replicas} replicas with nothing spreading them over nodes: ` +
        `add podAntiAffinity or a topologySpreadConstraint on ${keys.join(' or ') || HOSTNAME_KEY}`,
    });
  },
  fix(obj, _finding, options) {
    // A preferred anti-affinity term on the workload's own selector: soft, so it never blocks
    // scheduling, and unlike a spread constraint it keeps the cluster's default spreading.
    const tpl = podTemplateOf(obj);
    const selector = isRecord(obj.value.spec) ? obj.value.spec.selector : undefined;
    if (!tpl || !isRecord(selector)) return undefined;
    const parsed = parseLabelSelector(selector);
    if (parsed.error || parsed.everything || !matches(parsed, labelsOf(tpl.metadata))) return undefined;
    const term = {
      weight: 100,
      podAffinityTerm: { labelSelector: selector, topologyKey: options.topologyKeys[0] ?? HOSTNAME_KEY },
    };
    const path = [...tpl.specPath, 'affinity', 'podAntiAffinity', PREFERRED];
    const existing = getRecord(tpl.spec, 'affinity', 'podAntiAffinity')?.[PREFERRED];
    const op: PatchOp = Array.isArray(existing)
      ? { op: 'add', path: [...path, listOf(existing).length], value: term }
      : { op: 'add', path, value: [term] };
    return [op];
  },
});

import { podTemplateOf } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import { declaredReplicas, spreadTerms, ZONE_KEYS } from './spreading.js';

export default defineRule({
  meta: {
    id: 'zone-spread',
    title: 'Multi-replica workloads should spread their pods over zones',
    severity: 'low',
    category: 'availability',
    targets: ['Deployment', 'StatefulSet'],
    needs: 'object',
    optIn: true,
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    options: {
      topologyKeys: {
        type: 'string[]',
        default: ZONE_KEYS,
        description: 'Topology keys that count as spreading over zones.',
      },
    },
    description:
      'In a multi-zone cluster, replicas that all land in one zone go down together with that zone. A topology spread ' +
      'constraint (or pod anti-affinity) on topology.kubernetes.io/zone keeps them apart. Opt-in, since single-zone clusters ' +
      'have nothing to spread over. Applies to Deployments and StatefulSets with spec.replicas >= 2 (unset is 1). Any ' +
      'anti-affinity term or spread constraint on a zone key counts (the deprecated failure-domain.beta.kubernetes.io/zone ' +
      "too); whether it selects the workload's own pods is checked by spread-selector-mismatch.",
    remediation:
      'Add a topologySpreadConstraint {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ' +
      'ScheduleAnyway, labelSelector: <the workload selector>}. Setting any spread constraint replaces the cluster defaults, ' +
      'so add one on kubernetes.io/hostname as well.',
    references: ['https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/'],
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
      message: `runs ${r.replicas} replicas with nothing spreading them over zones: add a topologySpreadConstraint on ${keys[0] ?? ZONE_KEYS[0]}`,
    });
  },
});

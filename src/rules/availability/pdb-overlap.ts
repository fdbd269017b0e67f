import { describeObject, type KubeObject } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import { isPdb, PDB_KIND, selectedWorkloads, specOf } from './disruption.js';

/** Input order of the PDBs, built once per scan (the index's list is complete when index rules run). */
const positionCache = new WeakMap<readonly KubeObject[], Map<KubeObject, number>>();
function positions(all: readonly KubeObject[]): Map<KubeObject, number> {
  let map = positionCache.get(all);
  if (!map || map.size !== all.length) positionCache.set(all, (map = new Map(all.map((p, i) => [p, i] as const))));
  return map;
}

export default defineRule({
  meta: {
    id: 'pdb-overlap',
    title: 'A pod must not be selected by more than one PodDisruptionBudget',
    severity: 'high',
    category: 'availability',
    targets: [PDB_KIND],
    needs: 'index',
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    scope:
      'Two PDBs overlap when both select the pod template labels of a workload of the input in their namespace (policy/v1 ' +
      'selector semantics: an empty selector selects every pod of the namespace). Each overlapping pair is reported once, ' +
      'on the PDB that comes later in the input, naming the earlier ones.',
    description:
      'The eviction API refuses to evict a pod that more than one PodDisruptionBudget selects ("This pod has more than one ' +
      'PodDisruptionBudget, which the eviction subresource does not support"), whatever either budget allows. Such pods ' +
      'can never be evicted: kubectl drain fails on them, and the cluster autoscaler cannot remove their nodes. Overlaps ' +
      'usually come from a catch-all PDB next to per-application ones, or from two charts that each ship a PDB.',
    remediation:
      'Make the selectors disjoint, so that each pod is selected by exactly one PDB; delete the redundant PDB, or narrow a ' +
      'catch-all selector with matchExpressions.',
    references: ['https://kubernetes.io/docs/concepts/workloads/pods/disruptions/#pod-disruption-budgets'],
  },
  check(obj, ctx) {
    if (!isPdb(obj) || !specOf(obj)) return;
    const position = positions(ctx.index.ofKind(PDB_KIND));
    const mine = position.get(obj) ?? -1;
    /** Earlier PDB -> the first workload both select. */
    const earlier = new Map<KubeObject, KubeObject>();
    for (const workload of selectedWorkloads(ctx.index, obj)) {
      for (const other of ctx.index.selecting('PodDisruptionBudget', workload)) {
        if (other === obj || !isPdb(other) || (position.get(other) ?? Infinity) >= mine) continue;
        // The same PDB given twice is a duplicate object, not an overlap.
        if (other.id.namespace === obj.id.namespace && other.id.name === obj.id.name) continue;
        if (!earlier.has(other)) earlier.set(other, workload);
      }
    }
    if (earlier.size === 0) return;
    const overlaps = [...earlier].map(
      ([pdb, w]) => `${describeObject(pdb.id)} (both select the pods of ${describeObject(w.id)})`,
    );
    ctx.report({
      path: specOf(obj)?.selector !== undefined ? ['spec', 'selector'] : ['spec'],
      message: `selects the same pods as ${overlaps.join(', ')}: the eviction API refuses to evict a pod covered by more than one PodDisruptionBudget, so node drains and cluster-autoscaler scale-down stall on them`,
    });
  },
});

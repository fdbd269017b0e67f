import { isRecord } from '../../core/objects.js';
import type { Path } from '../../core/path.js';
import { defineRule } from '../../core/rule.js';
import { effectiveReplicas, isPdb, plural } from './disruption.js';

export default defineRule({
  meta: {
    id: 'pdb-missing',
    title: 'Multi-replica workloads must be covered by a PodDisruptionBudget',
    severity: 'medium',
    category: 'availability',
    targets: ['Deployment', 'StatefulSet'],
    needs: 'index',
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    scope:
      'A workload is covered when a PodDisruptionBudget of the input, in its namespace, selects its pod template labels. ' +
      'The finding is reported even when the input holds no PodDisruptionBudget at all: a Deployment file checked in CI ' +
      'without its PDB is what this rule is for. Suppress it (or disable the rule) where PDBs are managed elsewhere. ' +
      'Replicas are the minReplicas of an HPA of the input that scales the workload, else spec.replicas (default 1).',
    description:
      'Without a PodDisruptionBudget nothing stops voluntary disruptions (node drains during upgrades, cluster-autoscaler ' +
      'scale-down, kubectl drain) from evicting every replica of a workload at the same time: the replicas that were meant ' +
      'to keep it available go down together. A PDB makes the eviction API keep enough of them running.',
    remediation:
      "Add a PodDisruptionBudget (policy/v1) in the same namespace with the workload's selector and maxUnavailable: 1 (or a " +
      'minAvailable below the replica count).',
    references: [
      'https://kubernetes.io/docs/concepts/workloads/pods/disruptions/',
      'https://kubernetes.io/docs/tasks/run-application/configure-pdb/',
    ],
  },
  check(obj, ctx) {
    const r = effectiveReplicas(ctx.index, obj);
    if (!r || r.count < 2) return;
    if (ctx.index.selecting('PodDisruptionBudget', obj).some(isPdb)) return;
    const spec = isRecord(obj.value.spec) ? obj.value.spec : undefined;
    const path: Path = spec ? (isRecord(spec.selector) ? ['spec', 'selector'] : ['spec']) : [];
    const runs = r.hpa ? `runs at least ${plural(r.count, 'replica')} (HPA minReplicas)` : `runs ${plural(r.count, 'replica')}`;
    ctx.report({
      path,
      message: `${runs} and no PodDisruptionBudget in the input selects its pods: a node drain or autoscaler scale-down may evict all of them at once`,
    });
  },
});

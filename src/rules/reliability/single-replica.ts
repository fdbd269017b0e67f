import { describeObject, isRecord, type KubeObject } from '../../core/objects.js';
import type { Path } from '../../core/path.js';
import { defineRule } from '../../core/rule.js';

/** The lowest replica count any HPA in the input lets the workload scale down to, with that HPA. */
function hpaFloor(scalers: readonly KubeObject[]): { hpa: KubeObject; min: number } | undefined {
  let floor: { hpa: KubeObject; min: number } | undefined;
  for (const hpa of scalers) {
    if (hpa.id.kind !== 'HorizontalPodAutoscaler') continue;
    const spec = isRecord(hpa.value.spec) ? hpa.value.spec : {};
    // minReplicas defaults to 1.
    const min = typeof spec.minReplicas === 'number' ? spec.minReplicas : 1;
    if (!floor || min < floor.min) floor = { hpa, min };
  }
  return floor;
}

export default defineRule({
  meta: {
    id: 'single-replica',
    title: 'Deployments and StatefulSets must run more than one replica',
    severity: 'medium',
    category: 'reliability',
    targets: ['Deployment', 'StatefulSet'],
    needs: 'index',
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    options: {
      minReplicas: {
        type: 'number',
        default: 2,
        min: 1,
        integer: true,
        description: 'The fewest replicas a Deployment or StatefulSet (or the minReplicas of its HPA) may have.',
      },
    },
    scope:
      'HorizontalPodAutoscalers are looked up in the same scan; a workload scaled by an HPA that is not part of the input is ' +
      'judged by its own spec.replicas. Workloads scaled to zero (replicas: 0) are considered switched off and skipped.',
    description:
      'With a single replica every node drain, eviction, rollout or crash is an outage: nothing serves while the one pod is ' +
      'replaced. Two or more replicas (spread over nodes, with a PodDisruptionBudget) keep the workload available. When a ' +
      'HorizontalPodAutoscaler scales the workload, its minReplicas is what counts.',
    remediation:
      'Set spec.replicas to at least 2 (or the configured minimum), or, when an HPA scales the workload, its spec.minReplicas.',
    references: ['https://kubernetes.io/docs/concepts/workloads/pods/disruptions/'],
  },
  check(obj, ctx) {
    const spec = isRecord(obj.value.spec) ? obj.value.spec : undefined;
    const hasReplicas = spec !== undefined && Object.hasOwn(spec, 'replicas') && spec.replicas !== null;
    const path: Path = hasReplicas ? ['spec', 'replicas'] : spec ? ['spec'] : [];
    const want = ctx.options.minReplicas;

    const floor = hpaFloor(ctx.index.scalersOf(obj));
    if (floor) {
      if (floor.min < want) {
        ctx.report({
          path,
          message: `${describeObject(floor.hpa.id)} scales it down to ${floor.min} replica${floor.min === 1 ? '' : 's'} (minReplicas); at least ${want} keep it available`,
        });
      }
      return;
    }

    const replicas = hasReplicas ? spec.replicas : 1;
    if (typeof replicas !== 'number' || !Number.isInteger(replicas)) {
      ctx.report({ path, message: `spec.replicas ${JSON.stringify(replicas)} is not a whole number` });
      return;
    }
    if (replicas === 0 || replicas >= want) return;
    ctx.report({
      path,
      message: hasReplicas
        ? `runs ${replicas} replica${replicas === 1 ? '' : 's'}; at least ${want} keep it available through drains and crashes`
        : `runs 1 replica (spec.replicas is unset); at least ${want} keep it available through drains and crashes`,
    });
  },
});

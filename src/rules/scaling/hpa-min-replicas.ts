import { defineRule } from '../../core/rule.js';
import { HPA_KIND, hpaMinReplicas, isHpa, plural, specOf, specPath } from './autoscalers.js';

export default defineRule({
  meta: {
    id: 'hpa-min-replicas',
    title: 'HorizontalPodAutoscalers must keep at least two replicas',
    severity: 'medium',
    category: 'scaling',
    targets: [HPA_KIND],
    needs: 'object',
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    options: {
      minReplicas: {
        type: 'number',
        default: 2,
        min: 1,
        integer: true,
        description: 'The lowest spec.minReplicas an HPA may have.',
      },
    },
    description:
      'An HPA scales its workload down to spec.minReplicas (1 when unset) whenever load is low, typically every night. At one ' +
      'replica every node drain, eviction, rollout or crash is an outage, and the first request after a quiet period meets ' +
      'a single cold pod. The single-replica rule reports the same floor on the workload, when the workload is in the input.',
    remediation: 'Set spec.minReplicas to at least 2 (or the configured minimum).',
    references: ['https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/'],
  },
  check(obj, ctx) {
    if (!isHpa(obj)) return;
    const want = ctx.options.minReplicas;
    const spec = specOf(obj);
    const path = specPath(obj, 'minReplicas');
    const min = hpaMinReplicas(obj);
    if (min === undefined) {
      ctx.report({ path, message: `spec.minReplicas ${JSON.stringify(spec?.minReplicas)} is not a whole number` });
      return;
    }
    if (min >= want) return;
    const set = path.length === 2;
    ctx.report({
      path,
      message:
        `scales its target down to ${plural(min, 'replica')}` +
        `${set ? '' : ' (spec.minReplicas is unset and defaults to 1)'}${min === 0 ? ' (scale to zero)' : ''}; ` +
        `at least ${want} keep it available through drains and crashes`,
    });
  },
});

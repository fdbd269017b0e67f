import { defineRule } from '../../core/rule.js';
import { HPA_KIND, hpaMinReplicas, isHpa, specOf, specPath } from './autoscalers.js';

export default defineRule({
  meta: {
    id: 'hpa-max-not-above-min',
    title: 'HorizontalPodAutoscalers must have room to scale (maxReplicas above minReplicas)',
    severity: 'medium',
    category: 'scaling',
    targets: [HPA_KIND],
    needs: 'object',
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    description:
      'With spec.maxReplicas equal to spec.minReplicas (1 when unset) the HPA can never change the replica count: it looks ' +
      'like autoscaling in review and in dashboards, but the workload runs at a fixed size under any load. A maxReplicas ' +
      'below minReplicas, or a missing one, is rejected by the API server.',
    remediation:
      'Set spec.maxReplicas above spec.minReplicas, to the most replicas the workload (and its dependencies) can take; or, ' +
      'if a fixed size is intended, delete the HPA and set spec.replicas on the workload.',
    references: ['https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/'],
  },
  check(obj, ctx) {
    if (!isHpa(obj)) return;
    const spec = specOf(obj);
    const path = specPath(obj, 'maxReplicas');
    const max = spec?.maxReplicas;
    if (typeof max !== 'number' || !Number.isInteger(max)) {
      ctx.report({
        path,
        message:
          max === undefined || max === null
            ? 'spec.maxReplicas is not set (the API server rejects an HPA without it)'
            : `spec.maxReplicas ${JSON.stringify(max)} is not a whole number`,
      });
      return;
    }
    const min = hpaMinReplicas(obj);
    if (min === undefined || max > min) return;
    const minText = specPath(obj, 'minReplicas').length === 2 ? `spec.minReplicas (${min})` : 'spec.minReplicas (unset: 1)';
    ctx.report({
      path,
      message:
        max === min
          ? `spec.maxReplicas (${max}) equals ${minText}: the HPA can never change the replica count`
          : `spec.maxReplicas (${max}) is below ${minText}: the API server rejects this HPA`,
    });
  },
});

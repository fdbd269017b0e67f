import { containerLabel, describeObject, podTemplateOf } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import {
  containerRequests,
  HPA_KIND,
  hpaResourceMetrics,
  isHpa,
  limitRangeDefault,
  podLevelRequests,
  scaledContainers,
} from './autoscalers.js';

const RESOURCES: ReadonlySet<string> = new Set(['cpu', 'memory']);

export default defineRule({
  meta: {
    id: 'hpa-metric-without-requests',
    title: "HPA utilization metrics need requests on the target's containers",
    severity: 'high',
    category: 'scaling',
    targets: [HPA_KIND],
    needs: 'index',
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    scope:
      'Judged only when the target workload is in the input. A LimitRange of the namespace in the input that defaults the ' +
      'request (defaultRequest or default) counts as setting it; a LimitRange that exists only in the cluster is not seen ' +
      'when scanning files.',
    description:
      'A Resource or ContainerResource metric with target type Utilization (and autoscaling/v1 ' +
      'targetCPUUtilizationPercentage, and the default metric of an HPA without metrics: 80% CPU) is a percentage of the ' +
      "pods' requests. Kubernetes sums the requests of every regular container and native sidecar (or reads the named " +
      'container for ContainerResource); when one of them has no request for the resource the HPA cannot compute ' +
      'utilization at all (FailedGetResourceMetric: missing request for cpu) and the workload never scales. A limit ' +
      'without a request counts: Kubernetes defaults the request to it. Pod-level requests (spec.resources) count for ' +
      'pod-wide metrics.',
    remediation:
      "Set resources.requests for the metric's resource on every container and sidecar of the target (or on the named " +
      'container), or scale on an AverageValue target instead of Utilization.',
    references: [
      'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#support-for-resource-metrics',
      'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#container-resource-metrics',
    ],
  },
  check(obj, ctx) {
    if (!isHpa(obj)) return;
    const metrics = hpaResourceMetrics(obj).filter((m) => m.utilization && RESOURCES.has(m.resource));
    if (metrics.length === 0) return;
    const target = ctx.index.scaleTargetOf(obj);
    if (!target || !podTemplateOf(target)) return;
    const containers = scaledContainers(target);
    const targetName = describeObject(target.id);

    for (const m of metrics) {
      if (limitRangeDefault(ctx.index, target.id.namespace, m.resource)) continue;
      const what = `${m.label} scales on ${m.resource} utilization, a percentage of the ${m.resource} requests`;
      if (m.container === undefined) {
        if (podLevelRequests(target, m.resource)) continue;
        const missing = containers.filter((c) => !containerRequests(c.container, m.resource));
        if (missing.length === 0) continue;
        ctx.report({
          path: m.path,
          message: `${what}, but ${targetName} sets no ${m.resource} request on ${missing.map(containerLabel).join(', ')}: the HPA cannot compute utilization and does not scale`,
        });
        continue;
      }
      const c = containers.find((x) => x.name === m.container);
      if (!c) {
        ctx.report({
          path: m.path,
          message: `${m.label} reads container "${m.container}", which ${targetName} does not run: the HPA cannot compute utilization and does not scale`,
        });
      } else if (!containerRequests(c.container, m.resource)) {
        ctx.report({
          path: m.path,
          message: `${what} of ${containerLabel(c)}, which sets no ${m.resource} request in ${targetName}: the HPA cannot compute utilization and does not scale`,
        });
      }
    }
  },
});

import { POD_BEARING_KINDS } from '../../core/objects.js';
import { compareQuantities } from '../../core/quantity.js';
import { defineRule } from '../../core/rule.js';
import { podLevelResources, quantityOf, RESOURCE_LABEL, resourceContainers, shown, type ResourceName } from './resources.js';

const COMPARED: readonly ResourceName[] = ['cpu', 'memory', 'ephemeral-storage'];

export default defineRule({
  meta: {
    id: 'requests-exceed-limits',
    title: 'Resource requests must not exceed limits',
    severity: 'high',
    category: 'resources',
    targets: POD_BEARING_KINDS,
    needs: 'object',
    controls: [],
    description:
      'Kubernetes rejects a pod whose request for a resource is above its limit, so a workload with such a template never ' +
      "gets its pods created: the rollout stalls with the error only visible in the controller's events. " +
      'Pod-level resources (spec.resources) are held to the same rule.',
    remediation:
      'Lower the request or raise the limit so that requests are at most the limits for cpu, memory and ephemeral-storage.',
    references: ['https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/'],
  },
  check(obj, ctx) {
    const pod = podLevelResources(obj);
    for (const holder of pod ? [pod, ...resourceContainers(obj)] : resourceContainers(obj)) {
      for (const name of COMPARED) {
        const req = quantityOf(holder, 'requests', name);
        const lim = quantityOf(holder, 'limits', name);
        // Unparseable values are reported by the rules that read them; nothing to compare here.
        if (!req.present || !lim.present || !req.parsed.ok || !lim.parsed.ok) continue;
        if (compareQuantities(req.parsed.value, lim.parsed.value) > 0) {
          ctx.report({
            path: req.path,
            message: `${holder.label} requests ${shown(req.raw)} ${RESOURCE_LABEL[name]}, above its limit of ${shown(lim.raw)}`,
          });
        }
      }
    }
  },
});

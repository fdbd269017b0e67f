import { POD_BEARING_KINDS } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import { checkLimitSet } from './resources.js';

export default defineRule({
  meta: {
    id: 'container-cpu-limit',
    title: 'Containers must set a CPU limit',
    severity: 'low',
    category: 'resources',
    targets: POD_BEARING_KINDS,
    needs: 'object',
    optIn: true,
    controls: [],
    description:
      'A CPU limit caps how much CPU a container may burn, which bounds noisy neighbours and runaway loops and is required ' +
      'for the Guaranteed QoS class. It is opt-in because many teams omit CPU limits on purpose: CPU is compressible, the ' +
      'CPU request already guarantees each container its share, and limits cause throttling latency even on idle nodes.',
    remediation:
      'Set resources.limits.cpu on every container (or spec.resources.limits.cpu for the whole pod), or leave this rule off ' +
      'if your policy relies on CPU requests alone.',
    references: ['https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/'],
  },
  check(obj, ctx) {
    checkLimitSet(obj, (f) => ctx.report(f), 'cpu');
  },
});

import { POD_BEARING_KINDS } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import { checkLimitSet } from './resources.js';

export default defineRule({
  meta: {
    id: 'container-memory-limit',
    title: 'Containers must set a memory limit',
    severity: 'medium',
    category: 'resources',
    targets: POD_BEARING_KINDS,
    needs: 'object',
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    description:
      'Memory cannot be throttled: a container without a memory limit can grow until the node runs out, and then the kernel ' +
      'or the kubelet kills or evicts other pods on that node. A limit confines a leak or a spike to the container that ' +
      'causes it (it is OOM-killed and restarted). A pod-level limit (spec.resources.limits.memory) covers all its containers.',
    remediation:
      'Set resources.limits.memory on every container, init containers and sidecars included, a little above its peak usage ' +
      '(many teams set it equal to the memory request for predictable behaviour).',
    references: ['https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/'],
  },
  check(obj, ctx) {
    checkLimitSet(obj, (f) => ctx.report(f), 'memory');
  },
});

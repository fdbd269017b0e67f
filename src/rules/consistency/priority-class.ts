import { podTemplateOf, str, WORKLOAD_CONTROLLER_KINDS } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'priority-class',
    title: 'Workloads should set a priorityClassName',
    severity: 'low',
    category: 'consistency',
    targets: WORKLOAD_CONTROLLER_KINDS,
    needs: 'object',
    optIn: true,
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    description:
      'When a cluster runs short of capacity, the scheduler preempts lower-priority pods to place higher-priority ones, and ' +
      'the kubelet evicts by priority under node pressure. Without spec.priorityClassName a pod gets the global default ' +
      'priority (usually 0), the same as batch jobs and experiments, so a critical service can be the one that waits or is ' +
      'evicted. Opt-in: enable it for the namespaces or workloads that are critical (with exclusions for the rest), or ' +
      'where the cluster has no globalDefault PriorityClass.',
    remediation:
      'Create PriorityClasses for your tiers (e.g. business-critical, default, batch) and set spec.priorityClassName in the ' +
      'pod template of critical workloads.',
    references: ['https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/'],
  },
  check(obj, ctx) {
    const tpl = podTemplateOf(obj);
    if (!tpl || str(tpl.spec.priorityClassName)) return;
    ctx.report({
      path: tpl.specPath,
      message: 'sets no priorityClassName: under capacity pressure its pods are preempted or evicted like any batch pod',
    });
  },
});

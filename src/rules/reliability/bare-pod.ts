import { isRecord } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'bare-pod',
    title: 'Pods should be managed by a controller',
    severity: 'medium',
    category: 'reliability',
    targets: ['Pod'],
    needs: 'object',
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    description:
      'A Pod created directly is not rescheduled when its node fails or is drained, and is not replaced when it is evicted: ' +
      'it simply disappears. Deployments, StatefulSets, DaemonSets and Jobs recreate their pods. Pods with ownerReferences ' +
      '(created by a controller) and static pods of the control plane are not reported.',
    remediation: 'Run the workload as a Deployment (or StatefulSet, DaemonSet, Job) with this pod spec as its template.',
  },
  check(obj, ctx) {
    const meta = isRecord(obj.value.metadata) ? obj.value.metadata : {};
    if (Array.isArray(meta.ownerReferences) && meta.ownerReferences.length > 0) return;
    // Static pods (kubeadm control plane) are managed by the kubelet from files on the node.
    const annotations = isRecord(meta.annotations) ? meta.annotations : {};
    if (annotations['kubernetes.io/config.source'] === 'file' || isStaticControlPlanePod(meta)) return;
    ctx.report({
      path: ['kind'],
      message: 'the Pod is not managed by a controller: it will not be recreated when its node fails or is drained',
    });
  },
});

/** kubeadm's static pods carry `tier: control-plane` in kube-system. */
function isStaticControlPlanePod(meta: Record<string, unknown>): boolean {
  const labels = isRecord(meta.labels) ? meta.labels : {};
  return meta.namespace === 'kube-system' && labels.tier === 'control-plane';
}

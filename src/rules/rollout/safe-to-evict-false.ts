import { annotationsOf, podTemplateOf } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import { declaredReplicas } from '../spreading/spreading.js';

const ANNOTATION = 'cluster-autoscaler.kubernetes.io/safe-to-evict';

export default defineRule({
  meta: {
    id: 'safe-to-evict-false',
    title: 'Long-running pods should not block cluster-autoscaler scale-down',
    severity: 'low',
    category: 'reliability',
    targets: ['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'],
    needs: 'object',
    controls: [],
    description:
      'The cluster autoscaler never removes a node that runs a pod annotated cluster-autoscaler.kubernetes.io/safe-to-evict: ' +
      '"false". On pods that run for good (Deployments, StatefulSets, ReplicaSets) that pins every node they land on: the ' +
      'cluster cannot shrink, and node upgrades that rely on scale-down stall. A PodDisruptionBudget expresses "not too ' +
      'many at once" without pinning nodes. Jobs and CronJobs (which finish, and are what the annotation is meant for), ' +
      'DaemonSets (the autoscaler ignores their pods) and bare Pods (never evicted anyway) are not reported.',
    remediation:
      'Remove the annotation from the pod template and protect the workload with a PodDisruptionBudget (and enough ' +
      'replicas) instead.',
    references: [
      'https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/FAQ.md#what-types-of-pods-can-prevent-ca-from-removing-a-node',
    ],
  },
  check(obj, ctx) {
    const tpl = podTemplateOf(obj);
    if (!tpl || annotationsOf(tpl.metadata)[ANNOTATION] !== 'false') return;
    const r = declaredReplicas(obj);
    if (r?.set && r.replicas === 0) return;
    ctx.report({
      path: [...tpl.path, 'metadata', 'annotations', ANNOTATION],
      message: `the pods carry ${ANNOTATION}: "false", so the cluster autoscaler never removes a node that runs one of them`,
    });
  },
});

import { defineRule } from '../../core/rule.js';
import { isVpa, VPA_KIND } from './autoscalers.js';
import { checkTarget } from './targets.js';

export default defineRule({
  meta: {
    id: 'vpa-target-missing',
    title: 'VerticalPodAutoscalers must target a workload that exists',
    severity: 'medium',
    category: 'scaling',
    targets: [VPA_KIND],
    needs: 'index',
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    scope:
      'Applies to autoscaling.k8s.io VerticalPodAutoscalers. The target (Deployment, StatefulSet, DaemonSet, ReplicaSet, ' +
      'ReplicationController, Job or CronJob, by kind and name in the VPA namespace) is reported missing only when the input ' +
      'could hold it: the scan covers the whole cluster, or the input holds workloads (pod-bearing objects) of that ' +
      'namespace. Targets of other kinds (custom resources) are never reported missing. A Pod target is reported wherever it ' +
      'is, as the VPA needs a controller.',
    description:
      'A VPA whose targetRef names a workload that does not exist recommends and updates nothing (its status says ' +
      'ConfigUnsupported): the workload it was meant for keeps the requests it was written with, usually too much or too ' +
      'little.',
    remediation:
      "Point spec.targetRef (apiVersion, kind, name) at the workload the VPA is meant to size, in the VPA's namespace, or " +
      'delete the VPA.',
    references: ['https://github.com/kubernetes/autoscaler/tree/master/vertical-pod-autoscaler'],
  },
  check(obj, ctx) {
    if (!isVpa(obj)) return;
    checkTarget(
      obj,
      ctx.index,
      {
        checkable: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'],
        unsupported: {
          Pod: 'the VPA does not support: it needs a controller that recreates the pods (target that controller)',
        },
      },
      ctx.report,
    );
  },
});

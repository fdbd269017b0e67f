import { defineRule } from '../../core/rule.js';
import { HPA_KIND, isHpa } from './autoscalers.js';
import { checkTarget } from './targets.js';

export default defineRule({
  meta: {
    id: 'hpa-target-missing',
    title: 'HorizontalPodAutoscalers must target a workload that exists',
    severity: 'medium',
    category: 'scaling',
    targets: [HPA_KIND],
    needs: 'index',
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    scope:
      'The target (Deployment, StatefulSet, ReplicaSet or ReplicationController, by kind and name in the HPA namespace) is ' +
      'reported missing only when the input could hold it: the scan covers the whole cluster, or the input holds workloads ' +
      '(pod-bearing objects) of that namespace. An HPA scanned alone, or next to workloads of other namespaces only, is not ' +
      'judged. Targets of other kinds (custom resources with a scale subresource, such as Argo Rollouts) are never reported ' +
      'missing. A target that is a DaemonSet, Job, CronJob or Pod is reported wherever it is, as the HPA cannot scale those. ' +
      'Known limit: a Deployment that an operator creates (not in the input) is reported missing when other workloads share ' +
      'the namespace; suppress the finding with the reason.',
    description:
      'An HPA whose scaleTargetRef names a workload that does not exist (a typo, a renamed Deployment, the wrong kind) scales ' +
      'nothing: the workload it was meant for runs at a fixed size and the HPA only reports FailedGetScale events, which ' +
      'nobody reads until the next traffic peak.',
    remediation:
      'Point spec.scaleTargetRef (apiVersion, kind, name) at the Deployment or StatefulSet the HPA is meant to scale, in the ' +
      "HPA's namespace, or delete the HPA.",
    references: ['https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/'],
  },
  check(obj, ctx) {
    if (!isHpa(obj)) return;
    checkTarget(
      obj,
      ctx.index,
      {
        checkable: ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'],
        unsupported: {
          DaemonSet: 'has no scale subresource: an HPA cannot scale it (a DaemonSet runs one pod per node)',
          Job: 'has no scale subresource: an HPA cannot scale it',
          CronJob: 'has no scale subresource: an HPA cannot scale it',
          Pod: 'has no scale subresource: an HPA cannot scale it (target the controller that manages the pod)',
        },
      },
      ctx.report,
    );
  },
});

import { describeObject, isRecord } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import { isHpa } from './autoscalers.js';

export default defineRule({
  meta: {
    id: 'replicas-with-hpa',
    title: 'Workloads scaled by an HPA should not set spec.replicas',
    severity: 'low',
    category: 'scaling',
    targets: ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'],
    needs: 'index',
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    scope:
      'Judged when the HPA that targets the workload is in the input. A workload with spec.replicas: 0 is considered ' +
      'switched off (the HPA does not scale a workload at zero replicas) and is skipped.',
    description:
      'The HPA owns the replica count of its target. A manifest that also sets spec.replicas resets the count to that value ' +
      'on every kubectl apply, Helm upgrade or GitOps sync: a workload scaled out for a traffic peak drops back to the ' +
      'manifest value until the HPA reacts again, and Argo CD or Flux show the workload out of sync whenever the HPA has ' +
      'acted.',
    remediation:
      'Remove spec.replicas from the manifest and let the HPA minReplicas set the floor. When migrating a live workload ' +
      'with kubectl apply, first remove the field from the last-applied configuration ' +
      '(kubectl apply edit-last-applied), or the next apply resets the Deployment to 1 replica for a moment.',
    references: [
      'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling',
    ],
  },
  check(obj, ctx) {
    const spec = isRecord(obj.value.spec) ? obj.value.spec : undefined;
    if (!spec || !Object.hasOwn(spec, 'replicas') || spec.replicas === null || spec.replicas === 0) return;
    const hpas = ctx.index.scalersOf(obj).filter(isHpa);
    if (hpas.length === 0) return;
    ctx.report({
      path: ['spec', 'replicas'],
      message: `sets spec.replicas (${JSON.stringify(spec.replicas)}) while ${hpas.map((h) => describeObject(h.id)).join(' and ')} scales it: every apply or sync resets the replica count the HPA chose`,
    });
  },
  fix(_obj, finding) {
    return [{ op: 'remove', path: finding.path }];
  },
});

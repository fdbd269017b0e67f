import { describeObject, isRecord, str } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import { matches, parseMapSelector } from '../../core/selectors.js';

export default defineRule({
  meta: {
    id: 'statefulset-headless-service',
    title: 'A StatefulSet must be governed by a headless Service',
    severity: 'medium',
    category: 'reliability',
    targets: ['StatefulSet'],
    needs: 'index',
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    scope:
      "The Service named by spec.serviceName is looked up in the StatefulSet's namespace among the scanned objects. It is " +
      'reported missing only when the input holds other Services of that namespace, or the scan reads a live cluster ' +
      '(world "cluster"); otherwise it may be managed elsewhere. A StatefulSet without serviceName is not checked.',
    description:
      'A StatefulSet gives each pod a stable network identity (<pod>.<serviceName>.<namespace>.svc) through the headless ' +
      'Service (clusterIP: None) named in spec.serviceName. When that Service does not exist, is not headless, or does not ' +
      "select the StatefulSet's pods, those DNS names do not resolve, and clustered software that finds its peers by them " +
      '(databases, Kafka, ZooKeeper, Elasticsearch) cannot form a cluster.',
    remediation:
      'Create a Service with clusterIP: None, the name given in spec.serviceName, and a selector matching the pod template ' +
      'labels (publishNotReadyAddresses: true if peers must find each other before they are ready).',
    references: [
      'https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-network-id',
      'https://kubernetes.io/docs/concepts/services-networking/service/#headless-services',
    ],
  },
  check(obj, ctx) {
    const spec = isRecord(obj.value.spec) ? obj.value.spec : undefined;
    const name = str(spec?.serviceName);
    const ns = obj.id.namespace;
    if (!name || !ns) return;
    const path = ['spec', 'serviceName'];
    const svc = ctx.index.get('Service', ns, name);
    if (!svc) {
      if (ctx.index.world !== 'cluster' && ctx.index.ofKindIn('Service', ns).length === 0) return;
      ctx.report({
        path,
        message: `serviceName "${name}" names no Service in namespace ${ns}${ctx.index.world === 'cluster' ? '' : ' among the scanned objects'}: the pods get no stable DNS names`,
      });
      return;
    }
    const svcSpec = isRecord(svc.value.spec) ? svc.value.spec : {};
    if (svcSpec.clusterIP !== 'None') {
      ctx.report({
        path,
        message: `${describeObject(svc.id)} is not headless (it needs clusterIP: None): the pods get no stable DNS names`,
      });
      return;
    }
    // A Service without a selector has manually managed endpoints: nothing to judge.
    if (!isRecord(svcSpec.selector) || Object.keys(svcSpec.selector).length === 0) return;
    if (!matches(parseMapSelector(svcSpec.selector), ctx.index.podLabels(obj))) {
      ctx.report({
        path,
        message: `${describeObject(svc.id)} does not select the StatefulSet's pods: the pods get no stable DNS names`,
      });
    }
  },
});

import { isRecord } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import { parseMapSelector } from '../../core/selectors.js';
import { formatLabels } from '../spreading/spreading.js';

export default defineRule({
  meta: {
    id: 'service-selects-nothing',
    title: 'A Service selector must match some pods',
    severity: 'medium',
    category: 'consistency',
    targets: ['Service'],
    needs: 'index',
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    options: {
      ignoredLabels: {
        type: 'string[]',
        default: [] as readonly string[],
        description:
          'Selector keys to leave out of the match (labels that tooling outside the manifests adds to pods and selectors).',
      },
    },
    scope:
      'Looks for pod-bearing objects (Pods, Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs, ...) in the ' +
      "Service's namespace among the scanned objects. Only concludes when the input holds pod-bearing objects of that " +
      'namespace, or the scan reads a live cluster (world "cluster"); a file with only a Service is not judged. Pods created ' +
      'by operators or by custom workload kinds (Argo Rollouts, Knative, ...) are not seen: suppress the rule for such ' +
      'Services.',
    description:
      'A Service whose selector matches no pods has no endpoints: every connection to it fails or times out. It usually ' +
      'means a typo or a label renamed on one side only. Services without a selector (manually managed endpoints) and ' +
      "ExternalName Services are not checked. Like kube-linter's dangling-service, but only where the input can tell.",
    remediation: 'Make spec.selector match the labels of the pod template that should serve the Service (and nothing else).',
    references: ['https://kubernetes.io/docs/concepts/services-networking/service/#services-without-selectors'],
  },
  check(obj, ctx) {
    const spec = isRecord(obj.value.spec) ? obj.value.spec : undefined;
    const ns = obj.id.namespace;
    if (!spec || !ns || spec.type === 'ExternalName') return;
    if (!isRecord(spec.selector) || Object.keys(spec.selector).length === 0) return;
    if (ctx.index.world !== 'cluster' && ctx.index.podBearingIn(ns).length === 0) return;
    const ignored = ctx.options.ignoredLabels;
    const kept = Object.fromEntries(Object.entries(spec.selector).filter(([k]) => !ignored.includes(k)));
    if (Object.keys(kept).length === 0) return;
    const selector = parseMapSelector(kept);
    if (selector.error) {
      ctx.report({ path: ['spec', 'selector'], message: `the selector is invalid: ${selector.error}` });
      return;
    }
    if (ctx.index.podsMatching(ns, selector).length > 0) return;
    const shown = formatLabels(Object.fromEntries(Object.entries(kept).map(([k, v]) => [k, String(v)])));
    ctx.report({
      path: ['spec', 'selector'],
      message: `selects no pods: nothing in namespace ${ns}${ctx.index.world === 'cluster' ? '' : ' among the scanned objects'} runs pods labelled ${shown}, so the Service has no endpoints`,
    });
  },
});

import { labelsOf, podTemplateOf } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import { deliberatelyExcludesSelf, podCount, selectsOwnPods, spreadTerms } from './spreading.js';

export default defineRule({
  meta: {
    id: 'spread-selector-mismatch',
    title: "Spread constraints and anti-affinity must select the workload's own pods",
    severity: 'high',
    category: 'availability',
    targets: ['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController', 'Job', 'CronJob'],
    needs: 'object',
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    description:
      'A topology spread constraint or pod anti-affinity term spreads the pods its labelSelector selects. When that selector ' +
      "does not match the workload's own pod template labels (a renamed label, a copy-pasted chart value, a missing " +
      'labelSelector, or a namespaces list without the own namespace), the constraint spreads nothing and the replicas may ' +
      'still share a node or zone, while the manifest looks protected. Topology spread constraints are always checked. An ' +
      'anti-affinity term may deliberately keep pods away from another workload, so anti-affinity terms are checked only ' +
      'when the workload runs two or more pods (replicas, or Job parallelism) and no other anti-affinity term or constraint ' +
      'on the same topology key selects its own pods; terms with mismatchLabelKeys are skipped. Requirements on labels the ' +
      'controllers add at runtime (pod-template-hash, controller-revision-hash, job-name, ...) are not judged.',
    remediation:
      "Make the labelSelector select the workload's own pods, usually by copying spec.selector (or use matchLabelKeys: " +
      '[pod-template-hash] next to it so each rollout is spread on its own).',
    references: ['https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/'],
  },
  check(obj, ctx) {
    const tpl = podTemplateOf(obj);
    if (!tpl) return;
    const labels = labelsOf(tpl.metadata);
    const terms = spreadTerms(tpl);
    const verdicts = terms.map((t) => ({ t, v: selectsOwnPods(t, labels, obj.id.namespace) }));
    const selfSpreadKeys = new Set(verdicts.filter((x) => x.v.ok).map((x) => x.t.topologyKey));
    const pods = podCount(obj) ?? 1;
    for (const { t, v } of verdicts) {
      if (v.ok) continue;
      if (t.kind !== 'constraint') {
        if (deliberatelyExcludesSelf(t) || pods < 2 || selfSpreadKeys.has(t.topologyKey)) continue;
      }
      const what = t.kind === 'constraint' ? 'it spreads nothing' : "it does not keep the workload's replicas apart";
      ctx.report({ path: v.path, message: `${t.label} does not select the workload's own pods, so ${what}: ${v.why}` });
    }
  },
});

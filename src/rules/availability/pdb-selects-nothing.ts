import { defineRule } from '../../core/rule.js';
import { describeSelector, isPdb, PDB_KIND, plural, selectedWorkloads, specOf } from './disruption.js';

export default defineRule({
  meta: {
    id: 'pdb-selects-nothing',
    title: 'PodDisruptionBudgets must select pods',
    severity: 'medium',
    category: 'availability',
    targets: [PDB_KIND],
    needs: 'index',
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    scope:
      'A PDB with no selector, or an invalid one, is reported wherever it is (it selects nothing in any cluster). A valid ' +
      'selector is judged only when the input could hold the pods: the scan covers the whole cluster, or the input holds ' +
      'pod-bearing objects (workloads) of the PDB namespace; their pod template labels are matched with policy/v1 ' +
      'semantics (an empty selector {} selects every pod of the namespace). Known limit: pods an operator creates from a ' +
      'custom resource (Prometheus, Alertmanager, Kafka...) are not in a files scan, so a PDB for them is reported when ' +
      'other workloads share its namespace; suppress it with the reason, or scan the cluster.',
    description:
      'A PodDisruptionBudget protects only the pods its selector matches, in its own namespace. A selector that matches ' +
      'no pod (a label typo, labels changed in the workload but not in the PDB, the PDB in another namespace, or no ' +
      'selector at all, which selects nothing in policy/v1) protects nothing while looking like protection: drains and ' +
      'autoscaler scale-down evict the workload freely.',
    remediation: "Set spec.selector to the workload's selector (the labels of its pod template), in the workload's namespace.",
    references: ['https://kubernetes.io/docs/tasks/run-application/configure-pdb/#specifying-a-poddisruptionbudget'],
  },
  check(obj, ctx) {
    if (!isPdb(obj)) return;
    const spec = specOf(obj);
    const raw = spec?.selector;
    if (raw === undefined || raw === null) {
      ctx.report({
        path: spec ? ['spec'] : [],
        message: 'has no spec.selector: a PodDisruptionBudget without a selector selects no pods',
      });
      return;
    }
    const selector = ctx.index.selectorOf(obj);
    if (selector.error) {
      ctx.report({ path: ['spec', 'selector'], message: `spec.selector is invalid (${selector.error}): it selects no pods` });
      return;
    }
    const ns = obj.id.namespace;
    if (!ns) return;
    const inNamespace = ctx.index.podBearingIn(ns).filter((o) => o.id.kind !== 'PodTemplate');
    if (ctx.index.world !== 'cluster' && inNamespace.length === 0) return;
    if (selectedWorkloads(ctx.index, obj).length > 0) return;
    const where =
      ctx.index.world === 'cluster'
        ? `no pod of namespace "${ns}"`
        : `none of the ${plural(inNamespace.length, 'workload')} of namespace "${ns}" in the input`;
    ctx.report({
      path: ['spec', 'selector'],
      message: `selects no pods: ${where} carries labels matching ${describeSelector(raw)}`,
    });
  },
});

import { defineRule } from '../../core/rule.js';
import {
  budgetPods,
  describeGroups,
  isPdb,
  parseIntOrPercent,
  PDB_KIND,
  plural,
  scaledValue,
  shown,
  specOf,
} from './disruption.js';

const STALL = 'node drains and cluster-autoscaler scale-down stall';

export default defineRule({
  meta: {
    id: 'pdb-blocks-eviction',
    title: 'PodDisruptionBudgets must allow at least one disruption',
    severity: 'high',
    category: 'availability',
    targets: [PDB_KIND],
    needs: 'index',
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    scope:
      'maxUnavailable: 0 (or "0%") and minAvailable: "100%" are reported wherever the PDB is. Otherwise the budget is ' +
      'computed as the disruption controller does, over the workloads of the input the PDB selects, each at its lowest ' +
      'replica count (the minReplicas of its HPA in the input, else spec.replicas); it is not judged when the PDB selects ' +
      'no workload of the input or one whose pod count cannot be told (DaemonSet, Job, CronJob).',
    description:
      'A PodDisruptionBudget that allows no disruption makes the eviction API refuse every eviction of the pods it selects: ' +
      '`kubectl drain` retries forever, cluster upgrades hang on the node, and the cluster autoscaler never removes it. ' +
      'That happens with maxUnavailable 0, minAvailable 100%, an integer minAvailable not below the number of pods (with an ' +
      'HPA, its minReplicas: scaled in, the workload has no pod to spare), and a percentage minAvailable that rounds up to ' +
      'every pod (the disruption controller rounds up: 50% of 1 pod is 1). With maxUnavailable or a percentage, pods ' +
      'without a controller (bare Pods) are not counted as expected, and a budget expecting 0 pods allows nothing.',
    remediation:
      'Use maxUnavailable: 1 (or a minAvailable below the lowest replica count), and run at least 2 replicas; to protect a ' +
      'singleton during planned maintenance, drain deliberately rather than blocking every eviction.',
    references: [
      'https://kubernetes.io/docs/tasks/run-application/configure-pdb/#rounding-logic-when-specifying-percentages',
      'https://kubernetes.io/docs/concepts/workloads/pods/disruptions/',
    ],
  },
  check(obj, ctx) {
    if (!isPdb(obj)) return;
    const spec = specOf(obj);
    if (!spec || ctx.index.selectorOf(obj).nothing) return;

    // The controller reads maxUnavailable first (setting both is rejected by the API server).
    const maxUnavailable = parseIntOrPercent(spec.maxUnavailable);
    const field = maxUnavailable ? 'maxUnavailable' : 'minAvailable';
    const budget = maxUnavailable ?? parseIntOrPercent(spec.minAvailable);
    if (!budget || budget.kind === 'invalid') return;
    const path = ['spec', field];
    const written = `${field} ${shown(spec[field])}`;

    if (maxUnavailable && budget.value === 0) {
      ctx.report({ path, message: `${written} allows no voluntary disruption: no selected pod can be evicted, so ${STALL}` });
      return;
    }
    if (!maxUnavailable && budget.kind === 'percent' && budget.value >= 100) {
      ctx.report({ path, message: `${written} keeps every selected pod: none can be evicted, so ${STALL}` });
      return;
    }

    const pods = budgetPods(ctx.index, obj);
    if (!pods.known || pods.total === 0) return;
    const selects = `the ${plural(pods.total, 'pod')} it selects: ${describeGroups(pods.groups)}`;

    const scaled = maxUnavailable || budget.kind === 'percent';
    if (scaled && pods.expected === 0) {
      ctx.report({
        path,
        message: `with ${written} the disruption controller counts only pods run by a controller, and none of ${selects} is: expecting 0 pods, it allows no eviction, so ${STALL} (use an integer minAvailable)`,
      });
      return;
    }
    // A positive maxUnavailable over pods the controller expects always leaves a disruption.
    if (maxUnavailable) return;
    if (budget.kind === 'int') {
      if (budget.value < pods.total) return;
      ctx.report({ path, message: `${written} is not below ${selects}; no pod can be evicted, so ${STALL}` });
      return;
    }
    const desired = scaledValue(budget, pods.expected);
    if (desired < pods.total) return;
    ctx.report({
      path,
      message: `${written} of ${plural(pods.expected, 'pod')} rounds up to ${desired} (the disruption controller rounds up), which keeps ${selects}; no pod can be evicted, so ${STALL}`,
    });
  },
});

import { isRecord } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'cronjob-concurrency-policy',
    title: 'CronJobs should decide whether runs may overlap',
    severity: 'low',
    category: 'reliability',
    targets: ['CronJob'],
    needs: 'object',
    controls: [],
    description:
      'A CronJob without spec.concurrencyPolicy uses Allow: when a run takes longer than the schedule interval (a slow ' +
      'database, a stuck download), the next run starts next to it, and the runs pile up, compete for the same data and ' +
      'resources, and can process the same work twice. Only an unset policy is reported: an explicit Allow is a decision.',
    remediation:
      'Set spec.concurrencyPolicy: Forbid (skip a run while the previous one is still running) or Replace (stop the old ' +
      'run), or Allow explicitly when overlapping runs are safe; bound each run with jobTemplate.spec.activeDeadlineSeconds.',
    references: ['https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#concurrency-policy'],
  },
  check(obj, ctx) {
    const spec = obj.value.spec;
    if (!isRecord(spec)) return;
    if (spec.concurrencyPolicy !== undefined && spec.concurrencyPolicy !== null) return;
    ctx.report({
      path: ['spec'],
      message: 'sets no concurrencyPolicy, so it defaults to Allow: a run that overruns its schedule overlaps the next one',
    });
  },
});

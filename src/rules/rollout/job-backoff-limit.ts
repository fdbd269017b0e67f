import { isRecord } from '../../core/objects.js';
import type { Path } from '../../core/path.js';
import { defineRule } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'job-backoff-limit',
    title: 'Jobs should set an explicit backoffLimit',
    severity: 'low',
    category: 'reliability',
    targets: ['Job', 'CronJob'],
    needs: 'object',
    optIn: true,
    controls: [],
    description:
      'Without spec.backoffLimit a failing Job is retried 6 times (with exponential back-off up to six minutes) before it is ' +
      'marked failed. For work that is not idempotent (migrations, sending mail, payments) six retries can do damage; for ' +
      'other work six may be too few or too many. Opt-in, since the default is reasonable for many Jobs: enable it to make ' +
      'every team decide. Indexed Jobs with backoffLimitPerIndex are not reported (the per-index limit is the decision).',
    remediation:
      'Set spec.backoffLimit (in a CronJob: spec.jobTemplate.spec.backoffLimit) to the number of retries the work can ' +
      'safely take, 0 for work that must not run twice.',
    references: ['https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-backoff-failure-policy'],
  },
  check(obj, ctx) {
    const path: Path = obj.id.kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec'] : ['spec'];
    let spec: unknown = obj.value;
    for (const seg of path) spec = isRecord(spec) ? spec[seg] : undefined;
    if (!isRecord(spec)) return;
    const set = (v: unknown) => v !== undefined && v !== null;
    if (set(spec.backoffLimit) || set(spec.backoffLimitPerIndex)) return;
    ctx.report({ path, message: 'sets no backoffLimit: a failing run is retried 6 times (the Kubernetes default)' });
  },
});

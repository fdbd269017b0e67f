import { ruleTester } from '../../testing/rule-tester.js';
import rule from './cronjob-concurrency-policy.js';

const jobTemplate = `
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: job, image: x:1}]`;

ruleTester(rule, {
  valid: [
    {
      name: 'Forbid, Replace, or an explicit Allow',
      doc: true,
      yaml: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  schedule: "*/5 * * * *"
  concurrencyPolicy: Forbid${jobTemplate}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: sync}
spec:
  schedule: "*/5 * * * *"
  concurrencyPolicy: Replace${jobTemplate}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: ping}
spec:
  schedule: "* * * * *"
  concurrencyPolicy: Allow${jobTemplate}
`,
    },
  ],
  invalid: [
    {
      name: 'no concurrencyPolicy',
      doc: true,
      yaml: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  schedule: "*/5 * * * *"${jobTemplate}
`,
      findings: [{ path: 'spec', message: 'sets no concurrencyPolicy, so it defaults to Allow' }],
    },
  ],
});

import { ruleTester } from '../../testing/rule-tester.js';
import rule from './job-backoff-limit.js';

const template = `
      template:
        spec:
          restartPolicy: Never
          containers: [{name: job, image: x:1}]`;

ruleTester(rule, {
  valid: [
    {
      name: 'an explicit backoffLimit, also 0; backoffLimitPerIndex',
      doc: true,
      yaml: `
apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers: [{name: migrate, image: x:1}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      backoffLimit: 3${template}
---
apiVersion: batch/v1
kind: Job
metadata: {name: shards}
spec:
  completionMode: Indexed
  completions: 10
  backoffLimitPerIndex: 1
  template:
    spec:
      restartPolicy: Never
      containers: [{name: shard, image: x:1}]
`,
    },
  ],
  invalid: [
    {
      name: 'Job and CronJob without backoffLimit',
      doc: true,
      yaml: `
apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: migrate, image: x:1}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:${template}
`,
      findings: [
        { path: 'spec', message: 'sets no backoffLimit: a failing run is retried 6 times' },
        { path: 'spec.jobTemplate.spec', message: 'sets no backoffLimit' },
      ],
    },
  ],
});

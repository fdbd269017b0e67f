import { ruleTester } from '../../testing/rule-tester.js';
import rule from './job-ttl.js';

const spec = `
  template:
    spec:
      restartPolicy: Never
      containers: [{name: job, image: x:1}]`;

ruleTester(rule, {
  valid: [
    {
      name: 'a Job cleaned up a day after it finishes',
      doc: true,
      yaml: `
apiVersion: batch/v1
kind: Job
metadata: {name: import}
spec:
  ttlSecondsAfterFinished: 86400${spec}
`,
    },
    {
      name: 'Helm and Argo CD hooks, Jobs owned by a CronJob, and CronJobs themselves',
      yaml: `
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
  annotations: {helm.sh/hook: pre-upgrade}
spec:${spec}
---
apiVersion: batch/v1
kind: Job
metadata:
  name: smoke
  annotations: {argocd.argoproj.io/hook: PostSync}
spec:${spec}
---
apiVersion: batch/v1
kind: Job
metadata:
  name: nightly-28999999
  ownerReferences: [{apiVersion: batch/v1, kind: CronJob, name: nightly, uid: 1, controller: true}]
spec:${spec}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:${spec.replace(/\n/g, '\n    ')}
`,
    },
  ],
  invalid: [
    {
      name: 'a Job without ttlSecondsAfterFinished',
      doc: true,
      yaml: `
apiVersion: batch/v1
kind: Job
metadata: {name: import}
spec:
  backoffLimit: 2${spec}
`,
      findings: [{ path: 'spec', message: 'sets no ttlSecondsAfterFinished' }],
    },
  ],
});

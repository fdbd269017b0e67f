import assert from 'node:assert/strict';
import { it } from 'node:test';
import { applyFixes, describeRule, ruleTester } from '../../testing/rule-tester.js';
import rule from './run-as-non-root.js';

ruleTester(rule, {
  valid: [
    {
      name: 'pod-level runAsNonRoot covers every container, init and ephemeral ones included',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {runAsNonRoot: true}
  initContainers: [{name: init, image: x:1}]
  containers: [{name: app, image: x:1, securityContext: {readOnlyRootFilesystem: true}}]
  ephemeralContainers: [{name: debug, image: x:1}]
`,
    },
    {
      name: 'container-level runAsNonRoot (YAML 1.1 "yes" and "on") overrides the pod-level false',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      securityContext: {runAsNonRoot: false}
      containers:
      - {name: a, image: x:1, securityContext: {runAsNonRoot: yes}}
      - {name: b, image: x:1, securityContext: {runAsNonRoot: on}}
`,
    },
    {
      name: 'a non-zero runAsUser, at the pod or the container, runs as non-root',
      yaml: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          securityContext: {runAsUser: 1000}
          initContainers: [{name: init, image: x:1}]
          containers: [{name: job, image: x:1, securityContext: {runAsUser: 65534}}]
`,
    },
    {
      name: 'pod-level runAsUser 0 overridden by every container',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {runAsUser: 0, runAsNonRoot: true}
  containers: [{name: app, image: x:1, securityContext: {runAsUser: 1000}}]
`,
    },
    {
      name: 'Windows pods are exempt',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: win}
spec:
  template:
    spec:
      os: {name: windows}
      containers: [{name: iis, image: iis:1}]
`,
    },
  ],
  invalid: [
    {
      name: 'Deployment without any securityContext',
      doc: true,
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
      - name: web
        image: nginx:1.27
`,
      findings: [
        {
          path: 'spec.template.spec.containers[0]',
          message: 'container "web" may run as root: set securityContext.runAsNonRoot=true',
        },
      ],
    },
    {
      name: 'pod-level false, an explicit container-level false, init and ephemeral containers; a securityContext without the field is reported there',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {runAsNonRoot: false}
  initContainers: [{name: init, image: x:1, securityContext: {readOnlyRootFilesystem: true}}]
  containers:
  - {name: app, image: x:1, securityContext: {runAsNonRoot: false}}
  - {name: ok, image: x:1, securityContext: {runAsNonRoot: true}}
  ephemeralContainers: [{name: debug, image: x:1}]
`,
      findings: [
        { path: 'spec.initContainers[0].securityContext', message: 'init container "init" may run as root' },
        { path: 'spec.containers[0].securityContext.runAsNonRoot', message: 'container "app" may run as root' },
        { path: 'spec.ephemeralContainers[0]', message: 'ephemeral container "debug" may run as root' },
      ],
    },
    {
      name: 'container-level false overrides a pod-level true',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      securityContext: {runAsNonRoot: true}
      containers:
      - {name: a, image: x:1}
      - {name: b, image: x:1, securityContext: {runAsNonRoot: off}}
`,
      findings: [
        { path: 'spec.template.spec.containers[1].securityContext.runAsNonRoot', message: 'container "b" may run as root' },
      ],
    },
    {
      name: 'a quoted "true" is a string, not a boolean; a quoted UID is not a number',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: a, image: x:1, securityContext: {runAsNonRoot: "true"}}
  - {name: b, image: x:1, securityContext: {runAsUser: "1000"}}
`,
      findings: [
        { path: 'spec.containers[0].securityContext.runAsNonRoot', message: 'container "a" may run as root' },
        { path: 'spec.containers[1].securityContext', message: 'container "b" may run as root' },
      ],
    },
    {
      name: 'explicit runAsUser 0 at the container, even with runAsNonRoot, and overriding a pod-level UID',
      fixIsPartial: true,
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {runAsUser: 1000}
  containers:
  - {name: a, image: x:1, securityContext: {runAsUser: 0}}
  - {name: b, image: x:1, securityContext: {runAsUser: 0, runAsNonRoot: true}}
  - {name: c, image: x:1}
`,
      findings: [
        {
          path: 'spec.containers[0].securityContext.runAsUser',
          message: 'container "a" runs as root: securityContext.runAsUser is 0',
        },
        { path: 'spec.containers[1].securityContext.runAsUser', message: 'container "b" runs as root' },
      ],
    },
    {
      name: 'pod-level runAsUser 0 is reported once, naming the containers that inherit it',
      fixIsPartial: true,
      yaml: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          securityContext: {runAsUser: 0, runAsNonRoot: true}
          initContainers: [{name: init, image: x:1}]
          containers:
          - {name: job, image: x:1}
          - {name: other, image: x:1, securityContext: {runAsUser: 1000}}
`,
      findings: [
        {
          path: 'spec.jobTemplate.spec.template.spec.securityContext.runAsUser',
          message: `init container "init", container "job" run as root: the pod's securityContext.runAsUser is 0`,
        },
      ],
    },
    {
      name: 'runAsNonRoot: null is unset',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: x:1
    securityContext:
      runAsNonRoot:
`,
      findings: [{ path: 'spec.containers[0].securityContext.runAsNonRoot' }],
    },
  ],
});

describeRule('run-as-non-root fix', () => {
  const pod = (podSc: string, sc: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: ${podSc}
  containers: [{name: app, image: a:1, securityContext: ${sc}}]
`;
  const scOf = (v: unknown) =>
    (v as { spec: { containers: { securityContext: unknown }[] } }).spec.containers[0]!.securityContext;

  it('sets runAsNonRoot, and the configured UID where no UID is chosen', () => {
    assert.deepEqual(scOf(applyFixes(rule, pod('{}', '{}')).value), { runAsNonRoot: true });
    const r = applyFixes(rule, pod('{}', '{readOnlyRootFilesystem: true}'), { fixRunAsUser: 10001 });
    assert.deepEqual(r.remaining, []);
    assert.deepEqual(scOf(r.value), { readOnlyRootFilesystem: true, runAsNonRoot: true, runAsUser: 10001 });
  });

  it('leaves an explicit runAsNonRoot: false (container or pod) to a person', () => {
    assert.equal(applyFixes(rule, pod('{}', '{runAsNonRoot: false}'), { fixRunAsUser: 10001 }).offered, 0);
    assert.equal(applyFixes(rule, pod('{runAsNonRoot: false}', '{}'), { fixRunAsUser: 10001 }).offered, 0);
  });

  it('leaves an explicit root UID to a person; a null UID is unset', () => {
    const r = applyFixes(rule, pod('{runAsUser: 0}', '{}'), { fixRunAsUser: 10001 });
    assert.equal(r.offered, 0, 'pod-level runAsUser 0 is an explicit choice: no fix');
    const chosen = applyFixes(rule, pod('{runAsGroup: 3000}', '{runAsUser: null}'), { fixRunAsUser: 10001 });
    assert.deepEqual(scOf(chosen.value), { runAsNonRoot: true, runAsUser: 10001 });
  });
});

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { validateOptions } from '../../core/rule.js';
import { applyFixes, describeRule, ruleTester } from '../../testing/rule-tester.js';
import rule from './container-resource-requests.js';

ruleTester(rule, {
  valid: [
    {
      name: 'quantities as strings and YAML numbers; init, sidecar and ephemeral containers',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
  - {name: setup, image: x:1, resources: {requests: {cpu: 500m, memory: 1Gi}}}
  - {name: proxy, image: x:1, restartPolicy: Always, resources: {requests: {cpu: 0.5, memory: "1e3"}}}
  containers:
  - {name: app, image: x:1, resources: {requests: {cpu: 1, memory: 1e3}}}
  - {name: big, image: x:1, resources: {requests: {cpu: "2", memory: 128M}}}
  ephemeralContainers:
  - {name: debug, image: x:1}
`,
    },
    {
      name: 'limits only: Kubernetes defaults the requests to them (StatefulSet)',
      yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  template:
    spec:
      containers:
      - name: db
        image: postgres:16
        resources:
          requests: {memory: 2Gi}
          limits: {cpu: "1"}
`,
    },
    {
      name: 'pod-level requests and limits cover every container (CronJob)',
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
          resources: {requests: {cpu: 250m}, limits: {memory: 256Mi}}
          containers: [{name: job, image: x:1}]
`,
    },
  ],
  invalid: [
    {
      name: 'container without requests in a Deployment',
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
      findings: [{ path: 'spec.template.spec.containers[0]', message: 'container "web" sets no CPU or memory request' }],
    },
    {
      name: 'one finding per container at the deepest existing node; init and sidecar containers count',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      initContainers:
      - {name: migrate, image: x:1, resources: {}}
      - {name: proxy, image: x:1, restartPolicy: Always, resources: {requests: {memory: 64Mi}}}
      containers:
      - {name: web, image: x:1, resources: {requests: {cpu: 100m}, limits: {cpu: 200m}}}
`,
      findings: [
        {
          path: 'spec.template.spec.initContainers[0].resources',
          message: 'init container "migrate" sets no CPU or memory request',
        },
        {
          path: 'spec.template.spec.initContainers[1].resources.requests',
          message: 'sidecar container "proxy" sets no CPU request',
        },
        { path: 'spec.template.spec.containers[0].resources.requests', message: 'container "web" sets no memory request' },
      ],
    },
    {
      name: 'invalid quantities (1K is not a Kubernetes quantity; negatives are rejected)',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: a, image: x:1, resources: {requests: {cpu: 100m, memory: 1K}}}
  - {name: b, image: x:1, resources: {requests: {cpu: "-1", memory: 1Gi}}}
`,
      findings: [
        {
          path: 'spec.containers[0].resources.requests.memory',
          message: 'container "a" has an invalid memory request: "1K" is not a valid quantity',
        },
        {
          path: 'spec.containers[1].resources.requests.cpu',
          message: 'container "b" has an invalid CPU request: "-1" is negative',
        },
      ],
    },
    {
      name: 'CronJob container, and an invalid pod-level request',
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
          resources: {requests: {cpu: 1kb}}
          containers: [{name: job, image: x:1}]
`,
      findings: [
        { path: 'spec.jobTemplate.spec.template.spec.resources.requests.cpu', message: 'pod has an invalid CPU request' },
        { path: 'spec.jobTemplate.spec.template.spec.containers[0]', message: 'container "job" sets no memory request' },
      ],
    },
  ],
});

describeRule('container-resource-requests fix', () => {
  const deployment = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  selector: {matchLabels: {app: d}}
  template:
    metadata: {labels: {app: d}}
    spec:
      initContainers: [{name: init, image: i:1, resources: {limits: {cpu: 200m}}}]
      containers: [{name: app, image: a:1}]
`;
  it('offers no fix until an operator configures the requests (sizes are never guessed)', () => {
    assert.equal(applyFixes(rule, deployment).offered, 0);
  });

  it('sets the configured requests where neither a request nor a limit is set', () => {
    const r = applyFixes(rule, deployment, { fixCpuRequest: '100m', fixMemoryRequest: '128Mi' });
    assert.deepEqual(r.remaining, []);
    const spec = (r.value as { spec: { template: { spec: Record<string, { resources?: unknown }[]> } } }).spec.template.spec;
    assert.deepEqual(spec.containers![0]!.resources, { requests: { cpu: '100m', memory: '128Mi' } });
    // The init container's CPU limit is its request (Kubernetes defaults it): only memory is added.
    assert.deepEqual(spec.initContainers![0]!.resources, { limits: { cpu: '200m' }, requests: { memory: '128Mi' } });
  });

  it('refuses a configured value that is not a quantity when the config is read', () => {
    assert.deepEqual(validateOptions(rule.meta, { fixCpuRequest: '100m', fixMemoryRequest: '' }), []);
    assert.match(
      validateOptions(rule.meta, { fixCpuRequest: '1K' }).join(),
      /option container-resource-requests.fixCpuRequest: "1K" is not a valid quantity/,
    );
    assert.match(validateOptions(rule.meta, { fixMemoryRequest: '-1Mi' }).join(), /"-1Mi" is negative/);
    // And the fix never applies one anyway.
    assert.throws(() => applyFixes(rule, deployment, { fixCpuRequest: '1K' }), /fixCpuRequest "1K" is not a quantity/);
  });
});

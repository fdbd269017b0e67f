import { ruleTester } from '../../testing/rule-tester.js';
import rule from './hpa-metric-without-requests.js';

/** A Deployment "web" in namespace shop with the given containers (YAML list items, 6 spaces). */
const deployment = (containers: string, extra = '') => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:${extra}
      containers:
${containers}`;

const hpa = (metrics: string, apiVersion = 'autoscaling/v2') => `
apiVersion: ${apiVersion}
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 10${metrics}
`;

const cpuUtilization = `
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}`;

const requested = `      - name: app
        image: x:1
        resources: {requests: {cpu: 100m, memory: 128Mi}}`;

const bare = `      - name: app
        image: x:1`;

ruleTester(rule, {
  valid: [
    {
      name: 'CPU utilization with CPU requests on every container and sidecar',
      yaml: `${deployment(
        requested,
        `
      initContainers:
      - {name: setup, image: x:1}
      - {name: proxy, image: x:1, restartPolicy: Always, resources: {requests: {cpu: 10m}}}`,
      )}
---${hpa(cpuUtilization)}`,
    },
    {
      name: 'a limit without a request: Kubernetes defaults the request to it',
      yaml: `${deployment(`      - {name: app, image: x:1, resources: {limits: {cpu: "1", memory: 1Gi}}}`)}
---${hpa(`
  metrics:
  - type: Resource
    resource: {name: memory, target: {type: Utilization, averageUtilization: 80}}`)}`,
    },
    {
      name: 'an AverageValue target does not need requests; nor do custom metrics',
      yaml: `${deployment(bare)}
---${hpa(`
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: AverageValue, averageValue: 500m}}
  - type: Pods
    pods: {metric: {name: rps}, target: {type: AverageValue, averageValue: "100"}}`)}`,
    },
    {
      name: 'a LimitRange of the namespace defaults the request',
      yaml: `${deployment(bare)}
---${hpa(cpuUtilization)}
---
apiVersion: v1
kind: LimitRange
metadata: {name: defaults, namespace: shop}
spec:
  limits:
  - type: Container
    defaultRequest: {cpu: 100m}
`,
    },
    {
      name: 'pod-level requests cover a pod-wide metric',
      yaml: `${deployment(
        bare,
        `
      resources: {requests: {cpu: 500m}}`,
      )}
---${hpa(cpuUtilization)}`,
    },
    {
      name: 'a ContainerResource metric reads only its container',
      yaml: `${deployment(`${requested}
      - {name: log, image: x:1}`)}
---${hpa(`
  metrics:
  - type: ContainerResource
    containerResource: {name: cpu, container: app, target: {type: Utilization, averageUtilization: 60}}`)}`,
    },
    {
      name: 'the target is not in the input',
      yaml: hpa(cpuUtilization),
    },
  ],
  invalid: [
    {
      name: 'CPU utilization without CPU requests',
      doc: true,
      yaml: `${deployment(bare)}\n---${hpa(cpuUtilization)}`,
      findings: [
        {
          path: 'spec.metrics[0]',
          message:
            'metric 0 scales on cpu utilization, a percentage of the cpu requests, but Deployment shop/web sets no cpu request on container "app": the HPA cannot compute utilization and does not scale',
        },
      ],
    },
    {
      name: 'a native sidecar without a memory request; plain init containers do not count',
      yaml: `${deployment(
        requested,
        `
      initContainers:
      - {name: setup, image: x:1}
      - {name: proxy, image: x:1, restartPolicy: Always, resources: {requests: {cpu: 10m}}}`,
      )}
---${hpa(`
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
  - type: Resource
    resource: {name: memory, target: {type: Utilization, averageUtilization: 70}}`)}`,
      findings: [{ path: 'spec.metrics[1]', message: 'sets no memory request on sidecar container "proxy"' }],
    },
    {
      name: 'autoscaling/v1 targetCPUUtilizationPercentage',
      yaml: `${deployment(bare)}
---
apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 4
  targetCPUUtilizationPercentage: 50
`,
      findings: [{ path: 'spec.targetCPUUtilizationPercentage', message: 'targetCPUUtilizationPercentage scales on cpu' }],
    },
    {
      name: 'no metrics: the default is 80% CPU utilization',
      yaml: `${deployment(bare)}\n---${hpa('')}`,
      findings: [{ path: 'spec', message: 'the default metric (80% CPU utilization, as no metric is set) scales on cpu' }],
    },
    {
      name: 'autoscaling/v2beta1 targetAverageUtilization',
      yaml: `${deployment(bare)}
---${hpa(
        `
  metrics:
  - type: Resource
    resource: {name: memory, targetAverageUtilization: 75}`,
        'autoscaling/v2beta1',
      )}`,
      findings: [{ path: 'spec.metrics[0]', message: 'sets no memory request on container "app"' }],
    },
    {
      name: 'ContainerResource: the container lacks the request, or does not exist',
      yaml: `${deployment(`${requested}
      - {name: log, image: x:1}`)}
---${hpa(`
  metrics:
  - type: ContainerResource
    containerResource: {name: cpu, container: log, target: {type: Utilization, averageUtilization: 60}}
  - type: ContainerResource
    containerResource: {name: memory, container: sidecar, target: {type: Utilization, averageUtilization: 60}}`)}`,
      findings: [
        { path: 'spec.metrics[0]', message: 'of container "log", which sets no cpu request in Deployment shop/web' },
        { path: 'spec.metrics[1]', message: 'metric 1 reads container "sidecar", which Deployment shop/web does not run' },
      ],
    },
    {
      name: 'a LimitRange of another namespace, or for Pods only, does not count',
      yaml: `${deployment(bare)}
---${hpa(cpuUtilization)}
---
apiVersion: v1
kind: LimitRange
metadata: {name: defaults, namespace: other}
spec:
  limits: [{type: Container, defaultRequest: {cpu: 100m}}]
---
apiVersion: v1
kind: LimitRange
metadata: {name: pods, namespace: shop}
spec:
  limits: [{type: Pod, max: {cpu: "2"}}]
`,
      findings: [{ path: 'spec.metrics[0]' }],
    },
  ],
});

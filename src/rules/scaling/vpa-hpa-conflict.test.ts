import { ruleTester } from '../../testing/rule-tester.js';
import rule from './vpa-hpa-conflict.js';

const deployment = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: app, image: x:1, resources: {requests: {cpu: 100m, memory: 128Mi}}}
      - {name: log, image: x:1, resources: {requests: {cpu: 10m, memory: 32Mi}}}`;

const hpa = (metrics: string) => `
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 10${metrics}`;

const cpu = `
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}`;

const vpa = (spec: string) => `
apiVersion: autoscaling.k8s.io/v1
kind: VerticalPodAutoscaler
metadata: {name: web, namespace: shop}
spec:
  targetRef: {apiVersion: apps/v1, kind: Deployment, name: web}${spec}`;

ruleTester(rule, {
  valid: [
    {
      name: 'VPA in Off or Initial mode only recommends or sets requests at creation',
      yaml: `${deployment}\n---${hpa(cpu)}\n---${vpa('\n  updatePolicy: {updateMode: "Off"}')}
---
apiVersion: autoscaling.k8s.io/v1
kind: VerticalPodAutoscaler
metadata: {name: web-initial, namespace: shop}
spec:
  targetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  updatePolicy: {updateMode: Initial}
`,
    },
    {
      name: 'the VPA controls memory only while the HPA scales on CPU',
      yaml: `${deployment}\n---${hpa(cpu)}\n---${vpa(`
  resourcePolicy:
    containerPolicies:
    - {containerName: "*", controlledResources: [memory]}`)}`,
    },
    {
      name: 'the VPA is off for every container the HPA reads',
      yaml: `${deployment}\n---${hpa(cpu)}\n---${vpa(`
  resourcePolicy:
    containerPolicies:
    - {containerName: app, mode: "Off"}
    - {containerName: log, mode: "Off"}`)}`,
    },
    {
      name: 'unquoted Off: false for an updateMode (the API server rejects the VPA), Off for a container mode',
      yaml: `${deployment}\n---${hpa(cpu)}\n---${vpa('\n  updatePolicy: {updateMode: Off}')}
---
apiVersion: autoscaling.k8s.io/v1
kind: VerticalPodAutoscaler
metadata: {name: web-containers, namespace: shop}
spec:
  targetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  resourcePolicy:
    containerPolicies: [{containerName: "*", mode: Off}]
`,
    },
    {
      name: 'the HPA scales on a custom metric',
      yaml: `${deployment}\n---${hpa(`
  metrics:
  - type: Pods
    pods: {metric: {name: rps}, target: {type: AverageValue, averageValue: "100"}}`)}\n---${vpa('')}`,
    },
    {
      name: 'no HPA on the same target',
      yaml: `${deployment}\n---${vpa('')}`,
    },
  ],
  invalid: [
    {
      name: 'a VPA with the default mode and an HPA on CPU',
      doc: true,
      yaml: `${deployment}\n---${hpa(cpu)}\n---${vpa('')}`,
      findings: [
        {
          path: 'spec.targetRef',
          message:
            'resizes the pods of Deployment shop/web (updateMode Auto (the default)) while HorizontalPodAutoscaler shop/web scales on cpu: the two autoscalers act on the same resource and fight',
        },
      ],
    },
    {
      name: 'Recreate mode; the HPA without metrics scales on CPU by default; memory on the log container only',
      yaml: `${deployment}\n---${hpa('')}\n---${vpa(`
  updatePolicy: {updateMode: Recreate}
  resourcePolicy:
    containerPolicies:
    - {containerName: app, mode: "Off"}`)}`,
      findings: [
        { path: 'spec.targetRef', message: '(updateMode Recreate) while HorizontalPodAutoscaler shop/web scales on cpu' },
      ],
    },
    {
      name: 'ContainerResource metric on a container the VPA controls; the target is not in the input',
      yaml: `${hpa(`
  metrics:
  - type: ContainerResource
    containerResource: {name: memory, container: app, target: {type: AverageValue, averageValue: 100Mi}}
  - type: ContainerResource
    containerResource: {name: cpu, container: log, target: {type: Utilization, averageUtilization: 50}}`)}
---${vpa(`
  updatePolicy: {updateMode: InPlaceOrRecreate}
  resourcePolicy:
    containerPolicies:
    - {containerName: app, controlledResources: [memory]}
    - {containerName: "*", mode: "Off"}`)}`,
      findings: [{ path: 'spec.targetRef', message: 'HorizontalPodAutoscaler shop/web scales on memory: the two' }],
    },
  ],
});

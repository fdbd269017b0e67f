import { ruleTester } from '../../testing/rule-tester.js';
import rule from './safe-to-evict-false.js';

const spec = `
    spec: {containers: [{name: c, image: x:1}]}`;

ruleTester(rule, {
  valid: [
    {
      name: 'no annotation, or safe-to-evict "true"',
      doc: true,
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  template:
    metadata:
      annotations: {cluster-autoscaler.kubernetes.io/safe-to-evict: "true"}${spec}
`,
    },
    {
      name: 'Jobs, DaemonSets and bare Pods are not reported; the annotation on the workload itself does nothing',
      yaml: `
apiVersion: batch/v1
kind: Job
metadata: {name: train}
spec:
  template:
    metadata:
      annotations: {cluster-autoscaler.kubernetes.io/safe-to-evict: "false"}
    spec: {restartPolicy: Never, containers: [{name: c, image: x:1}]}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  template:
    metadata:
      annotations: {cluster-autoscaler.kubernetes.io/safe-to-evict: "false"}${spec}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations: {cluster-autoscaler.kubernetes.io/safe-to-evict: "false"}
spec:
  template:${spec}
`,
    },
  ],
  invalid: [
    {
      name: 'a Deployment whose pods pin their nodes',
      doc: true,
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  template:
    metadata:
      annotations:
        cluster-autoscaler.kubernetes.io/safe-to-evict: "false"${spec}
`,
      findings: [
        {
          path: 'spec.template.metadata.annotations["cluster-autoscaler.kubernetes.io/safe-to-evict"]',
          message: 'so the cluster autoscaler never removes a node that runs one of them',
        },
      ],
    },
    {
      name: 'StatefulSet',
      yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  template:
    metadata:
      annotations: {cluster-autoscaler.kubernetes.io/safe-to-evict: "false"}${spec}
`,
      findings: [{ path: 'spec.template.metadata.annotations["cluster-autoscaler.kubernetes.io/safe-to-evict"]' }],
    },
  ],
});

import { ruleTester } from '../../testing/rule-tester.js';
import rule from './vpa-target-missing.js';

const daemonSet = `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: ops}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: agent, image: x:1}]}`;

const vpa = (kind: string, name: string, apiVersion = 'apps/v1') => `
apiVersion: autoscaling.k8s.io/v1
kind: VerticalPodAutoscaler
metadata: {name: vpa, namespace: ops}
spec:
  targetRef: {apiVersion: ${apiVersion}, kind: ${kind}, name: ${name}}
  updatePolicy: {updateMode: "Off"}`;

ruleTester(rule, {
  valid: [
    { name: 'a VPA on a DaemonSet of the input', yaml: `${daemonSet}\n---${vpa('DaemonSet', 'agent')}` },
    { name: 'a VPA scanned alone: the input cannot tell', yaml: vpa('Deployment', 'web') },
    {
      name: 'a legacy extensions/v1beta1 reference to a Deployment of the input',
      yaml: `${daemonSet}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: hamster, namespace: ops}
spec:
  template:
    metadata: {labels: {app: hamster}}
    spec: {containers: [{name: hamster, image: x:1}]}
---${vpa('Deployment', 'hamster', 'extensions/v1beta1')}`,
    },
    {
      name: 'custom resource targets are not judged',
      yaml: `${daemonSet}\n---${vpa('Rollout', 'web', 'argoproj.io/v1alpha1')}`,
    },
    {
      name: 'not an autoscaling.k8s.io VPA',
      yaml: `
apiVersion: example.com/v1
kind: VerticalPodAutoscaler
metadata: {name: x}
spec: {}
`,
    },
  ],
  invalid: [
    {
      name: 'the target is not among the workloads of its namespace',
      doc: true,
      yaml: `${daemonSet}\n---${vpa('Deployment', 'agent')}`,
      findings: [
        {
          path: 'spec.targetRef.name',
          message:
            'targets Deployment ops/agent, which is not among the workloads of namespace "ops" in the input (the input has DaemonSet ops/agent)',
        },
      ],
    },
    {
      name: 'a Pod cannot be a VPA target; a VPA without targetRef',
      yaml: `
apiVersion: autoscaling.k8s.io/v1
kind: VerticalPodAutoscaler
metadata: {name: a}
spec:
  targetRef: {apiVersion: v1, kind: Pod, name: p}
---
apiVersion: autoscaling.k8s.io/v1
kind: VerticalPodAutoscaler
metadata: {name: b}
spec:
  updatePolicy: {updateMode: Auto}
`,
      findings: [
        { path: 'spec.targetRef.kind', message: 'targets a Pod, which the VPA does not support' },
        { path: 'spec', message: 'spec.targetRef does not name a kind and a name' },
      ],
    },
  ],
});

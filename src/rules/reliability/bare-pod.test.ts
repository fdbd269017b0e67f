import { ruleTester } from '../../testing/rule-tester.js';
import rule from './bare-pod.js';

ruleTester(rule, {
  valid: [
    {
      name: 'a pod owned by a ReplicaSet (exported from a cluster)',
      yaml: `
apiVersion: v1
kind: Pod
metadata:
  name: web-abc
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-7d9, uid: 1, controller: true}]
spec: {containers: [{name: c, image: x:1}]}
`,
    },
    {
      name: 'a kubeadm static control-plane pod',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: kube-apiserver, namespace: kube-system, labels: {component: kube-apiserver, tier: control-plane}}
spec: {containers: [{name: kube-apiserver, image: registry.k8s.io/kube-apiserver:v1.31.0}]}
`,
    },
  ],
  invalid: [
    {
      name: 'a Pod written directly in a manifest',
      doc: true,
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: debug}
spec: {containers: [{name: c, image: busybox:1.36}]}
`,
      findings: [{ path: 'kind', message: 'not managed by a controller' }],
    },
  ],
});

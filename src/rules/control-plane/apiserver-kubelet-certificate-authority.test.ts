import { ruleTester } from '../../testing/rule-tester.js';
import rule from './apiserver-kubelet-certificate-authority.js';

const pod = (...flags: string[]) => `
apiVersion: v1
kind: Pod
metadata: {name: kube-apiserver, namespace: kube-system}
spec:
  containers:
  - name: kube-apiserver
    image: registry.k8s.io/kube-apiserver:v1.31.0
    command:
    - kube-apiserver
${flags.map((f) => `    - ${f}`).join('\n')}
`;

ruleTester(rule, {
  valid: [
    { name: 'kubelet CA set', yaml: pod('--kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt') },
    {
      name: 'kubeadm extraArgs',
      yaml: `
apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
apiServer:
  extraArgs:
  - name: kubelet-certificate-authority
    value: /etc/kubernetes/pki/ca.crt
`,
    },
  ],
  invalid: [
    {
      name: 'kubeadm default (not set)',
      doc: true,
      yaml: `
apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
apiServer:
  extraArgs:
  - {name: profiling, value: "false"}
`,
      findings: [{ path: 'apiServer.extraArgs', message: "kubelet's certificate" }],
    },
    { name: 'static pod without it', yaml: pod('--secure-port=6443'), findings: [{ path: 'spec.containers[0].command' }] },
  ],
});

import { ruleTester } from '../../testing/rule-tester.js';
import rule from './control-plane-profiling.js';

const pod = (component: string, ...args: string[]) => `
apiVersion: v1
kind: Pod
metadata: {name: ${component}, namespace: kube-system}
spec:
  containers:
  - name: ${component}
    image: registry.k8s.io/${component}:v1.31.0
    command:
    - ${component}
${args.map((a) => `    - ${a}`).join('\n')}
`;

ruleTester(rule, {
  valid: [
    { name: 'profiling off on the API server', yaml: pod('kube-apiserver', '--profiling=false') },
    { name: 'profiling off on the scheduler', yaml: pod('kube-scheduler', '--bind-address=127.0.0.1', '--profiling=false') },
    {
      name: 'kubeadm v1beta4 turning profiling off everywhere',
      yaml: `
apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
apiServer:
  extraArgs: [{name: profiling, value: "false"}]
controllerManager:
  extraArgs: [{name: profiling, value: "false"}]
scheduler:
  extraArgs: [{name: profiling, value: "false"}]
`,
    },
    { name: 'etcd has no --profiling flag', yaml: pod('etcd', '--cert-file=/pki/server.crt') },
  ],
  invalid: [
    {
      name: 'controller manager leaves profiling at its default',
      doc: true,
      yaml: pod('kube-controller-manager', '--bind-address=127.0.0.1', '--use-service-account-credentials=true'),
      findings: [
        {
          path: 'spec.containers[0].command',
          message: 'kube-controller-manager: --profiling is not set (defaults to true) (CIS 1.3.2)',
        },
      ],
    },
    {
      name: 'profiling=true in args, and a repeated flag where the last one wins',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: kube-apiserver, namespace: kube-system}
spec:
  containers:
  - name: kube-apiserver
    image: registry.k8s.io/kube-apiserver:v1.31.0
    command: [kube-apiserver]
    args: [--profiling=false, --secure-port=6443, --profiling=true]
`,
      findings: [{ path: 'spec.containers[0].args[2]', message: '--profiling is true' }],
    },
    {
      name: 'kubeadm v1beta3: one section sets profiling, the others are missing (reported once at the root)',
      yaml: `
apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
controllerManager:
  extraArgs:
    profiling: "false"
`,
      findings: [
        {
          path: '',
          message: 'kube-apiserver (kubeadm): --profiling is not set (defaults to true) (CIS 1.2.15); kube-scheduler (kubeadm)',
        },
      ],
    },
    {
      name: 'kubeadm v1beta4 with profiling on in extraArgs',
      yaml: `
apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
apiServer:
  extraArgs: [{name: profiling, value: "true"}]
controllerManager:
  extraArgs: []
scheduler:
  extraArgs: [{name: profiling}]
`,
      findings: [
        { path: 'apiServer.extraArgs[0].value' },
        { path: 'controllerManager.extraArgs' },
        { path: 'scheduler.extraArgs[0]', message: 'kube-scheduler (kubeadm): --profiling has an empty value' },
      ],
    },
  ],
});

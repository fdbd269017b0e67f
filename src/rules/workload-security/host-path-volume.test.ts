import { ruleTester } from '../../testing/rule-tester.js';
import rule from './host-path-volume.js';

ruleTester(rule, {
  valid: [
    {
      name: 'emptyDir, configMap and PVC volumes',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers: [{name: app, image: x:1, volumeMounts: [{name: tmp, mountPath: /tmp}]}]
      volumes:
      - {name: tmp, emptyDir: {}}
      - {name: cfg, configMap: {name: cfg}}
      - {name: data, persistentVolumeClaim: {claimName: data}}
`,
    },
    {
      name: 'no volumes',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: x:1}]
`,
    },
  ],
  invalid: [
    {
      name: 'DaemonSet mounting the container runtime socket',
      doc: true,
      yaml: `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers:
      - name: agent
        image: agent:1.0
        volumeMounts: [{name: containerd, mountPath: /run/containerd/containerd.sock}]
      volumes:
      - name: containerd
        hostPath:
          path: /run/containerd/containerd.sock
          type: Socket
`,
      findings: [
        {
          path: 'spec.template.spec.volumes[0].hostPath',
          message: 'volume "containerd" mounts "/run/containerd/containerd.sock" from the host',
        },
      ],
    },
    {
      name: 'each hostPath volume of a bare Pod is reported at its own path, read-only mounts included',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: x:1
    volumeMounts: [{name: etc, mountPath: /host/etc, readOnly: true}]
  volumes:
  - {name: tmp, emptyDir: {}}
  - {name: etc, hostPath: {path: /etc}}
  - {name: logs, hostPath: {path: /var/log, type: Directory}}
`,
      findings: [
        { path: 'spec.volumes[1].hostPath', message: 'volume "etc" mounts "/etc"' },
        { path: 'spec.volumes[2].hostPath', message: 'volume "logs" mounts "/var/log"' },
      ],
    },
    {
      name: 'CronJob template; a hostPath without a path is still a hostPath',
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
          containers: [{name: job, image: x:1}]
          volumes: [{name: host, hostPath: {}}]
`,
      findings: [
        { path: 'spec.jobTemplate.spec.template.spec.volumes[0].hostPath', message: 'volume "host" mounts a path from the host' },
      ],
    },
  ],
});

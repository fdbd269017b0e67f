import { ruleTester } from '../../testing/rule-tester.js';
import rule from './host-port.js';

ruleTester(rule, {
  valid: [
    {
      name: 'container ports without hostPort, and hostPort 0 (unset)',
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
        ports: [{containerPort: 8080}, {containerPort: 9090, hostPort: 0}]
`,
    },
  ],
  invalid: [
    {
      name: 'a Deployment binding a host port',
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
        ports:
        - containerPort: 8080
          hostPort: 80
`,
      findings: [
        {
          path: 'spec.template.spec.containers[0].ports[0].hostPort',
          message: 'container "web" binds host port 80/TCP on its node',
        },
      ],
    },
    {
      name: 'init, sidecar and ephemeral containers; a hostNetwork pod (no fix: the API server defaults hostPort there)',
      fixIsPartial: true,
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostNetwork: true
  initContainers:
  - {name: setup, image: x:1, ports: [{containerPort: 53, hostPort: 53, protocol: UDP}]}
  - {name: proxy, image: x:1, restartPolicy: Always, ports: [{containerPort: 15001, hostPort: 15001}]}
  containers: [{name: app, image: x:1}]
  ephemeralContainers: [{name: debug, image: x:1, ports: [{containerPort: 2345, hostPort: 2345}]}]
`,
      findings: [
        {
          path: 'spec.initContainers[0].ports[0].hostPort',
          message: 'init container "setup" binds host port 53/UDP on its node (the pod also uses the host network)',
        },
        { path: 'spec.initContainers[1].ports[0].hostPort', message: 'sidecar container "proxy"' },
        { path: 'spec.ephemeralContainers[0].ports[0].hostPort', message: 'ephemeral container "debug"' },
      ],
    },
  ],
});

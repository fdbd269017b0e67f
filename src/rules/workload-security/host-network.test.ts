import { ruleTester } from '../../testing/rule-tester.js';
import rule from './host-network.js';

ruleTester(rule, {
  valid: [
    {
      name: 'unset',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: x:1}]
`,
    },
    {
      name: 'false, YAML 1.1 "off", and a quoted "true" (a string, not a boolean)',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: a}
spec:
  template:
    spec:
      hostNetwork: false
      containers: [{name: app, image: x:1}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: b}
spec:
  template:
    spec:
      hostNetwork: off
      containers: [{name: app, image: x:1}]
---
apiVersion: v1
kind: Pod
metadata: {name: c}
spec:
  hostNetwork: "true"
  containers: [{name: app, image: x:1}]
`,
    },
  ],
  invalid: [
    {
      name: 'DaemonSet with hostNetwork: true',
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
      hostNetwork: true
      containers:
      - name: agent
        image: agent:1.0
`,
      findings: [
        { path: 'spec.template.spec.hostNetwork', message: "the pod shares the host's network namespace: hostNetwork is true" },
      ],
    },
    {
      name: 'bare Pod with YAML 1.1 "yes"',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostNetwork: yes
  containers: [{name: app, image: x:1}]
`,
      findings: [{ path: 'spec.hostNetwork' }],
    },
    {
      name: 'CronJob template with "on"',
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
          hostNetwork: on
          containers: [{name: job, image: x:1}]
`,
      findings: [{ path: 'spec.jobTemplate.spec.template.spec.hostNetwork' }],
    },
    {
      name: 'Windows pods are not exempt',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: win}
spec:
  template:
    spec:
      os: {name: windows}
      hostNetwork: true
      containers: [{name: iis, image: iis:1}]
`,
      findings: [{ path: 'spec.template.spec.hostNetwork' }],
    },
    {
      name: 'Windows HostProcess pod: reported, but no fix (the API requires hostNetwork there)',
      fixIsPartial: true,
      yaml: `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: win-agent}
spec:
  template:
    spec:
      os: {name: windows}
      hostNetwork: true
      containers:
      - name: agent
        image: agent:1
        securityContext: {windowsOptions: {hostProcess: true, runAsUserName: 'NT AUTHORITY\\SYSTEM'}}
`,
      findings: [{ path: 'spec.template.spec.hostNetwork', message: 'its Windows HostProcess containers require it' }],
    },
  ],
});

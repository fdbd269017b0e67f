import { ruleTester } from '../../testing/rule-tester.js';
import rule from './allow-privilege-escalation.js';

ruleTester(rule, {
  valid: [
    {
      name: 'every container of a Pod sets allowPrivilegeEscalation: false',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers: [{name: init, image: x:1, securityContext: {allowPrivilegeEscalation: false}}]
  containers: [{name: app, image: x:1, securityContext: {allowPrivilegeEscalation: false}}]
  ephemeralContainers: [{name: debug, image: x:1, securityContext: {allowPrivilegeEscalation: false}}]
`,
    },
    {
      name: 'YAML 1.1 "off" and "no" are false for Kubernetes',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
      - {name: a, image: x:1, securityContext: {allowPrivilegeEscalation: off}}
      - {name: b, image: x:1, securityContext: {allowPrivilegeEscalation: no}}
`,
    },
    {
      name: 'Windows pods are exempt (the field does not apply to them)',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: win}
spec:
  template:
    spec:
      os: {name: windows}
      containers: [{name: iis, image: mcr.microsoft.com/windows/servercore/iis:latest}]
`,
    },
  ],
  invalid: [
    {
      name: 'Deployment container without securityContext',
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
`,
      findings: [
        {
          path: 'spec.template.spec.containers[0]',
          message: 'container "web" may escalate privileges: set securityContext.allowPrivilegeEscalation=false',
        },
      ],
    },
    {
      name: 'securityContext without the field is reported at the securityContext; pod-level settings do not count',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {runAsNonRoot: true}
  containers: [{name: app, image: x:1, securityContext: {runAsNonRoot: true}}]
`,
      findings: [{ path: 'spec.containers[0].securityContext', message: 'container "app" may escalate privileges' }],
    },
    {
      name: 'explicit true (YAML 1.1 "yes"), and a quoted "false" is a string, not a boolean',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
      - {name: a, image: x:1, securityContext: {allowPrivilegeEscalation: yes}}
      - {name: b, image: x:1, securityContext: {allowPrivilegeEscalation: "false"}}
      - {name: c, image: x:1, securityContext: {allowPrivilegeEscalation: false}}
`,
      findings: [
        {
          path: 'spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation',
          message: 'container "a" allows privilege escalation',
        },
        {
          path: 'spec.template.spec.containers[1].securityContext.allowPrivilegeEscalation',
          message: 'sets allowPrivilegeEscalation to "false"',
        },
      ],
    },
    {
      name: 'init and ephemeral containers count',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers: [{name: init, image: x:1}]
  containers: [{name: app, image: x:1, securityContext: {allowPrivilegeEscalation: false}}]
  ephemeralContainers: [{name: debug, image: x:1, securityContext: {}}]
`,
      findings: [
        { path: 'spec.initContainers[0]', message: 'init container "init"' },
        { path: 'spec.ephemeralContainers[0].securityContext', message: 'ephemeral container "debug"' },
      ],
    },
    {
      name: 'CronJob template, securityContext: null',
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
          containers:
          - name: job
            image: x:1
            securityContext:
`,
      findings: [{ path: 'spec.jobTemplate.spec.template.spec.containers[0].securityContext' }],
    },
    {
      name: 'a Linux pod next to a Windows one: only the Linux pod is reported',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: win}
spec:
  os: {name: windows}
  containers: [{name: iis, image: iis:1}]
---
apiVersion: v1
kind: Pod
metadata: {name: linux}
spec:
  os: {name: linux}
  containers: [{name: app, image: x:1}]
`,
      findings: [{ path: 'spec.containers[0]', message: 'container "app"' }],
    },
    {
      name: 'no fix for a privileged container or one adding CAP_SYS_ADMIN (the API rejects false there)',
      fixIsPartial: true,
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: priv, image: x:1, securityContext: {privileged: true}}
  - {name: admin, image: x:1, securityContext: {capabilities: {add: [CAP_SYS_ADMIN]}}}
`,
      findings: [
        { path: 'spec.containers[0].securityContext', message: 'drop privileged: true first' },
        { path: 'spec.containers[1].securityContext', message: 'drop the CAP_SYS_ADMIN capability first' },
      ],
    },
  ],
});

import { ruleTester } from '../../testing/rule-tester.js';
import rule from './automount-service-account-token.js';

ruleTester(rule, {
  valid: [
    {
      name: 'operator whose ServiceAccount is bound to a ClusterRole in the input (it calls the API)',
      doc: true,
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: operator, namespace: ops}
spec:
  template:
    spec:
      serviceAccountName: operator
      containers: [{name: op, image: op:1}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: operator}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: operator}
subjects: [{kind: ServiceAccount, name: operator, namespace: ops}]
`,
    },
    {
      name: 'pod spec opts out (also YAML 1.1 "no")',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: a}
spec:
  template:
    spec:
      automountServiceAccountToken: false
      containers: [{name: app, image: x:1}]
---
apiVersion: v1
kind: Pod
metadata: {name: b}
spec:
  automountServiceAccountToken: no
  containers: [{name: app, image: x:1}]
`,
    },
    {
      name: 'unset in the pod, and its ServiceAccount in the same namespace (same file) opts out',
      yaml: `
apiVersion: v1
kind: ServiceAccount
metadata: {name: web, namespace: shop}
automountServiceAccountToken: false
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      serviceAccountName: web
      containers: [{name: web, image: nginx:1.27}]
`,
    },
    {
      name: 'the "default" ServiceAccount of the default namespace opts out; a bare Pod names none',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: x:1}]
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: default}
automountServiceAccountToken: off
`,
    },
    {
      name: 'the pod-level false overrides a ServiceAccount that mounts',
      yaml: `
apiVersion: v1
kind: ServiceAccount
metadata: {name: ci}
automountServiceAccountToken: true
---
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
          serviceAccountName: ci
          automountServiceAccountToken: false
          containers: [{name: job, image: x:1}]
`,
    },
  ],
  invalid: [
    {
      name: 'a RoleBinding credits only its own namespace',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: operator, namespace: ops}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: operator}
subjects: [{kind: ServiceAccount, name: operator}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: other, namespace: elsewhere}
spec:
  template:
    spec:
      serviceAccountName: operator
      containers: [{name: op, image: op:1}]
`,
      findings: [{ path: 'spec.template.spec', message: 'service account "operator"' }],
    },
    {
      name: 'bound ServiceAccount, but creditBoundServiceAccounts is off',
      options: { creditBoundServiceAccounts: false },
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: operator, namespace: ops}
spec:
  template:
    spec:
      serviceAccountName: operator
      containers: [{name: op, image: op:1}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: operator, namespace: ops}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: operator}
subjects: [{kind: ServiceAccount, name: operator}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: other, namespace: elsewhere}
spec:
  template:
    spec:
      serviceAccountName: operator
      containers: [{name: op, image: op:1}]
`,
      findings: [{ path: 'spec.template.spec', message: 'service account "operator"' }, { path: 'spec.template.spec' }],
    },
    {
      name: 'Deployment whose ServiceAccount is in the input but does not opt out',
      doc: true,
      yaml: `
apiVersion: v1
kind: ServiceAccount
metadata: {name: web, namespace: shop}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      serviceAccountName: web
      containers:
      - name: web
        image: nginx:1.27
`,
      findings: [
        {
          path: 'spec.template.spec',
          message:
            'the pod mounts an API token of service account "web" automatically (service account "web" does not disable it): set spec.automountServiceAccountToken=false',
        },
      ],
    },
    {
      name: 'bare Pod whose ServiceAccount is not in the input',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: x:1}]
`,
      findings: [{ path: 'spec', message: 'service account "default" is not in the input' }],
    },
    {
      name: 'pod-level true (YAML 1.1 "yes") overrides a ServiceAccount that opts out',
      yaml: `
apiVersion: v1
kind: ServiceAccount
metadata: {name: ci}
automountServiceAccountToken: false
---
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
          serviceAccountName: ci
          automountServiceAccountToken: yes
          containers: [{name: job, image: x:1}]
`,
      findings: [
        {
          path: 'spec.jobTemplate.spec.template.spec.automountServiceAccountToken',
          message: 'the pod mounts an API token of service account "ci": automountServiceAccountToken is true',
        },
      ],
    },
    {
      name: 'a ServiceAccount of the same name in another namespace does not count; the deprecated serviceAccount field names it',
      yaml: `
apiVersion: v1
kind: ServiceAccount
metadata: {name: worker, namespace: other}
automountServiceAccountToken: false
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: worker, namespace: jobs}
spec:
  template:
    spec:
      serviceAccount: worker
      containers: [{name: w, image: x:1}]
`,
      findings: [{ path: 'spec.template.spec', message: 'service account "worker" is not in the input' }],
    },
    {
      name: 'a quoted "false" is a string, not a boolean (reported at the field); the ServiceAccount quoting it does not opt out either',
      yaml: `
apiVersion: v1
kind: ServiceAccount
metadata: {name: default}
automountServiceAccountToken: "false"
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  automountServiceAccountToken: "false"
  containers: [{name: app, image: x:1}]
`,
      findings: [{ path: 'spec.automountServiceAccountToken', message: 'service account "default" does not disable it' }],
    },
  ],
});

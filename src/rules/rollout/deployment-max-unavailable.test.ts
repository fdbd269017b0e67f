import { ruleTester } from '../../testing/rule-tester.js';
import rule from './deployment-max-unavailable.js';

const template = `
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: x:1}]}`;

ruleTester(rule, {
  valid: [
    {
      name: 'zero-downtime rolling update',
      doc: true,
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxUnavailable: 0, maxSurge: 1}${template}
`,
    },
    {
      name: 'defaults; 50%; an integer below replicas; Recreate with one replica; scaled to zero',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: a}
spec:
  replicas: 1${template}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: b}
spec:
  replicas: 4
  strategy: {rollingUpdate: {maxUnavailable: 50%}}${template}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: c}
spec:
  replicas: 3
  strategy: {rollingUpdate: {maxUnavailable: 2, maxSurge: 0}}${template}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  replicas: 1
  strategy: {type: Recreate}${template}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: e}
spec:
  replicas: 0
  strategy: {rollingUpdate: {maxUnavailable: 100%}}${template}
`,
    },
    {
      name: 'replicas left to an HPA: an integer cannot be judged; Recreate allowed by option',
      options: { allowRecreate: true },
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: a}
spec:
  strategy: {rollingUpdate: {maxUnavailable: 1}}${template}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: b}
spec:
  replicas: 3
  strategy: {type: Recreate}${template}
`,
    },
  ],
  invalid: [
    {
      name: 'maxUnavailable 100%',
      doc: true,
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 100%${template}
`,
      findings: [
        {
          path: 'spec.strategy.rollingUpdate.maxUnavailable',
          message: 'maxUnavailable 100% lets a rollout stop all 3 pods at once',
        },
      ],
    },
    {
      name: 'an integer at least the replica count; 100% with replicas unset',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: a}
spec:
  replicas: 2
  strategy: {rollingUpdate: {maxUnavailable: 2}}${template}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: b}
spec:
  strategy: {rollingUpdate: {maxUnavailable: 100%}}${template}
`,
      findings: [
        {
          path: 'spec.strategy.rollingUpdate.maxUnavailable',
          message: 'maxUnavailable 2 (2 pods) lets a rollout stop all 2 pods',
        },
        { path: 'spec.strategy.rollingUpdate.maxUnavailable', message: 'lets a rollout stop every pod at once' },
      ],
    },
    {
      name: 'Recreate with several replicas; percentages that resolve to 0 with one replica',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: a}
spec:
  replicas: 3
  strategy: {type: Recreate}${template}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: b}
spec:
  replicas: 1
  strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 10%}}${template}
`,
      findings: [
        { path: 'spec.strategy.type', message: 'the Recreate strategy stops all 3 pods before starting new ones' },
        { path: 'spec.strategy.rollingUpdate.maxSurge', message: 'both resolve to 0 for 1 replica' },
      ],
    },
  ],
});

import { ruleTester } from '../../testing/rule-tester.js';
import rule from './secret-via-env.js';

ruleTester(rule, {
  valid: [
    {
      name: 'the Secret mounted as a read-only file; env from a ConfigMap and literals',
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
        image: shop/web:1.4.2
        env:
        - {name: DB_PASSWORD_FILE, value: /etc/secrets/db/password}
        - name: LOG_LEVEL
          valueFrom: {configMapKeyRef: {name: web, key: logLevel}}
        envFrom: [{configMapRef: {name: web}}]
        volumeMounts: [{name: db, mountPath: /etc/secrets/db, readOnly: true}]
      volumes:
      - name: db
        secret: {secretName: db}
`,
    },
  ],
  invalid: [
    {
      name: 'a Secret key read into an env var',
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
        image: shop/web:1.4.2
        env:
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef: {name: db, key: password}
`,
      findings: [
        {
          path: 'spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef',
          message: 'container "web" reads key "password" of Secret "db" into env var DB_PASSWORD: mount it as a file instead',
        },
      ],
    },
    {
      name: 'envFrom secretRef; init and ephemeral containers; CronJob',
      yaml: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: sync}
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          initContainers:
          - name: fetch
            image: shop/fetch:1
            envFrom: [{configMapRef: {name: sync}}, {secretRef: {name: sync-creds}}]
          containers:
          - name: sync
            image: shop/sync:1
            env: [{name: TOKEN, valueFrom: {secretKeyRef: {name: sync-creds, key: token, optional: true}}}]
          ephemeralContainers:
          - name: debug
            image: busybox:1.36
            envFrom: [{secretRef: {name: sync-creds}}]
`,
      findings: [
        {
          path: 'spec.jobTemplate.spec.template.spec.initContainers[0].envFrom[1].secretRef',
          message: 'init container "fetch" loads every key of Secret "sync-creds" into its environment',
        },
        { path: 'spec.jobTemplate.spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef' },
        {
          path: 'spec.jobTemplate.spec.template.spec.ephemeralContainers[0].envFrom[0].secretRef',
          message: 'ephemeral container "debug"',
        },
      ],
    },
  ],
});

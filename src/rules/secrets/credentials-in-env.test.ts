import { ruleTester } from '../../testing/rule-tester.js';
import rule from './credentials-in-env.js';
import { b64, FAKE } from './fixtures.js';

ruleTester(rule, {
  valid: [
    {
      name: 'references, placeholders and non-secret values under credential-looking names',
      doc: true,
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      containers:
      - name: web
        image: shop/web:1.4.2
        env:
        - name: DB_PASSWORD
          valueFrom: {secretKeyRef: {name: db, key: password}}
        - {name: DB_PASSWORD_FILE, value: /var/run/secrets/db/password}
        - {name: DB_URL, value: "postgres://shop:$(DB_PASSWORD)@postgres:5432/shop"}
        - {name: API_TOKEN, value: "\${API_TOKEN}"}
        - {name: ADMIN_PASSWORD, value: changeme}
        - {name: SESSION_SECRET, value: "{{ .Values.sessionSecret }}"}
        - {name: TOKEN_TTL, value: "3600"}
        - {name: PASSWORD_RESET_ENABLED, value: "true"}
        - {name: TLS_SECRET, value: shop-tls}
        - {name: VAULT_TOKEN, value: "vault:secret/data/shop#token"}
        - {name: SENTRY_DSN, value: "https://0123456789abcdef0123456789abcdef@o12345.ingest.sentry.io/678"}
        - {name: AWS_ACCESS_KEY_ID_FILE, value: /var/run/secrets/aws/key-id}
        - {name: GOOGLE_APPLICATION_CREDENTIALS, value: /var/secrets/google/key.json}
        - {name: AUTH_URL, value: "https://login.shop.io/oauth/token"}
`,
    },
    {
      name: 'ConfigMaps with ordinary configuration, public certificates and policy files',
      yaml: `
apiVersion: v1
kind: ConfigMap
metadata: {name: kube-root-ca.crt}
data:
  ca.crt: |
    -----BEGIN CERTIFICATE-----
    MIIDdzCCAl+gAwIBAgIEMIIDdzCCAl+gAwIBAgIEMIIDdzCCAl+gAwIBAgIEMIID
    -----END CERTIFICATE-----
---
apiVersion: v1
kind: ConfigMap
metadata: {name: app}
data:
  LOG_LEVEL: debug
  password-policy.json: '{"minLength": 12, "requireDigits": true}'
  SECRET_NAME: shop-db
  application.properties: |
    spring.datasource.url=jdbc:postgresql://postgres:5432/shop
    spring.datasource.password=\${DB_PASSWORD}
`,
    },
    {
      name: 'workloads using an external manager: the Vault Agent Injector and a Secrets Store CSI volume (Azure Key Vault) are credited for name-based matches',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: vault-app}
spec:
  template:
    metadata:
      annotations:
        vault.hashicorp.com/agent-inject: "true"
        vault.hashicorp.com/agent-inject-secret-db: database/creds/shop
    spec:
      containers:
      - name: app
        image: shop/app:2.0.0
        env: [{name: DB_PASSWORD, value: local-dev-only-42}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: kv-app}
spec:
  template:
    spec:
      containers:
      - name: app
        image: shop/app:2.0.0
        env: [{name: API_KEY, value: f3c9a1e7b2d84c06}]
        volumeMounts: [{name: kv, mountPath: /mnt/secrets, readOnly: true}]
      volumes:
      - name: kv
        csi:
          driver: secrets-store.csi.k8s.io
          readOnly: true
          volumeAttributes: {secretProviderClass: shop-kv}
---
apiVersion: v1
kind: Pod
metadata: {name: kv-pod}
spec:
  containers:
  - name: app
    image: shop/app:2.0.0
    env: [{name: AWS_ACCESS_KEY_ID, value: ${FAKE.awsKeyId}}]
  volumes:
  - name: kv
    csi: {driver: secrets-store.csi.k8s.io, volumeAttributes: {secretProviderClass: shop-kv}}
`,
    },
    {
      name: 'non-string values and entries without a value',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: shop/app:2.0.0
    env:
    - {name: PASSWORD}
    - name: TOKEN
      valueFrom: {configMapKeyRef: {name: app, key: token}}
    envFrom: [{secretRef: {name: app}}]
`,
    },
  ],
  invalid: [
    {
      name: 'literal credentials in a Deployment: by name and by pattern',
      doc: true,
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      containers:
      - name: web
        image: shop/web:1.4.2
        env:
        - name: DB_PASSWORD
          value: Tr0ub4dor-and-3
        - name: DATABASE_URL
          value: postgres://shop:Xk29-fLq@postgres:5432/shop
`,
      findings: [
        {
          path: 'spec.template.spec.containers[0].env[0].value',
          message: 'env var DB_PASSWORD of container "web" has a literal value that looks like a password (by its name)',
        },
        {
          path: 'spec.template.spec.containers[0].env[1].value',
          message: 'env var DATABASE_URL of container "web" holds a URL with an embedded password (user:password@host)',
        },
      ],
    },
    {
      name: 'init and ephemeral containers count; patterns whatever the name',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
  - name: migrate
    image: shop/migrate:1
    env:
    - {name: DATABASE_URL, value: "${FAKE.dbUrl}"}
    - {name: CONFIG, value: "${FAKE.azureStorage}"}
  containers:
  - name: app
    image: shop/app:1
    env:
    - {name: GH, value: ${FAKE.github}}
    - {name: ID, value: ${FAKE.awsKeyId}}
    - {name: AUTH_HEADER_VALUE, value: "Bearer ${FAKE.jwt}"}
    - {name: NOTIFY_HOOK, value: "${FAKE.slackWebhook}"}
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
    env: [{name: AWS_SECRET_ACCESS_KEY, value: "${FAKE.awsSecretKey}"}]
`,
      findings: [
        {
          path: 'spec.initContainers[0].env[0].value',
          message: 'init container "migrate" holds a URL with an embedded password',
        },
        { path: 'spec.initContainers[0].env[1].value', message: 'an Azure storage account key' },
        { path: 'spec.containers[0].env[0].value', message: 'a GitHub token' },
        { path: 'spec.containers[0].env[1].value', message: 'an AWS access key ID' },
        { path: 'spec.containers[0].env[2].value', message: 'a JSON Web Token' },
        { path: 'spec.containers[0].env[3].value', message: 'a Slack incoming-webhook URL' },
        {
          path: 'spec.ephemeralContainers[0].env[0].value',
          message: 'ephemeral container "debug" has a literal value that looks like a secret',
        },
      ],
    },
    {
      name: 'a credited workload still reports a live credential pattern',
      yaml: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          annotations: {vault.hashicorp.com/agent-inject: "1"}
        spec:
          restartPolicy: OnFailure
          containers:
          - name: report
            image: shop/report:1
            env:
            - {name: DB_PASSWORD, value: local-dev-only-42}
            - {name: STRIPE, value: ${FAKE.stripe}}
`,
      findings: [{ path: 'spec.jobTemplate.spec.template.spec.containers[0].env[1].value', message: 'a Stripe live secret key' }],
    },
    {
      name: 'a vault annotation that does not parse as true does not credit',
      yaml: `
apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations: {vault.hashicorp.com/agent-inject: "enabled"}
spec:
  containers:
  - name: app
    image: shop/app:1
    env: [{name: REDIS_PASS, value: local-dev-only-42}]
`,
      findings: [{ path: 'spec.containers[0].env[0].value', message: 'looks like a password' }],
    },
    {
      name: 'ConfigMaps: credential names, connection strings with a password, files with a private key',
      yaml: `
apiVersion: v1
kind: ConfigMap
metadata: {name: app}
data:
  SMTP_PASSWORD: mail-Pa55-2024
  ConnectionStrings__Default: "Server=sql;Database=shop;User Id=shop;Password=Str0ng!Pass;"
  credentials.json: '{"user": "shop", "secret": "k7Qz9Wm2Rp4Tx8Vn"}'
  deploy_key: |
    ${FAKE.privateKey.replace(/\n/g, '\n    ')}
  application.properties: |
    spring.datasource.url=jdbc:postgresql://postgres:5432/shop
    spring.datasource.username=shop
    spring.datasource.password=Sh0p-db-2024
  kubeconfig: |
    apiVersion: v1
    kind: Config
    users:
    - name: ci
      user:
        client-certificate-data: ${b64(FAKE.certificate)}
        client-key-data: ${b64(FAKE.privateKey)}
`,
      findings: [
        { path: 'data.SMTP_PASSWORD', message: 'ConfigMap key "SMTP_PASSWORD" has a literal value that looks like a password' },
        { path: 'data.ConnectionStrings__Default', message: 'a connection string with an embedded secret' },
        { path: 'data["credentials.json"]', message: 'looks like a secret, token or key' },
        { path: 'data.deploy_key', message: 'holds a PEM private key (RSA PRIVATE KEY)' },
        { path: 'data["application.properties"]', message: 'holds a credential in its "spring.datasource.password" setting' },
        { path: 'data.kubeconfig', message: 'holds a base64-encoded PEM private key (RSA PRIVATE KEY)' },
      ],
    },
  ],
});

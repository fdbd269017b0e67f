import { ruleTester } from '../../testing/rule-tester.js';
import rule from './secrets-without-external-manager.js';

ruleTester(rule, {
  valid: [
    {
      name: 'a Secret synced by an ExternalSecret of the input',
      doc: true,
      yaml: `
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata: {name: db, namespace: shop}
spec:
  refreshInterval: 1h
  secretStoreRef: {name: azure-kv, kind: ClusterSecretStore}
  target: {name: db}
  data: [{secretKey: password, remoteRef: {key: shop-db-password}}]
---
apiVersion: v1
kind: Secret
metadata: {name: db, namespace: shop}
stringData: {password: ""}
`,
    },
    {
      name: 'Secrets with no values, service-account tokens, a SealedSecret, a CSI sync, an owner reference',
      yaml: `
apiVersion: v1
kind: Secret
metadata: {name: filled-at-runtime}
data: {}
---
apiVersion: v1
kind: Secret
metadata: {name: empty-values}
stringData: {password: ""}
---
apiVersion: v1
kind: Secret
metadata: {name: bot-token, annotations: {kubernetes.io/service-account.name: bot}}
type: kubernetes.io/service-account-token
data: {token: ZXlKaGJHY2lPaUpTVXpJMU5pSjk=}
---
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata: {name: smtp}
spec: {encryptedData: {password: AgBy3i4OJSWK}}
---
apiVersion: v1
kind: Secret
metadata: {name: smtp}
data: {password: QWdCeTNp}
---
apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata: {name: kv}
spec:
  provider: azure
  secretObjects: [{secretName: kv-sync, type: Opaque, data: [{objectName: api-key, key: key}]}]
---
apiVersion: v1
kind: Secret
metadata: {name: kv-sync}
data: {key: a2V5}
---
apiVersion: v1
kind: Secret
metadata:
  name: owned
  ownerReferences: [{apiVersion: bitnami.com/v1alpha1, kind: SealedSecret, name: owned, uid: 6f1c3a52-0000-0000-0000-000000000002}]
data: {key: a2V5}
`,
    },
    {
      name: 'a SOPS-encrypted Secret when creditEncryptedManifests is on',
      options: { creditEncryptedManifests: true },
      yaml: `
apiVersion: v1
kind: Secret
metadata: {name: db}
stringData: {password: "ENC[AES256_GCM,data:cGFzcw==,iv:aXY=,tag:dGFn,type:str]"}
sops: {version: 3.9.0}
`,
    },
  ],
  invalid: [
    {
      name: 'a Secret written by hand',
      doc: true,
      yaml: `
apiVersion: v1
kind: Secret
metadata: {name: api, namespace: shop}
type: Opaque
data:
  token: \${API_TOKEN_B64}
`,
      findings: [
        {
          path: 'data',
          message:
            'Secret "api" (Opaque) is not produced by an external secret manager in the input (ExternalSecret, SealedSecret, SecretProviderClass, Vault Secrets Operator)',
        },
      ],
    },
    {
      name: 'a SOPS-encrypted Secret by default; an ExternalSecret in another namespace does not count',
      yaml: `
apiVersion: v1
kind: Secret
metadata: {name: db}
stringData: {password: "ENC[AES256_GCM,data:cGFzcw==,iv:aXY=,tag:dGFn,type:str]"}
sops: {version: 3.9.0}
---
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata: {name: cache, namespace: other}
spec: {target: {name: cache}}
---
apiVersion: v1
kind: Secret
metadata: {name: cache}
data: {password: cGFzcw==}
`,
      findings: [
        { path: 'stringData', message: 'it is SOPS-encrypted in Git (set creditEncryptedManifests to accept that)' },
        { path: 'data', message: 'Secret "cache" is not produced' },
      ],
    },
  ],
});

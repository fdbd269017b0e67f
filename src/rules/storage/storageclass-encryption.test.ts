import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate } from '../../core/engine.js';
import type { KubeObject } from '../../core/objects.js';
import { defaultOptions } from '../../core/rule.js';
import { loadText } from '../../load/files.js';
import { ruleTester } from '../../testing/rule-tester.js';
import rule from './storageclass-encryption.js';

ruleTester(rule, {
  valid: [
    {
      name: 'customer-managed keys on each cloud (parameter keys are case-insensitive)',
      doc: true,
      yaml: `
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: managed-csi-cmk}
provisioner: disk.csi.azure.com
parameters:
  skuName: Premium_LRS
  diskEncryptionSetID: /subscriptions/0000/resourceGroups/shop/providers/Microsoft.Compute/diskEncryptionSets/shop-des
  diskEncryptionType: EncryptionAtRestWithPlatformAndCustomerKeys
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: gp3-encrypted}
provisioner: ebs.csi.aws.com
parameters:
  type: gp3
  encrypted: "true"
  kmskeyid: arn:aws:kms:eu-west-1:123456789012:key/0000aaaa-bb11-cc22-dd33-eeeeee444444
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: pd-cmek}
provisioner: pd.csi.storage.gke.io
parameters:
  type: pd-balanced
  disk-encryption-kms-key: projects/shop/locations/europe-west1/keyRings/gke/cryptoKeys/pd
`,
    },
    {
      name: 'EBS encrypted with the default aws/ebs key; in-tree provisioners; other provisioners are not checked',
      yaml: `
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: gp2}
provisioner: kubernetes.io/aws-ebs
parameters: {type: gp2, Encrypted: "true"}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: azurefile}
provisioner: file.csi.azure.com
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: local}
provisioner: kubernetes.io/no-provisioner
`,
    },
    {
      name: 'clouds not selected by the option are not checked',
      options: { clouds: ['aws'] },
      yaml: `
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: default}
provisioner: disk.csi.azure.com
parameters: {skuName: StandardSSD_LRS}
`,
    },
  ],
  invalid: [
    {
      name: 'an EBS class without encryption',
      doc: true,
      yaml: `
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: gp3}
provisioner: ebs.csi.aws.com
parameters:
  type: gp3
`,
      findings: [
        {
          path: 'parameters',
          message:
            'EBS volumes of this class are created unencrypted (no encrypted: "true"), unless the account enables EBS encryption by default',
        },
      ],
    },
    {
      name: 'EBS: encrypted "false", or "True" (the driver compares to "true"); kmsKeyId alone is ignored',
      yaml: `
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: a}
provisioner: ebs.csi.aws.com
parameters: {encrypted: "false"}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: b}
provisioner: ebs.csi.eks.amazonaws.com
parameters: {encrypted: "True"}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: c}
provisioner: kubernetes.io/aws-ebs
parameters: {kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/x"}
`,
      findings: [
        { path: 'parameters.encrypted', message: 'encrypted is "false"' },
        { path: 'parameters.encrypted', message: 'encrypted is "True", the driver encrypts only with "true"' },
        { path: 'parameters', message: 'kmsKeyId is ignored without it' },
      ],
    },
    {
      name: 'Azure: platform-managed keys only; diskEncryptionType alone does nothing; no parameters at all',
      yaml: `
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: managed-premium}
provisioner: kubernetes.io/azure-disk
parameters: {skuName: Premium_LRS, kind: Managed}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: typed}
provisioner: disk.csi.azure.com
parameters: {diskEncryptionType: EncryptionAtRestWithCustomerKey}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: bare}
provisioner: disk.csi.azure.com
`,
      findings: [
        { path: 'parameters', message: 'platform-managed keys only: set diskEncryptionSetID' },
        { path: 'parameters.diskEncryptionType', message: 'diskEncryptionType has no effect without diskEncryptionSetID' },
        { path: 'provisioner', message: 'platform-managed keys only' },
      ],
    },
    {
      name: 'GCE PD without CMEK; an empty key',
      yaml: `
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: standard-rwo}
provisioner: pd.csi.storage.gke.io
parameters: {type: pd-balanced}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: empty}
provisioner: kubernetes.io/gce-pd
parameters: {disk-encryption-kms-key: ""}
`,
      findings: [
        { path: 'parameters', message: 'Google-managed keys only' },
        { path: 'parameters.disk-encryption-kms-key', message: 'set disk-encryption-kms-key' },
      ],
    },
  ],
});

describe('storageclass-encryption severities and options', () => {
  const load = (yaml: string) => {
    const objects: KubeObject[] = [];
    loadText(yaml, 'case.yaml', (o) => objects.push(o));
    return objects;
  };
  const run = (yaml: string, options: Record<string, unknown> = {}) =>
    evaluate(load(yaml), {
      rules: [{ rule, severity: rule.meta.severity, options: { ...defaultOptions(rule.meta), ...options } }],
      today: '2026-01-01',
    });
  const classes = `
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: ebs}
provisioner: ebs.csi.aws.com
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: azure}
provisioner: disk.csi.azure.com
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: gce}
provisioner: pd.csi.storage.gke.io
`;

  it('an unencrypted EBS class is medium; platform-key-only Azure and GCE classes are low', () => {
    const bySc = Object.fromEntries(run(classes).findings.map((f) => [f.object.name, f.severity]));
    assert.deepEqual(bySc, { ebs: 'medium', azure: 'low', gce: 'low' });
  });

  it('an unknown cloud in the option is an error, not a pass', () => {
    const result = run(classes, { clouds: ['aws', 'oracle'] });
    assert.equal(result.findings.length, 0);
    assert.match(result.ruleErrors[0]?.message ?? '', /unknown cloud "oracle"/);
  });
});

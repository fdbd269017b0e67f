import { apiGroup, isRecord, str, type JsonObject } from '../../core/objects.js';
import type { Path } from '../../core/path.js';
import { defineRule } from '../../core/rule.js';

type Cloud = 'azure' | 'aws' | 'gcp';
const CLOUDS: readonly Cloud[] = ['azure', 'aws', 'gcp'];

/** Block-storage provisioners per cloud: CSI drivers and the in-tree names they migrated from
 *  (CSI migration hands in-tree StorageClass parameters to the CSI driver unchanged). */
const PROVISIONERS: Readonly<Record<string, Cloud>> = {
  'disk.csi.azure.com': 'azure',
  'kubernetes.io/azure-disk': 'azure',
  'ebs.csi.aws.com': 'aws',
  'ebs.csi.eks.amazonaws.com': 'aws', // EKS Auto Mode
  'kubernetes.io/aws-ebs': 'aws',
  'pd.csi.storage.gke.io': 'gcp',
  'kubernetes.io/gce-pd': 'gcp',
};

/** The drivers read parameter keys case-insensitively (they lowercase them). */
function param(params: JsonObject, name: string): { key: string; value: unknown } | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(params)) if (key.toLowerCase() === lower) return { key, value };
  return undefined;
}

const nonEmpty = (v: unknown) => (typeof v === 'string' ? v.trim() !== '' : v !== undefined && v !== null);

export default defineRule({
  meta: {
    id: 'storageclass-encryption',
    title: 'StorageClasses should encrypt volumes with a customer-managed key',
    severity: 'medium',
    category: 'storage',
    targets: ['StorageClass'],
    needs: 'object',
    optIn: true,
    options: {
      clouds: {
        type: 'string[]',
        default: ['azure', 'aws', 'gcp'] as string[],
        description: 'Clouds whose disk provisioners are checked: any of "azure", "aws", "gcp".',
      },
    },
    controls: [
      { framework: 'soc2', id: 'CC6.1' },
      { framework: 'hipaa', id: '164.312(a)(2)(iv)' },
      { framework: 'gdpr', id: 'Art. 32(1)(a)' },
    ],
    description:
      'Persistent volumes hold the data of databases and queues; encryption at rest under a key the organisation ' +
      'controls (and can rotate, audit and revoke) is what HIPAA 164.312(a)(2)(iv), GDPR Art. 32 and most internal ' +
      'policies ask for. What the rule checks per provisioner (parameter names as the CSI drivers read them, ' +
      'case-insensitively): AWS EBS (ebs.csi.aws.com, ebs.csi.eks.amazonaws.com, kubernetes.io/aws-ebs) creates ' +
      'UNENCRYPTED volumes unless `encrypted: "true"` (the driver compares the string to "true"; `kmsKeyId` is only ' +
      'used with it and otherwise the aws/ebs key is used) — or unless the account turned on EBS encryption by ' +
      'default, which a manifest cannot show. Azure Disk (disk.csi.azure.com, kubernetes.io/azure-disk) always encrypts ' +
      'at rest with platform-managed keys; this rule is about customer-managed keys: `diskEncryptionSetID` (a Disk ' +
      'Encryption Set backed by Key Vault). `diskEncryptionType` only selects how that set is used ' +
      '(EncryptionAtRestWithCustomerKey, EncryptionAtRestWithPlatformAndCustomerKeys) and does nothing alone. GCE PD ' +
      '(pd.csi.storage.gke.io, kubernetes.io/gce-pd) always encrypts with Google-managed keys; a customer-managed key ' +
      '(CMEK) needs `disk-encryption-kms-key`. Findings for Azure and GCP are reported at low severity (data is ' +
      'encrypted, only not under your key); an unencrypted EBS class at medium. Opt-in, per cloud (`clouds`).',
    remediation:
      'AWS: set parameters.encrypted: "true" (and kmsKeyId: the ARN of a customer-managed KMS key). Azure: create a ' +
      'Disk Encryption Set on a Key Vault key and set parameters.diskEncryptionSetID to its resource ID. GCP: set ' +
      'parameters.disk-encryption-kms-key to projects/P/locations/L/keyRings/R/cryptoKeys/K and grant the Compute ' +
      'Engine service agent use of the key. StorageClass parameters cannot be changed in place: create a new class ' +
      '(or delete and recreate it); existing volumes keep their encryption.',
    references: [
      'https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/parameters.md',
      'https://github.com/kubernetes-sigs/azuredisk-csi-driver/blob/master/docs/driver-parameters.md',
      'https://learn.microsoft.com/azure/aks/azure-disk-customer-managed-keys',
      'https://cloud.google.com/kubernetes-engine/docs/how-to/using-cmek',
    ],
  },
  check(obj, ctx) {
    if (apiGroup(obj.id.apiVersion) !== 'storage.k8s.io') return;
    const unknown = ctx.options.clouds.filter((c) => !(CLOUDS as readonly string[]).includes(c));
    if (unknown.length > 0)
      throw new Error(
        `option storageclass-encryption.clouds: unknown cloud ${unknown.map((c) => `"${c}"`).join(', ')} (use ${CLOUDS.join(', ')})`,
      );
    const provisioner = str(obj.value.provisioner) ?? '';
    const cloud = PROVISIONERS[provisioner];
    if (!cloud || !ctx.options.clouds.includes(cloud)) return;
    const params = isRecord(obj.value.parameters) ? obj.value.parameters : {};
    const at = (key?: string): Path =>
      key ? ['parameters', key] : isRecord(obj.value.parameters) ? ['parameters'] : ['provisioner'];

    if (cloud === 'aws') {
      const enc = param(params, 'encrypted');
      if (enc?.value === 'true' || enc?.value === true) return;
      const kms = param(params, 'kmsKeyId');
      const ignored = kms && nonEmpty(kms.value) ? `; ${kms.key} is ignored without it` : '';
      ctx.report({
        path: at(enc?.key),
        message: enc
          ? `EBS volumes of this class are not encrypted: ${enc.key} is ${JSON.stringify(enc.value)}, the driver encrypts only with "true"${ignored}`
          : `EBS volumes of this class are created unencrypted (no encrypted: "true"), unless the account enables EBS encryption by default${ignored}`,
      });
      return;
    }
    if (cloud === 'azure') {
      const des = param(params, 'diskEncryptionSetID');
      if (des && nonEmpty(des.value)) return;
      const type = param(params, 'diskEncryptionType');
      ctx.report({
        path: at(des?.key ?? type?.key),
        severity: 'low',
        message:
          type && !des
            ? `${type.key} has no effect without diskEncryptionSetID: Azure disks of this class are encrypted with platform-managed keys only, not a customer-managed key`
            : 'Azure disks of this class are encrypted with platform-managed keys only: set diskEncryptionSetID for a customer-managed key',
      });
      return;
    }
    const kms = param(params, 'disk-encryption-kms-key');
    if (kms && nonEmpty(kms.value)) return;
    ctx.report({
      path: at(kms?.key),
      severity: 'low',
      message:
        'persistent disks of this class are encrypted with Google-managed keys only: set disk-encryption-kms-key for a customer-managed key (CMEK)',
    });
  },
});

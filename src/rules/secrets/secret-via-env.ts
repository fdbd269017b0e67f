import { containerLabel, containersOf, isRecord, POD_BEARING_KINDS, str } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'secret-via-env',
    title: 'Prefer Secrets mounted as files over environment variables',
    severity: 'low',
    category: 'secrets',
    targets: POD_BEARING_KINDS,
    needs: 'object',
    optIn: true,
    controls: [
      { framework: 'cis-k8s', id: '5.4.1' },
      { framework: 'mitre', id: 'T1552.007' },
    ],
    description:
      'Secrets passed as environment variables (env[].valueFrom.secretKeyRef, envFrom[].secretRef) are easier to ' +
      'leak than mounted files: applications print their environment in crash reports and debug endpoints, child ' +
      'processes inherit it, it shows in /proc/<pid>/environ, and env values are not updated when the Secret ' +
      'changes (CIS Kubernetes Benchmark 5.4.1). Init and ephemeral containers count. Opt-in, because many ' +
      'applications can only read configuration from the environment. Where the Secret comes from (External Secrets ' +
      'Operator, a Secrets Store CSI sync, Vault) does not change this: the exposure is the environment itself.',
    remediation:
      'Mount the Secret as a volume (secret volume or projected volume, readOnly) and have the application read the ' +
      'file (many frameworks support a *_FILE variable pointing at it). With the Secrets Store CSI driver, read the ' +
      'mounted files instead of syncing them into a Secret for env.',
    references: ['https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod'],
  },
  check(obj, ctx) {
    for (const c of containersOf(obj)) {
      const label = containerLabel(c);
      const env = Array.isArray(c.container.env) ? c.container.env : [];
      env.forEach((e: unknown, i) => {
        const ref = isRecord(e) && isRecord(e.valueFrom) ? e.valueFrom.secretKeyRef : undefined;
        if (!isRecord(ref) || !isRecord(e)) return;
        ctx.report({
          path: [...c.path, 'env', i, 'valueFrom', 'secretKeyRef'],
          message: `${label} reads key "${str(ref.key) ?? ''}" of Secret "${str(ref.name) ?? ''}" into env var ${str(e.name) ?? ''}: mount it as a file instead`,
        });
      });
      const envFrom = Array.isArray(c.container.envFrom) ? c.container.envFrom : [];
      envFrom.forEach((e: unknown, i) => {
        const ref = isRecord(e) ? e.secretRef : undefined;
        if (!isRecord(ref)) return;
        ctx.report({
          path: [...c.path, 'envFrom', i, 'secretRef'],
          message: `${label} loads every key of Secret "${str(ref.name) ?? ''}" into its environment (envFrom): mount it as a file instead`,
        });
      });
    }
  },
});

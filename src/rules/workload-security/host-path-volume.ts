import { isRecord, podTemplateOf, POD_BEARING_KINDS, str } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'host-path-volume',
    title: 'Pods must not mount hostPath volumes',
    severity: 'high',
    category: 'workload-security',
    targets: POD_BEARING_KINDS,
    needs: 'object',
    controls: [
      { framework: 'pss', id: 'baseline/hostPathVolumes' },
      { framework: 'cis-k8s', id: '5.2.12' },
      { framework: 'mitre', id: 'T1611' },
    ],
    description:
      "A hostPath volume mounts a file or directory of the node into the pod. Mounting the container runtime's socket, /etc, " +
      "/var/lib/kubelet or / hands over the node, and even a read-only mount can leak other pods' secrets and the kubelet's " +
      'credentials. Pod Security "baseline" forbids hostPath volumes.',
    remediation:
      'Replace the hostPath volume with an emptyDir, a PersistentVolumeClaim, a ConfigMap/Secret or a projected volume. For ' +
      'node agents that truly need host files, run them in a dedicated namespace exempted from the policy, mount the narrowest ' +
      'path read-only, and document the exception.',
    references: [
      'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    ],
  },
  check(obj, ctx) {
    const tpl = podTemplateOf(obj);
    const volumes = tpl?.spec.volumes;
    if (!tpl || !Array.isArray(volumes)) return;
    volumes.forEach((v: unknown, i) => {
      if (!isRecord(v) || v.hostPath === undefined || v.hostPath === null) return;
      const name = str(v.name) ?? `#${i}`;
      const hostPath = isRecord(v.hostPath) ? str(v.hostPath.path) : undefined;
      ctx.report({
        path: [...tpl.specPath, 'volumes', i, 'hostPath'],
        message: `volume "${name}" mounts ${hostPath === undefined ? 'a path' : `"${hostPath}"`} from the host`,
      });
    });
  },
});

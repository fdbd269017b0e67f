import { containersOf, isRecord, podTemplateOf, POD_BEARING_KINDS, type KubeObject } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'host-network',
    title: 'Pods must not use the host network',
    severity: 'high',
    category: 'workload-security',
    targets: POD_BEARING_KINDS,
    needs: 'object',
    controls: [
      { framework: 'pss', id: 'baseline/hostNamespaces' },
      { framework: 'cis-k8s', id: '5.2.5' },
      { framework: 'mitre', id: 'T1611' },
    ],
    description:
      "With hostNetwork: true the pod shares the node's network namespace: it can bind any port of the node, reach services " +
      "listening on the node's loopback (the kubelet, node-local agents), sniff node traffic and bypass NetworkPolicies. " +
      'Pod Security "baseline" forbids sharing host namespaces.',
    remediation:
      'Remove spec.hostNetwork (or set it to false) and expose the pod through a Service; use hostPort or a NodePort only where ' +
      'a node port is really needed.',
    references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  },
  check(obj, ctx) {
    const tpl = podTemplateOf(obj);
    if (!tpl || tpl.spec.hostNetwork !== true) return;
    const hint = usesHostProcess(obj) ? ' (its Windows HostProcess containers require it)' : '';
    ctx.report({
      path: [...tpl.specPath, 'hostNetwork'],
      message: `the pod shares the host's network namespace: hostNetwork is true${hint}`,
    });
  },
  fix(obj, finding) {
    // The API rejects a HostProcess pod without hostNetwork: true.
    if (usesHostProcess(obj)) return undefined;
    return [{ op: 'remove', path: finding.path }];
  },
});

/** Windows HostProcess, set at the pod or at any container. */
function usesHostProcess(obj: Pick<KubeObject, 'id' | 'value'>): boolean {
  const hostProcess = (sc: unknown) => isRecord(sc) && isRecord(sc.windowsOptions) && sc.windowsOptions.hostProcess === true;
  const tpl = podTemplateOf(obj);
  return (
    !!tpl && (hostProcess(tpl.spec.securityContext) || containersOf(obj).some((c) => hostProcess(c.container.securityContext)))
  );
}

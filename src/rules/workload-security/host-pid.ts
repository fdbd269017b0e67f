import { podTemplateOf, POD_BEARING_KINDS } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'host-pid',
    title: 'Pods must not share the host process namespace',
    severity: 'high',
    category: 'workload-security',
    targets: POD_BEARING_KINDS,
    needs: 'object',
    controls: [
      { framework: 'pss', id: 'baseline/hostNamespaces' },
      { framework: 'cis-k8s', id: '5.2.3' },
      { framework: 'mitre', id: 'T1611' },
    ],
    description:
      'With hostPID: true the pod sees every process of the node: it can read their command lines and environments (secrets ' +
      'included), signal them, and, with enough privileges, enter their namespaces through /proc (nsenter) to escape to the host. ' +
      'Pod Security "baseline" forbids sharing host namespaces.',
    remediation:
      'Remove spec.hostPID (or set it to false). To share processes between the containers of one pod, use ' +
      'shareProcessNamespace instead.',
    references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  },
  check(obj, ctx) {
    const tpl = podTemplateOf(obj);
    if (!tpl || tpl.spec.hostPID !== true) return;
    ctx.report({
      path: [...tpl.specPath, 'hostPID'],
      message: "the pod shares the host's process ID namespace: hostPID is true",
    });
  },
  fix(_obj, finding) {
    return [{ op: 'remove', path: finding.path }];
  },
});

import { podTemplateOf, POD_BEARING_KINDS } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'host-ipc',
    title: 'Pods must not share the host IPC namespace',
    severity: 'high',
    category: 'workload-security',
    targets: POD_BEARING_KINDS,
    needs: 'object',
    controls: [
      { framework: 'pss', id: 'baseline/hostNamespaces' },
      { framework: 'cis-k8s', id: '5.2.4' },
      { framework: 'mitre', id: 'T1611' },
    ],
    description:
      "With hostIPC: true the pod shares the node's System V IPC namespace and POSIX message queues: it can read and write the " +
      'shared memory segments of every process on the node, and tamper with or eavesdrop on their inter-process communication. ' +
      'Pod Security "baseline" forbids sharing host namespaces.',
    remediation:
      'Remove spec.hostIPC (or set it to false). Containers of one pod already share an IPC namespace; use a shared emptyDir ' +
      '(medium: Memory) for shared memory between them.',
    references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  },
  check(obj, ctx) {
    const tpl = podTemplateOf(obj);
    if (!tpl || tpl.spec.hostIPC !== true) return;
    ctx.report({ path: [...tpl.specPath, 'hostIPC'], message: "the pod shares the host's IPC namespace: hostIPC is true" });
  },
  fix(_obj, finding) {
    return [{ op: 'remove', path: finding.path }];
  },
});

import { containerLabel, containersOf, isRecord, POD_BEARING_KINDS } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'privileged-container',
    title: 'Containers must not run privileged',
    severity: 'critical',
    category: 'workload-security',
    targets: POD_BEARING_KINDS,
    needs: 'object',
    controls: [
      { framework: 'pss', id: 'baseline/privileged' },
      { framework: 'cis-k8s', id: '5.2.2' },
      { framework: 'mitre', id: 'T1611' },
    ],
    description:
      "A privileged container has every capability and full access to the host's devices; breaking out of it to the node is trivial. " +
      'Kubernetes Pod Security "baseline" forbids it for all containers, init and ephemeral ones included.',
    remediation:
      'Remove securityContext.privileged or set it to false; grant only the specific capabilities the container needs.',
  },
  check(obj, ctx) {
    for (const c of containersOf(obj)) {
      const sc = c.container.securityContext;
      if (isRecord(sc) && sc.privileged === true) {
        ctx.report({ path: [...c.path, 'securityContext', 'privileged'], message: `${containerLabel(c)} runs privileged` });
      }
    }
  },
  fix(_obj, finding) {
    return [{ op: 'replace', path: finding.path, value: false }];
  },
});

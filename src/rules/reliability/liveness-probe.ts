import { defineRule } from '../../core/rule.js';
import { checkProbe, LONG_RUNNING_KINDS } from './probes.js';

export default defineRule({
  meta: {
    id: 'liveness-probe',
    title: 'Long-running containers must have a liveness probe',
    severity: 'medium',
    category: 'reliability',
    targets: LONG_RUNNING_KINDS,
    needs: 'object',
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    description:
      'Kubernetes restarts a container only when its process exits; one that deadlocks or hangs keeps running, and failing, ' +
      'until someone notices. A liveness probe lets the kubelet detect that and restart it. Native sidecars (init containers ' +
      'with restartPolicy: Always) are checked too; Jobs, CronJobs and pods that run to completion are skipped.',
    remediation:
      'Add a livenessProbe that checks the process can make progress (a cheap endpoint, not its dependencies), with a ' +
      "failureThreshold higher than the readiness probe's; use a startupProbe for slow starts.",
    references: ['https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/'],
  },
  check(obj, ctx) {
    checkProbe(obj, (f) => ctx.report(f), 'livenessProbe', 'liveness');
  },
});

import { defineRule } from '../../core/rule.js';
import { checkProbe, LONG_RUNNING_KINDS } from './probes.js';

export default defineRule({
  meta: {
    id: 'readiness-probe',
    title: 'Long-running containers must have a readiness probe',
    severity: 'medium',
    category: 'reliability',
    targets: LONG_RUNNING_KINDS,
    needs: 'object',
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    description:
      'Without a readiness probe a container counts as ready as soon as it starts, so Services send it traffic before it can ' +
      'serve and keep sending traffic while it is overloaded or cut off from its dependencies; rolling updates also move on ' +
      'before new pods work. Native sidecars (init containers with restartPolicy: Always) are checked too: their readiness ' +
      "gates the pod's. Jobs, CronJobs and pods that run to completion are skipped.",
    remediation:
      'Add a readinessProbe (httpGet, tcpSocket, grpc or exec) that succeeds only when the container can serve, e.g. ' +
      'httpGet: {path: /ready, port: 8080} with periodSeconds: 5.',
    references: ['https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/'],
  },
  check(obj, ctx) {
    checkProbe(obj, (f) => ctx.report(f), 'readinessProbe', 'readiness');
  },
});

import { containerLabel, isRecord, POD_BEARING_KINDS } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import { servingContainers } from '../consistency/ports.js';

export default defineRule({
  meta: {
    id: 'startup-probe-recommended',
    title: 'Slow-starting containers should use a startup probe instead of a long liveness delay',
    severity: 'low',
    category: 'reliability',
    targets: POD_BEARING_KINDS,
    needs: 'object',
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    options: {
      initialDelaySeconds: {
        type: 'number',
        default: 60,
        min: 0,
        integer: true,
        description: 'The longest liveness initialDelaySeconds accepted without a startupProbe.',
      },
    },
    description:
      'A long livenessProbe.initialDelaySeconds guesses how long the slowest start takes: too short and slow starts are ' +
      'killed in a loop, too long and a container that hangs right after starting (or after every restart) goes unnoticed ' +
      'for that long. A startupProbe holds off the liveness probe exactly until the container has started, and then the ' +
      'liveness probe can react quickly. Reported when initialDelaySeconds is above the threshold and the container has no ' +
      'startupProbe (regular containers and native sidecars).',
    remediation:
      'Add a startupProbe with the same handler as the liveness probe and failureThreshold × periodSeconds covering the ' +
      'slowest start (e.g. failureThreshold: 30, periodSeconds: 10), and lower the liveness initialDelaySeconds.',
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-startup-probes',
    ],
  },
  check(obj, ctx) {
    const max = ctx.options.initialDelaySeconds;
    for (const c of servingContainers(obj)) {
      const live = c.container.livenessProbe;
      if (!isRecord(live) || isRecord(c.container.startupProbe)) continue;
      const delay = live.initialDelaySeconds;
      if (typeof delay !== 'number' || delay <= max) continue;
      ctx.report({
        path: [...c.path, 'livenessProbe', 'initialDelaySeconds'],
        message: `${containerLabel(c)} delays its liveness probe by ${delay}s (more than ${max}s) without a startupProbe`,
      });
    }
  },
});

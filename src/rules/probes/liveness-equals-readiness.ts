import { containerLabel, isRecord, POD_BEARING_KINDS } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import { servingContainers } from '../consistency/ports.js';
import { canonicalHandler, timingOf } from './handlers.js';

export default defineRule({
  meta: {
    id: 'liveness-equals-readiness',
    title: 'Liveness probes must not fail together with the readiness probe',
    severity: 'medium',
    category: 'reliability',
    targets: POD_BEARING_KINDS,
    needs: 'object',
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    options: {
      ignoreTiming: {
        type: 'boolean',
        default: false,
        description:
          "Report every liveness probe with the same handler as the readiness probe, whatever the timing (kube-score's semantics).",
      },
    },
    description:
      'A readiness probe that fails takes the pod out of the Service so it can recover; a liveness probe that fails restarts ' +
      'the container. When both check the same thing (the same httpGet path and port, tcpSocket port, grpc service or exec ' +
      'command; named ports are resolved) and the liveness probe gives up no later than the readiness probe (failureThreshold ' +
      '× periodSeconds no longer, timeoutSeconds no longer, with the Kubernetes defaults 3 × 10s and 1s), a container that is ' +
      'merely overloaded or waiting on a dependency is restarted instead of being given a break. Under load that turns into a ' +
      'restart storm across all replicas. A liveness probe on the same endpoint with a longer failure window is not reported ' +
      '(kube-score reports any identical handler; set ignoreTiming for that). Regular containers and native sidecars are checked.',
    remediation:
      'Point the liveness probe at a cheap endpoint that only checks the process can make progress (not its dependencies), ' +
      'or give it a clearly longer failure window than the readiness probe (e.g. failureThreshold: 6); or drop the liveness ' +
      'probe if the process exits on fatal errors anyway.',
    references: [
      'https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/',
      'https://github.com/zegl/kube-score/blob/master/README_PROBES.md',
    ],
  },
  check(obj, ctx) {
    for (const c of servingContainers(obj)) {
      const live = c.container.livenessProbe;
      const ready = c.container.readinessProbe;
      if (!isRecord(live) || !isRecord(ready)) continue;
      const handler = canonicalHandler(live, c.container);
      if (handler === undefined || handler !== canonicalHandler(ready, c.container)) continue;
      const l = timingOf(live);
      const r = timingOf(ready);
      const window = (t: typeof l) => `${t.failureThreshold} × ${t.period}s`;
      const lWindow = l.failureThreshold * l.period;
      const rWindow = r.failureThreshold * r.period;
      if (!ctx.options.ignoreTiming && (lWindow > rWindow || l.timeout > r.timeout)) continue;
      const timing =
        lWindow === rWindow && l.timeout === r.timeout
          ? `with the same timing (${window(l)})`
          : lWindow <= rWindow && l.timeout <= r.timeout
            ? `and gives up no later (${window(l)} against ${window(r)})`
            : `(failure windows ${window(l)} against ${window(r)})`;
      ctx.report({
        path: [...c.path, 'livenessProbe'],
        message:
          `${containerLabel(c)} has a liveness probe that checks the same thing as its readiness probe ${timing}: ` +
          'a busy container is restarted instead of being taken out of rotation',
      });
    }
  },
});

import { isRecord } from '../../core/objects.js';
import type { Path } from '../../core/path.js';
import { defineRule } from '../../core/rule.js';
import { declaredReplicas, plural } from '../spreading/spreading.js';

/** An IntOrString of a rolling update scaled to a replica count as the Deployment controller does
 *  (maxSurge rounds up, maxUnavailable down); undefined when it is neither a whole number nor a
 *  percentage. */
function scaled(v: unknown, replicas: number, roundUp: boolean): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
  const pct = percent(v);
  if (pct === undefined) return undefined;
  const exact = (pct * replicas) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

function percent(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^(\d+)%$/.exec(v);
  return m ? Number(m[1]) : undefined;
}

export default defineRule({
  meta: {
    id: 'deployment-max-unavailable',
    title: 'Deployment rollouts must not take every pod down',
    severity: 'high',
    category: 'reliability',
    targets: ['Deployment'],
    needs: 'object',
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    options: {
      allowRecreate: {
        type: 'boolean',
        default: false,
        description: 'Do not report the Recreate strategy on Deployments with two or more replicas.',
      },
    },
    description:
      'A rolling update may stop up to maxUnavailable pods before their replacements are ready. When that is every pod ' +
      '(maxUnavailable: 100%, or a number at least spec.replicas, resolved as the controller does: percentages round down, ' +
      'and maxUnavailable 0 with maxSurge 0 means 1), each rollout is an outage. The Recreate strategy does the same by ' +
      'design: it stops all old pods before starting new ones; it is reported for Deployments with two or more replicas ' +
      '(a multi-replica workload is meant to stay up; single-replica Deployments, often on a ReadWriteOnce volume, need ' +
      'Recreate and are left to single-replica). Set allowRecreate when Recreate is deliberate. When spec.replicas is unset ' +
      '(usually because an HPA owns it) the replica count is unknown, so only 100% is reported.',
    remediation:
      'Use the RollingUpdate strategy with a maxUnavailable below the replica count (the default 25%, or 0 with maxSurge: 1 ' +
      'for zero-downtime rollouts), and a readiness probe so the rollout waits for new pods.',
    references: ['https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#strategy'],
  },
  check(obj, ctx) {
    const spec = isRecord(obj.value.spec) ? obj.value.spec : undefined;
    const r = declaredReplicas(obj);
    if (!spec || !r || (r.set && r.replicas === 0)) return;
    const strategy = isRecord(spec.strategy) ? spec.strategy : undefined;
    const type = strategy?.type ?? 'RollingUpdate';

    if (type === 'Recreate') {
      if (ctx.options.allowRecreate || !r.set || r.replicas < 2) return;
      ctx.report({
        path: ['spec', 'strategy', 'type'],
        message: `the Recreate strategy stops all ${r.replicas} pods before starting new ones: every rollout is an outage`,
      });
      return;
    }
    if (type !== 'RollingUpdate') return;

    const ru = isRecord(strategy?.rollingUpdate) ? strategy.rollingUpdate : undefined;
    const hasUnavailable = ru !== undefined && ru.maxUnavailable !== undefined && ru.maxUnavailable !== null;
    const hasSurge = ru !== undefined && ru.maxSurge !== undefined && ru.maxSurge !== null;
    const rawUnavailable = hasUnavailable ? ru.maxUnavailable : '25%';
    const rawSurge = hasSurge ? ru.maxSurge : '25%';
    const unavailablePath: Path = ['spec', 'strategy', 'rollingUpdate', 'maxUnavailable'];
    const shown = typeof rawUnavailable === 'string' ? rawUnavailable : JSON.stringify(rawUnavailable);

    const pct = percent(rawUnavailable);
    if (pct !== undefined && pct >= 100) {
      ctx.report({
        path: unavailablePath,
        message: `maxUnavailable ${shown} lets a rollout stop ${r.set ? `all ${plural(r.replicas, 'pod')}` : 'every pod'} at once`,
      });
      return;
    }
    if (!r.set) return;
    const surge = scaled(rawSurge, r.replicas, true);
    let unavailable = scaled(rawUnavailable, r.replicas, false);
    if (surge === undefined || unavailable === undefined) return;
    const fencepost = surge === 0 && unavailable === 0;
    if (fencepost) unavailable = 1;
    if (unavailable < r.replicas) return;
    if (fencepost) {
      ctx.report({
        path: hasSurge ? ['spec', 'strategy', 'rollingUpdate', 'maxSurge'] : unavailablePath,
        message: `maxSurge and maxUnavailable both resolve to 0 for ${plural(r.replicas, 'replica')}, so Kubernetes stops 1 pod at a time: the only pod goes down on every rollout`,
      });
      return;
    }
    ctx.report({
      path: hasUnavailable ? unavailablePath : ['spec', 'replicas'],
      message: `maxUnavailable ${shown} (${plural(unavailable, 'pod')}) lets a rollout stop all ${plural(r.replicas, 'pod')} at once`,
    });
  },
});

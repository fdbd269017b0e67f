import { isRecord } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import { isPdb, PDB_KIND, specOf } from './disruption.js';

export default defineRule({
  meta: {
    id: 'pdb-unhealthy-eviction-policy',
    title: 'PodDisruptionBudgets should let unhealthy pods be evicted (unhealthyPodEvictionPolicy: AlwaysAllow)',
    severity: 'low',
    category: 'availability',
    targets: [PDB_KIND],
    needs: 'object',
    optIn: true,
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    description:
      'With the default policy (IfHealthyBudget) a running pod that is not Ready, such as one stuck in CrashLoopBackOff, ' +
      'can be evicted only while the budget is met; when the application is already degraded, its broken pods block node ' +
      'drains although evicting them costs no availability. AlwaysAllow lets unhealthy pods be evicted always, which the ' +
      'Kubernetes documentation recommends (GA in 1.31). Opt-in: applications that must keep even not-ready pods through ' +
      'a drain (e.g. quorum members that are catching up) may keep IfHealthyBudget.',
    remediation: 'Set spec.unhealthyPodEvictionPolicy: AlwaysAllow.',
    references: ['https://kubernetes.io/docs/tasks/run-application/configure-pdb/#unhealthy-pod-eviction-policy'],
  },
  check(obj, ctx) {
    if (!isPdb(obj)) return;
    const spec = specOf(obj);
    const policy = spec?.unhealthyPodEvictionPolicy;
    if (policy === 'AlwaysAllow') return;
    const set = policy !== undefined && policy !== null;
    ctx.report({
      path: set ? ['spec', 'unhealthyPodEvictionPolicy'] : spec ? ['spec'] : [],
      message: set
        ? `unhealthyPodEvictionPolicy is ${JSON.stringify(policy)}: pods that are running but not ready can block node drains`
        : 'unhealthyPodEvictionPolicy is unset (IfHealthyBudget): pods that are running but not ready can block node drains',
    });
  },
  fix(obj) {
    const set = isRecord(obj.value.spec) && Object.hasOwn(obj.value.spec, 'unhealthyPodEvictionPolicy');
    return [{ op: set ? 'replace' : 'add', path: ['spec', 'unhealthyPodEvictionPolicy'], value: 'AlwaysAllow' }];
  },
});

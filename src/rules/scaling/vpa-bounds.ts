import { isRecord } from '../../core/objects.js';
import type { Path } from '../../core/path.js';
import { compareQuantities, parseQuantity } from '../../core/quantity.js';
import { defineRule } from '../../core/rule.js';
import { isVpa, specOf, VPA_KIND } from './autoscalers.js';

function shown(raw: unknown): string {
  return typeof raw === 'string' ? raw : JSON.stringify(raw);
}

export default defineRule({
  meta: {
    id: 'vpa-bounds',
    title: 'VPA minAllowed must not exceed maxAllowed',
    severity: 'medium',
    category: 'scaling',
    targets: [VPA_KIND],
    needs: 'object',
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    description:
      'resourcePolicy.containerPolicies[].minAllowed and maxAllowed bound what the VPA recommends for a container. A minimum ' +
      'above the maximum for the same resource is contradictory: the VPA admission webhook rejects the object, and where it ' +
      'is not validated the bounds cannot both hold. A bound that is not a valid quantity is rejected by the API server. ' +
      'Quantities are compared as Kubernetes parses them (500m, 1Gi, 1e3).',
    remediation: 'Make minAllowed at most maxAllowed for every resource of each container policy, written as valid quantities.',
    references: ['https://github.com/kubernetes/autoscaler/tree/master/vertical-pod-autoscaler'],
  },
  check(obj, ctx) {
    if (!isVpa(obj)) return;
    const rp = specOf(obj)?.resourcePolicy;
    const policies = isRecord(rp) ? rp.containerPolicies : undefined;
    if (!Array.isArray(policies)) return;
    policies.forEach((p: unknown, i) => {
      if (!isRecord(p)) return;
      const base: Path = ['spec', 'resourcePolicy', 'containerPolicies', i];
      const who = typeof p.containerName === 'string' ? `policy for container "${p.containerName}"` : `container policy ${i}`;
      const parsed: Partial<Record<'minAllowed' | 'maxAllowed', Map<string, number>>> = {};
      for (const bound of ['minAllowed', 'maxAllowed'] as const) {
        const list = p[bound];
        if (!isRecord(list)) continue;
        const values = new Map<string, number>();
        for (const [resource, raw] of Object.entries(list)) {
          if (raw === null || raw === undefined) continue;
          const q = parseQuantity(raw);
          if (!q.ok) {
            ctx.report({ path: [...base, bound, resource], message: `${who}: ${bound}.${resource} is invalid: ${q.error}` });
          } else if (q.value < 0) {
            ctx.report({ path: [...base, bound, resource], message: `${who}: ${bound}.${resource} ${shown(raw)} is negative` });
          } else values.set(resource, q.value);
        }
        parsed[bound] = values;
      }
      const min = parsed.minAllowed;
      const max = parsed.maxAllowed;
      if (!min || !max) return;
      const maxList = p.maxAllowed as Record<string, unknown>;
      const minList = p.minAllowed as Record<string, unknown>;
      for (const [resource, lo] of min) {
        const hi = max.get(resource);
        if (hi === undefined || compareQuantities(lo, hi) <= 0) continue;
        ctx.report({
          path: [...base, 'minAllowed', resource],
          message: `${who}: minAllowed.${resource} (${shown(minList[resource])}) is above maxAllowed.${resource} (${shown(maxList[resource])})`,
        });
      }
    });
  },
});

import { POD_BEARING_KINDS } from '../../core/objects.js';
import { parseQuantity } from '../../core/quantity.js';
import { defineRule, type PatchOp } from '../../core/rule.js';
import {
  podLevelResources,
  quantityOf,
  RESOURCE_LABEL,
  resourceContainers,
  sectionPath,
  type ResourceName,
} from './resources.js';

const REQUIRED: readonly ResourceName[] = ['cpu', 'memory'];

export default defineRule({
  meta: {
    id: 'container-resource-requests',
    title: 'Containers must request CPU and memory',
    severity: 'medium',
    category: 'resources',
    targets: POD_BEARING_KINDS,
    needs: 'object',
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    description:
      'The scheduler places pods by their requests: a container without them can land on a node that has no room for it, ' +
      'and under memory pressure its pod (BestEffort or Burstable) is among the first evicted. Requests also drive ' +
      'autoscaling and capacity planning. Kubernetes defaults a missing request to the limit, so a container that sets only ' +
      'limits is fine; ephemeral containers cannot have resources and are skipped.',
    remediation:
      'Set resources.requests.cpu and resources.requests.memory on every container, init containers and sidecars included ' +
      '(e.g. cpu: 100m, memory: 128Mi), sized from observed usage.',
    references: ['https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/'],
    options: {
      fixCpuRequest: {
        type: 'string',
        default: '',
        description: 'CPU request the fix (and the mutating webhook) sets where none is set, e.g. "100m" (empty: no fix).',
        check: quantityProblem,
      },
      fixMemoryRequest: {
        type: 'string',
        default: '',
        description: 'Memory request the fix sets where none is set, e.g. "128Mi" (empty: no fix).',
        check: quantityProblem,
      },
    },
  },
  check(obj, ctx) {
    // Pod-level requests (spec.resources; Kubernetes defaults them from pod-level limits too)
    // are shared by every container, so they cover the resource for all of them.
    const covered = new Set<ResourceName>();
    const pod = podLevelResources(obj);
    if (pod) {
      for (const name of REQUIRED) {
        const req = quantityOf(pod, 'requests', name);
        if (req.present) {
          covered.add(name);
          if (!req.parsed.ok)
            ctx.report({ path: req.path, message: `pod has an invalid ${RESOURCE_LABEL[name]} request: ${req.parsed.error}` });
        } else if (quantityOf(pod, 'limits', name).present) covered.add(name);
      }
    }

    for (const c of resourceContainers(obj)) {
      const missing: string[] = [];
      for (const name of REQUIRED) {
        const req = quantityOf(c, 'requests', name);
        if (req.present) {
          if (!req.parsed.ok) {
            ctx.report({
              path: req.path,
              message: `${c.label} has an invalid ${RESOURCE_LABEL[name]} request: ${req.parsed.error}`,
            });
          }
          continue;
        }
        // Kubernetes defaults a missing request to the limit; the limit's own validity is the
        // limit rules' concern.
        if (quantityOf(c, 'limits', name).present || covered.has(name)) continue;
        missing.push(RESOURCE_LABEL[name]);
      }
      if (missing.length > 0) {
        ctx.report({ path: sectionPath(c, 'requests'), message: `${c.label} sets no ${missing.join(' or ')} request` });
      }
    }
  },
  fix(obj, finding, options) {
    // Requests size a workload: only the values an operator configured, never guessed ones.
    const defaults: Partial<Record<ResourceName, string>> = {};
    if (options.fixCpuRequest) defaults.cpu = options.fixCpuRequest;
    if (options.fixMemoryRequest) defaults.memory = options.fixMemoryRequest;
    for (const [name, q] of Object.entries(defaults))
      if (!parseQuantity(q).ok) throw new Error(`option fix${name === 'cpu' ? 'Cpu' : 'Memory'}Request "${q}" is not a quantity`);
    const c = resourceContainers(obj).find((h) => h.path.every((seg, i) => finding.path[i] === seg));
    if (!c) return undefined;
    const pod = podLevelResources(obj);
    const ops: PatchOp[] = [];
    for (const name of REQUIRED) {
      const value = defaults[name];
      if (!value || quantityOf(c, 'requests', name).present || quantityOf(c, 'limits', name).present) continue;
      if (pod && (quantityOf(pod, 'requests', name).present || quantityOf(pod, 'limits', name).present)) continue;
      ops.push({ op: 'add', path: [...c.path, 'resources', 'requests', name], value });
    }
    return ops.length > 0 ? ops : undefined;
  },
});

/** A configured request must be a valid, non-negative quantity: checked when the config loads,
 *  so a typo stops the webhook from starting instead of failing every mutation. */
function quantityProblem(v: string): string | undefined {
  if (v === '') return undefined;
  const q = parseQuantity(v);
  if (!q.ok) return q.error;
  return q.value < 0 ? `"${v}" is negative` : undefined;
}

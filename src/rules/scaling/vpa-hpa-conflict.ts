import { describeObject } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import {
  hpaResourceMetrics,
  hpasTargeting,
  isVpa,
  scaledContainers,
  targetRefOf,
  vpaControlledResources,
  vpaUpdateMode,
  vpaUpdatesPods,
  VPA_KIND,
} from './autoscalers.js';

const RESOURCES: ReadonlySet<string> = new Set(['cpu', 'memory']);

export default defineRule({
  meta: {
    id: 'vpa-hpa-conflict',
    title: 'A VPA and an HPA must not both act on the CPU or memory of one workload',
    severity: 'medium',
    category: 'scaling',
    targets: [VPA_KIND],
    needs: 'index',
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    scope:
      'Applies to autoscaling.k8s.io VerticalPodAutoscalers, judged against the HPAs of the input that target the same kind ' +
      'and name in the same namespace. When the workload is in the input, the VPA container policies are matched to its ' +
      'containers; otherwise any policy that controls the resource counts.',
    description:
      'A VPA in updateMode Auto, Recreate or InPlaceOrRecreate (unset means Auto) rewrites the requests of the containers it ' +
      'controls (resourcePolicy.containerPolicies: controlledResources, cpu and memory by default; mode Off excludes a ' +
      'container). An HPA scaling on the same resource (Resource or ContainerResource metrics; the default metric of an HPA ' +
      'without metrics is CPU) reacts to the same usage: utilization is usage over requests, so each VPA resize moves the ' +
      "HPA's signal, and the HPA's scaling moves the per-pod usage the VPA sizes from. The two loops fight, with pods " +
      'evicted for resizes while the HPA adds or removes replicas. The VPA project documents this combination as unsupported.',
    remediation:
      'Pick one autoscaler per resource: scale the HPA on another signal (custom, external or requests-per-second metrics), ' +
      'or exclude the resource from the VPA (controlledResources: [memory] while the HPA scales on CPU), or set the VPA ' +
      'updateMode to Off or Initial to keep it for recommendations only.',
    references: [
      'https://github.com/kubernetes/autoscaler/tree/master/vertical-pod-autoscaler#known-limitations',
      'https://kubernetes.io/docs/concepts/workloads/autoscaling/',
    ],
  },
  check(obj, ctx) {
    if (!isVpa(obj) || !vpaUpdatesPods(obj)) return;
    const ref = targetRefOf(obj);
    if (!ref?.kind || !ref.name) return;
    const hpas = hpasTargeting(ctx.index, ref.kind, obj.id.namespace, ref.name);
    if (hpas.length === 0) return;

    const target = ctx.index.get(ref.kind, obj.id.namespace, ref.name);
    const containers = target ? scaledContainers(target) : [];
    const controls = (resource: string, container: string | undefined): boolean => {
      if (container !== undefined) return vpaControlledResources(obj, container).has(resource);
      if (containers.length > 0) return containers.some((c) => vpaControlledResources(obj, c.name).has(resource));
      return vpaControlledResources(obj).has(resource);
    };

    const conflicts: string[] = [];
    for (const hpa of hpas) {
      const resources = new Set<string>();
      for (const m of hpaResourceMetrics(hpa)) {
        if (RESOURCES.has(m.resource) && controls(m.resource, m.container)) resources.add(m.resource);
      }
      if (resources.size > 0) conflicts.push(`${describeObject(hpa.id)} scales on ${[...resources].sort().join(' and ')}`);
    }
    if (conflicts.length === 0) return;

    const { mode, set } = vpaUpdateMode(obj);
    const modeText = set ? `updateMode ${mode}` : 'updateMode Auto (the default)';
    const targetText = describeObject({
      apiVersion: ref.apiVersion ?? '',
      kind: ref.kind,
      namespace: obj.id.namespace,
      name: ref.name,
    });
    ctx.report({
      path: ref.path,
      message: `resizes the pods of ${targetText} (${modeText}) while ${conflicts.join('; ')}: the two autoscalers act on the same resource and fight`,
    });
  },
});

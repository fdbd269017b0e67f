import { POD_BEARING_KINDS } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import {
  anchorPath,
  defaultDenies,
  governablePodsIn,
  namespaceAnchor,
  policiesGoverning,
  POLICY_KINDS,
  type Direction,
} from './policies.js';

export default defineRule({
  meta: {
    id: 'default-deny-missing',
    title: 'Namespaces should deny ingress and egress by default',
    severity: 'low',
    category: 'network',
    targets: ['Namespace', ...POD_BEARING_KINDS, ...POLICY_KINDS],
    needs: 'index',
    optIn: true,
    options: {
      ingress: { type: 'boolean', default: true, description: 'Require a default deny for ingress.' },
      egress: { type: 'boolean', default: true, description: 'Require a default deny for egress.' },
    },
    scope:
      'Looks at every namespace with pod-bearing objects in the input and reports it once (on its Namespace object, else ' +
      'on its first workload), naming the directions without a default deny. A direction is denied by default when one ' +
      'policy in the input puts every pod of the namespace, present and future, into isolation for it without allowing ' +
      'everything back: a Kubernetes NetworkPolicy with podSelector: {} and the direction in its policyTypes (defaulted: ' +
      'Ingress always, Egress when it has egress rules); a Calico NetworkPolicy or GlobalNetworkPolicy whose selector ' +
      'holds for any pod of the namespace and whose types include the direction; a CiliumNetworkPolicy or ' +
      'CiliumClusterwideNetworkPolicy whose endpointSelector does and which has rules (or enableDefaultDeny) for the ' +
      'direction. Narrow allow rules in that policy (DNS, same namespace) are fine; an allow-everything rule (ingress: [{}], ' +
      'a Calico Allow without criteria, the Cilium "all" entity without ports) cancels it. A cluster-wide policy whose ' +
      'namespace scoping depends on labels the input does not hold counts.',
    controls: [
      { framework: 'cis-k8s', id: '5.3.2' },
      { framework: 'nsa', id: 'nsa-network-policies' },
      { framework: 'soc2', id: 'CC6.6' },
      { framework: 'pci-dss', id: '1.3.1' },
      { framework: 'pci-dss', id: '1.3.2' },
    ],
    description:
      'Policies that allow specific flows protect only the pods they select. A default deny (a policy selecting every pod ' +
      'of the namespace with no allow-all rule) makes isolation the baseline, so a new workload or a mislabelled pod is ' +
      'cut off instead of wide open, and egress to the internet, other tenants or the cloud metadata API has to be allowed ' +
      'on purpose. Opt-in: it asks for a strict posture that many clusters reach step by step.',
    remediation:
      'Add to each namespace a NetworkPolicy with podSelector: {}, policyTypes [Ingress, Egress] and no rules (or with ' +
      'only the flows every pod needs, such as DNS to kube-system), then allow the remaining traffic per workload. Disable ' +
      'the `egress` option if you only enforce ingress.',
    references: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies'],
  },
  check(obj, ctx) {
    const ns = namespaceAnchor(ctx.index, obj);
    if (ns === undefined || governablePodsIn(ctx.index, ns).length === 0) return;
    const wanted: Direction[] = [];
    if (ctx.options.ingress) wanted.push('ingress');
    if (ctx.options.egress) wanted.push('egress');
    if (wanted.length === 0) return;
    const policies = policiesGoverning(ctx.index, ns);
    const missing = wanted.filter((dir) => !policies.some((p) => defaultDenies(ctx.index, p, ns, dir)));
    if (missing.length === 0) return;
    const what = missing.join(' and ');
    const consequence =
      missing.length === 2
        ? 'pods no policy selects accept any connection and can connect anywhere'
        : missing[0] === 'ingress'
          ? 'pods no policy selects for ingress accept connections from any pod'
          : 'pods no policy selects for egress can connect anywhere, the internet and cloud metadata API included';
    ctx.report({
      path: anchorPath(obj),
      message:
        `namespace "${ns}" has no default-deny policy for ${what}` +
        `${ctx.index.world === 'cluster' ? '' : ' among the scanned objects'}: ${consequence}`,
    });
  },
});

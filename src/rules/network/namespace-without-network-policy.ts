import { POD_BEARING_KINDS } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import { anchorPath, governablePodsIn, listWorkloads, namespaceAnchor, policiesGoverning, POLICY_KINDS } from './policies.js';

export default defineRule({
  meta: {
    id: 'namespace-without-network-policy',
    title: 'Namespaces that run pods must have a NetworkPolicy',
    severity: 'medium',
    category: 'network',
    // Policy kinds are targets so that the index holds them; the rule reports only on Namespaces
    // and pod-bearing objects.
    targets: ['Namespace', ...POD_BEARING_KINDS, ...POLICY_KINDS],
    needs: 'index',
    scope:
      'Looks at every namespace that has pod-bearing objects in the input (PodTemplates and hostNetwork pods, which ' +
      'NetworkPolicies do not govern, aside) and reports it once: on its Namespace object when that is in the input, else ' +
      'on its first workload. A namespace counts as having a policy when the input holds a Kubernetes NetworkPolicy, a ' +
      'Calico (projectcalico.org/v3) NetworkPolicy or a CiliumNetworkPolicy in it, or a Calico GlobalNetworkPolicy or ' +
      'CiliumClusterwideNetworkPolicy that selects, or may select, one of its pods (scoping on labels the input does not ' +
      'hold counts as selecting). Policies kept elsewhere (another repository, a platform team) are not seen: scan them ' +
      'together, or suppress the finding for that namespace.',
    controls: [
      { framework: 'cis-k8s', id: '5.3.2' },
      { framework: 'nsa', id: 'nsa-network-policies' },
      { framework: 'soc2', id: 'CC6.6' },
    ],
    description:
      'Kubernetes lets every pod talk to every other pod, in every namespace, until a NetworkPolicy selects it. A namespace ' +
      'without any policy is a flat network: one compromised pod can reach every database, internal API and admin ' +
      'endpoint of the cluster, and be reached from all of them. The CIS Kubernetes Benchmark (5.3.2) asks for policies ' +
      'in every namespace.',
    remediation:
      'Add a NetworkPolicy to the namespace, starting with a default deny (podSelector: {} with policyTypes Ingress and ' +
      'Egress and no rules), then allow the flows each workload needs (from its ingress controller, to DNS, to its ' +
      'database). Calico and Cilium policies count too. The cluster needs a CNI plugin that enforces NetworkPolicy.',
    references: [
      'https://kubernetes.io/docs/concepts/services-networking/network-policies/',
      'https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies',
    ],
  },
  check(obj, ctx) {
    const ns = namespaceAnchor(ctx.index, obj);
    if (ns === undefined) return;
    const pods = governablePodsIn(ctx.index, ns);
    if (pods.length === 0 || policiesGoverning(ctx.index, ns).length > 0) return;
    ctx.report({
      path: anchorPath(obj),
      message:
        `namespace "${ns}" runs pods (${listWorkloads(pods)}) but no NetworkPolicy ` +
        `${ctx.index.world === 'cluster' ? '' : 'among the scanned objects '}applies to it: its pods accept connections ` +
        'from, and can connect to, any pod in the cluster',
    });
  },
});

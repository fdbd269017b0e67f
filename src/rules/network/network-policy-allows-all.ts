import { isRecord, str } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import { parseLabelSelector } from '../../core/selectors.js';
import { isWholeAddressSpace, parseCidr } from './cidr.js';
import { isKubernetesNetworkPolicy, kubernetesDirections, kubernetesRuleAllowsAll, listOf, specOf } from './policies.js';

const isEmptyList = (v: unknown) => v === undefined || v === null || (Array.isArray(v) && v.length === 0);

export default defineRule({
  meta: {
    id: 'network-policy-allows-all',
    title: 'NetworkPolicies must not allow all traffic',
    severity: 'high',
    category: 'network',
    targets: ['NetworkPolicy'],
    needs: 'object',
    controls: [
      { framework: 'nsa', id: 'nsa-network-policies' },
      { framework: 'soc2', id: 'CC6.6' },
    ],
    description:
      'A NetworkPolicy rule that matches every peer on every port undoes the isolation the policy was written for, often ' +
      'by accident: `ingress: [{}]` or a rule without `from`/`to` and `ports` allows everything; an ipBlock of 0.0.0.0/0 ' +
      'or ::/0 without `except` allows every address; a namespaceSelector of {} without a podSelector allows every pod of ' +
      'every namespace; and an empty peer `{}` is rejected by the API server ("must specify a peer"). Rules that open ' +
      'such a peer only on listed ports (a public web port, DNS) are deliberate and not reported. Only Kubernetes ' +
      '(networking.k8s.io) NetworkPolicies are read; directions missing from the effective policyTypes are ignored, as ' +
      'Kubernetes ignores them.',
    remediation:
      'Name the peers that need access (podSelector, namespaceSelector with labels, precise CIDRs), restrict the rule to ' +
      'the ports in use, and add `except` ranges (private networks, 169.254.169.254) to broad ipBlocks.',
    references: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors'],
  },
  check(obj, ctx) {
    if (!isKubernetesNetworkPolicy(obj)) return;
    const spec = specOf(obj);
    for (const dir of kubernetesDirections(spec)) {
      const peersKey = dir === 'ingress' ? 'from' : 'to';
      const toward = dir === 'ingress' ? 'from' : 'to';
      listOf(spec[dir]).forEach((rule, i) => {
        if (!isRecord(rule)) return;
        const rulePath = ['spec', dir, i];
        if (kubernetesRuleAllowsAll(rule, dir)) {
          ctx.report({
            path: rulePath,
            message: `${dir} rule ${i} has no \`${peersKey}\` and no \`ports\`: it allows all ${dir} traffic, ${toward} anywhere on any port`,
          });
          return;
        }
        const anyPort = isEmptyList(rule.ports);
        listOf(rule[peersKey]).forEach((peer, j) => {
          const peerPath = [...rulePath, peersKey, j];
          if (isRecord(peer) && Object.keys(peer).length === 0) {
            ctx.report({
              path: peerPath,
              message: `${dir} rule ${i} has an empty peer {}: the API server rejects it ("must specify a peer"); to allow all ${dir} traffic leave \`${peersKey}\` out, otherwise name the peers`,
            });
            return;
          }
          if (!isRecord(peer) || !anyPort) return;
          const ipBlock = isRecord(peer.ipBlock) ? peer.ipBlock : undefined;
          const cidrText = str(ipBlock?.cidr);
          const cidr = cidrText ? parseCidr(cidrText) : undefined;
          if (ipBlock && cidr && isWholeAddressSpace(cidr) && isEmptyList(ipBlock.except)) {
            ctx.report({
              path: [...peerPath, 'ipBlock', 'cidr'],
              message: `${dir} rule ${i} allows every ${cidr.v6 ? 'IPv6' : 'IPv4'} address (${cidrText}) on any port, without \`except\``,
            });
            return;
          }
          if (peer.namespaceSelector === undefined || peer.namespaceSelector === null) return;
          const nsSel = parseLabelSelector(peer.namespaceSelector);
          const podSel =
            peer.podSelector === undefined || peer.podSelector === null ? undefined : parseLabelSelector(peer.podSelector);
          if (nsSel.everything && (!podSel || podSel.everything)) {
            ctx.report({
              path: [...peerPath, 'namespaceSelector'],
              message: `${dir} rule ${i} allows every pod of every namespace (namespaceSelector: {}${podSel ? ' with podSelector: {}' : ''}) on any port`,
            });
          }
        });
      });
    }
  },
});

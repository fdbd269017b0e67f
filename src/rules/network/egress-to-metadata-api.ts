import { isRecord, str, type JsonObject } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import { cidrContains, parseCidr, parseIp, type IpAddress } from './cidr.js';
import { isKubernetesNetworkPolicy, kubernetesDirections, listOf, specOf } from './policies.js';

/** The instance metadata services listen on plain HTTP. */
const METADATA_PORT = 80;

export default defineRule({
  meta: {
    id: 'egress-to-metadata-api',
    title: 'NetworkPolicies should not allow egress to the cloud metadata API',
    severity: 'medium',
    category: 'network',
    targets: ['NetworkPolicy'],
    needs: 'object',
    optIn: true,
    options: {
      addresses: {
        type: 'string[]',
        default: ['169.254.169.254', 'fd00:ec2::254'] as string[],
        description:
          'Metadata API addresses to protect (AWS, Azure, GCP and most clouds use 169.254.169.254; AWS also serves IMDS on ' +
          'fd00:ec2::254; add 100.100.100.200 on Alibaba Cloud).',
      },
    },
    controls: [
      { framework: 'mitre', id: 'T1552.005' },
      { framework: 'nsa', id: 'nsa-network-cloud-infrastructure' },
    ],
    description:
      "From a pod, the cloud's instance metadata API (169.254.169.254) hands out the node's cloud credentials, kubelet " +
      'bootstrap data and more (MITRE ATT&CK T1552.005). An egress rule that allows it, explicitly or through a broad ' +
      "ipBlock such as 0.0.0.0/0 without an `except` covering it, lets a compromised pod take over the node's cloud " +
      'identity. Reported for egress rules of Kubernetes NetworkPolicies whose peers include the address and whose ports ' +
      'include TCP 80 (or any port); named ports never match an IP block. Opt-in, as clusters that block the metadata ' +
      'API at the node (IMDSv2 hop limit, GKE metadata server, Azure settings) do not need it in every policy.',
    remediation:
      'Add the address to `except` of broad ipBlocks (0.0.0.0/0 except 169.254.169.254/32), restrict egress rules to the ' +
      'ports in use, and block the metadata API for pods at the node or cloud level as well (IMDSv2 with a hop limit of ' +
      '1, GKE Workload Identity, Azure Workload Identity).',
    references: [
      'https://attack.mitre.org/techniques/T1552/005/',
      'https://kubernetes.io/docs/concepts/security/security-checklist/#network-security',
    ],
  },
  check(obj, ctx) {
    if (!isKubernetesNetworkPolicy(obj)) return;
    const spec = specOf(obj);
    if (!kubernetesDirections(spec).has('egress')) return;
    const targets = ctx.options.addresses
      .map((text) => ({ text, ip: parseIp(text) }))
      .filter((a): a is { text: string; ip: IpAddress } => a.ip !== undefined);
    listOf(spec.egress).forEach((rule, i) => {
      if (!isRecord(rule) || !allowsMetadataPort(rule.ports)) return;
      const peers = listOf(rule.to);
      if (peers.length === 0) {
        ctx.report({
          path: ['spec', 'egress', i],
          message: `egress rule ${i} allows every destination, including the cloud metadata API (${targets.map((t) => t.text).join(', ')})`,
        });
        return;
      }
      peers.forEach((peer, j) => {
        const ipBlock = isRecord(peer) && isRecord(peer.ipBlock) ? peer.ipBlock : undefined;
        if (!ipBlock) return;
        const cidrText = str(ipBlock.cidr);
        const cidr = cidrText ? parseCidr(cidrText) : undefined;
        if (!cidr) return;
        const excepts = listOf(ipBlock.except)
          .map((e) => (typeof e === 'string' ? parseCidr(e) : undefined))
          .filter((c) => c !== undefined);
        const open = targets.filter((t) => cidrContains(cidr, t.ip) && !excepts.some((e) => cidrContains(e, t.ip)));
        if (open.length === 0) return;
        ctx.report({
          path: ['spec', 'egress', i, 'to', j, 'ipBlock', 'cidr'],
          message: `egress rule ${i} allows ${cidrText}, which includes the cloud metadata API ${open.map((t) => t.text).join(', ')} (no \`except\` covers it)`,
        });
      });
    });
  },
});

/** Whether a rule's ports include TCP 80: no ports at all, a TCP entry without a port, 80, or a range over 80. */
function allowsMetadataPort(ports: unknown): boolean {
  const list = listOf(ports);
  if (list.length === 0) return true;
  return list.some((p) => {
    if (!isRecord(p)) return false;
    const proto = (p as JsonObject).protocol ?? 'TCP';
    if (proto !== 'TCP') return false;
    if (p.port === undefined || p.port === null) return true;
    if (typeof p.port !== 'number') return false; // a named port: resolved on pods, never on an IP block
    const end = typeof p.endPort === 'number' ? p.endPort : p.port;
    return p.port <= METADATA_PORT && METADATA_PORT <= end;
  });
}

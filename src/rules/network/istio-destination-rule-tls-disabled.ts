import { apiGroup, isRecord, str, type JsonObject } from '../../core/objects.js';
import type { Path } from '../../core/path.js';
import { defineRule } from '../../core/rule.js';
import { listOf } from './policies.js';

export default defineRule({
  meta: {
    id: 'istio-destination-rule-tls-disabled',
    title: 'Istio DestinationRules must not disable TLS to in-mesh services',
    severity: 'high',
    category: 'network',
    targets: ['DestinationRule'],
    needs: 'object',
    options: {
      externalHosts: {
        type: 'boolean',
        default: false,
        description:
          'Also report hosts that look outside the cluster (a dotted name not ending in .svc, .svc.<domain> or ' +
          '.cluster.local): with them tls.mode DISABLE usually means the application speaks TLS itself.',
      },
    },
    controls: [
      { framework: 'nsa', id: 'nsa-network-encryption' },
      { framework: 'soc2', id: 'CC6.7' },
      { framework: 'mitre', id: 'T1040' },
    ],
    description:
      'A DestinationRule with trafficPolicy.tls.mode DISABLE tells the client sidecars to send plain text to that host, ' +
      "overriding Istio's automatic mutual TLS: calls to the service cross the network unencrypted and unauthenticated, " +
      'and a STRICT PeerAuthentication on the server then rejects them. Checked in trafficPolicy, its portLevelSettings, ' +
      'and the same in every subset. Hosts in the cluster are short names, name.namespace, *.svc or *.cluster.local ' +
      'names; other hosts (ServiceEntries for external APIs) are skipped unless the `externalHosts` option is on.',
    remediation:
      'Remove the tls block (auto mTLS applies) or set tls.mode: ISTIO_MUTUAL; for services without a sidecar, add one ' +
      'or use SIMPLE/MUTUAL TLS to the service itself.',
    references: [
      'https://istio.io/latest/docs/reference/config/networking/destination-rule/#ClientTLSSettings-TLSmode',
      'https://istio.io/latest/docs/ops/configuration/traffic-management/tls-configuration/',
    ],
  },
  check(obj, ctx) {
    if (apiGroup(obj.id.apiVersion) !== 'networking.istio.io') return;
    const spec = isRecord(obj.value.spec) ? obj.value.spec : {};
    const host = str(spec.host) ?? '';
    if (!ctx.options.externalHosts && !inCluster(host)) return;
    const report = (path: Path, where: string) =>
      ctx.report({ path, message: `TLS to "${host}" is disabled${where}: sidecars send plain text instead of mutual TLS` });
    const checkPolicy = (tp: unknown, base: Path, where: string) => {
      if (!isRecord(tp)) return;
      if (disabled(tp)) report([...base, 'tls', 'mode'], where);
      listOf(tp.portLevelSettings).forEach((pls, i) => {
        if (!isRecord(pls) || !disabled(pls)) return;
        const port = isRecord(pls.port) ? pls.port.number : undefined;
        report([...base, 'portLevelSettings', i, 'tls', 'mode'], `${where} on port ${String(port ?? i)}`);
      });
    };
    checkPolicy(spec.trafficPolicy, ['spec', 'trafficPolicy'], '');
    listOf(spec.subsets).forEach((s, i) => {
      if (isRecord(s)) checkPolicy(s.trafficPolicy, ['spec', 'subsets', i, 'trafficPolicy'], ` for subset "${str(s.name) ?? i}"`);
    });
  },
});

function disabled(holder: JsonObject): boolean {
  return isRecord(holder.tls) && holder.tls.mode === 'DISABLE';
}

/** Short names, name.namespace, name.namespace.svc[.domain] and *.cluster.local are in the cluster. */
function inCluster(host: string): boolean {
  const h = host.toLowerCase();
  const labels = h.split('.');
  return labels.length <= 2 || labels[2] === 'svc' || h.endsWith('.cluster.local');
}

import { apiGroup, isRecord } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';

const WEAK = new Set(['PERMISSIVE', 'DISABLE']);

export default defineRule({
  meta: {
    id: 'istio-mtls-not-strict',
    title: 'Istio PeerAuthentication must require mutual TLS',
    severity: 'high',
    category: 'network',
    targets: ['PeerAuthentication'],
    needs: 'object',
    options: {
      rootNamespace: {
        type: 'string',
        default: 'istio-system',
        description:
          "The mesh's root namespace (meshConfig.rootNamespace), where a PeerAuthentication without selector applies mesh-wide.",
      },
    },
    controls: [
      { framework: 'nsa', id: 'nsa-network-encryption' },
      { framework: 'soc2', id: 'CC6.7' },
      { framework: 'mitre', id: 'T1040' },
    ],
    description:
      'A PeerAuthentication in PERMISSIVE mode lets workloads accept plain-text connections besides mutual TLS, and ' +
      'DISABLE turns mutual TLS off: traffic to them can be read and forged by anything on the network, and the ' +
      "caller's identity that authorization policies rely on is not proven. Reported for the policy-wide mtls.mode and " +
      'for each portLevelMtls entry, naming the scope: mesh-wide (root namespace, no selector), namespace-wide, or ' +
      'workload. UNSET (or no mode) inherits from the parent scope and is not reported; a mesh without any ' +
      'PeerAuthentication runs PERMISSIVE by default, which this rule cannot see from manifests alone.',
    remediation:
      'Set mtls.mode: STRICT (mesh-wide in the root namespace, then remove weaker namespace or workload overrides). Move ' +
      'clients outside the mesh in first, or keep PERMISSIVE only on the specific port that needs it, with an ' +
      'AuthorizationPolicy, for a bounded migration.',
    references: [
      'https://istio.io/latest/docs/reference/config/security/peer_authentication/',
      'https://istio.io/latest/docs/tasks/security/authentication/mtls-migration/',
    ],
  },
  check(obj, ctx) {
    if (apiGroup(obj.id.apiVersion) !== 'security.istio.io') return;
    const spec = isRecord(obj.value.spec) ? obj.value.spec : {};
    const selector = isRecord(spec.selector) && isRecord(spec.selector.matchLabels) ? spec.selector.matchLabels : undefined;
    const scope =
      selector && Object.keys(selector).length > 0
        ? `for the workloads labelled ${Object.entries(selector)
            .map(([k, v]) => `${k}=${String(v)}`)
            .join(', ')} in namespace "${obj.id.namespace}"`
        : obj.id.namespace === ctx.options.rootNamespace
          ? 'mesh-wide'
          : `for namespace "${obj.id.namespace}"`;
    const mode = isRecord(spec.mtls) ? spec.mtls.mode : undefined;
    if (typeof mode === 'string' && WEAK.has(mode)) {
      ctx.report({ path: ['spec', 'mtls', 'mode'], message: `mutual TLS is ${describe(mode)} ${scope}` });
    }
    if (isRecord(spec.portLevelMtls)) {
      for (const [port, setting] of Object.entries(spec.portLevelMtls)) {
        const m = isRecord(setting) ? setting.mode : undefined;
        if (typeof m === 'string' && WEAK.has(m))
          ctx.report({
            path: ['spec', 'portLevelMtls', port, 'mode'],
            message: `mutual TLS is ${describe(m)} on port ${port} ${scope}`,
          });
      }
    }
  },
});

function describe(mode: string): string {
  return mode === 'DISABLE' ? 'disabled (DISABLE)' : 'optional (PERMISSIVE: plain text is accepted too)';
}

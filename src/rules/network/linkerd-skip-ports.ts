import { annotationsOf, apiGroup, podTemplateOf, POD_BEARING_KINDS } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';

const KEYS = ['config.linkerd.io/skip-inbound-ports', 'config.linkerd.io/skip-outbound-ports'] as const;

export default defineRule({
  meta: {
    id: 'linkerd-skip-ports',
    title: 'Linkerd should not be bypassed with skip-ports annotations',
    severity: 'low',
    category: 'network',
    targets: ['Namespace', ...POD_BEARING_KINDS],
    needs: 'object',
    optIn: true,
    options: {
      allowedPorts: {
        type: 'string[]',
        default: [] as string[],
        description:
          'Ports or ranges that may be skipped, as written in the annotation (e.g. "25", "3306", "4567-4568"); an ' +
          'annotation listing only these passes.',
      },
    },
    controls: [
      { framework: 'nsa', id: 'nsa-network-encryption' },
      { framework: 'soc2', id: 'CC6.7' },
      { framework: 'mitre', id: 'T1040' },
    ],
    description:
      'config.linkerd.io/skip-inbound-ports and skip-outbound-ports make traffic on the listed ports bypass the Linkerd ' +
      'proxy: it is neither encrypted with mutual TLS nor authorized by Linkerd policy. The annotations are read where ' +
      'Linkerd reads them, on pod templates and on Namespaces (which set them for every pod). Opt-in: skipping is ' +
      'sometimes needed for protocols the proxy cannot handle; list those ports in `allowedPorts`. Since Linkerd ' +
      '2.10, opaque ports (config.linkerd.io/opaque-ports) keep such traffic in the mesh, with mutual TLS.',
    remediation:
      'Remove the skip annotation, or replace it with config.linkerd.io/opaque-ports for server-speaks-first protocols ' +
      '(MySQL, SMTP...), so the traffic stays encrypted; skip only ports that must bypass the proxy and allow them ' +
      'explicitly.',
    references: ['https://linkerd.io/2/reference/proxy-configuration/', 'https://linkerd.io/2/features/protocol-detection/'],
  },
  check(obj, ctx) {
    let base: (string | number)[];
    let meta: unknown;
    if (obj.id.kind === 'Namespace') {
      if (apiGroup(obj.id.apiVersion) !== '') return;
      base = ['metadata'];
      meta = obj.value.metadata;
    } else {
      const tpl = podTemplateOf(obj);
      if (!tpl) return;
      base = [...tpl.path, 'metadata'];
      meta = tpl.metadata;
    }
    const annotations = annotationsOf(meta);
    const allowed = new Set(ctx.options.allowedPorts.map((p) => p.trim()));
    for (const key of KEYS) {
      const value = annotations[key]?.trim();
      if (!value) continue;
      const ports = value
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p !== '');
      const skipped = ports.filter((p) => !allowed.has(p));
      if (skipped.length === 0) continue;
      const direction = key.includes('inbound') ? 'inbound' : 'outbound';
      const who = obj.id.kind === 'Namespace' ? `every pod of namespace "${obj.id.name}"` : 'the pods';
      ctx.report({
        path: [...base, 'annotations', key],
        message: `${direction} traffic of ${who} on port${skipped.length > 1 ? 's' : ''} ${skipped.join(', ')} bypasses the Linkerd proxy: no mutual TLS, no Linkerd policy`,
      });
    }
  },
});

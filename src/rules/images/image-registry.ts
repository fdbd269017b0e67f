import picomatch from 'picomatch';
import { containerLabel, containersOf, POD_BEARING_KINDS, str } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import { parseImageRef } from './image-ref.js';

const matchers = new Map<string, (s: string) => boolean>();
function glob(pattern: string): (s: string) => boolean {
  let m = matchers.get(pattern);
  if (!m) matchers.set(pattern, (m = picomatch(pattern, { dot: true })));
  return m;
}

export default defineRule({
  meta: {
    id: 'image-registry',
    title: 'Images must come from allowed registries',
    severity: 'high',
    category: 'images',
    targets: POD_BEARING_KINDS,
    needs: 'object',
    optIn: true,
    controls: [{ framework: 'mitre', id: 'T1525' }],
    description:
      'Pulling images from arbitrary registries lets a typo-squatted or compromised image into the cluster (MITRE ATT&CK ' +
      'T1525, implant internal image). An allowlist of registries (and a denylist for known-bad ones) keeps supply under ' +
      'control; the admission webhook enforces the same lists. Images are matched by their fully qualified repository as ' +
      'the kubelet resolves it (`nginx` is `docker.io/library/nginx`), against glob patterns.',
    remediation:
      'Mirror the image into an allowed registry and reference it there, or add the registry to the allowlist after review.',
    options: {
      allow: {
        type: 'string[]',
        default: [],
        description:
          'Glob patterns of allowed repositories, e.g. `registry.example.com/**`, `docker.io/library/*`. Empty: every registry is allowed.',
      },
      deny: {
        type: 'string[]',
        default: [],
        description: 'Glob patterns of denied repositories; a match is reported even when the allowlist also matches.',
      },
    },
  },
  check(obj, ctx) {
    const { allow, deny } = ctx.options;
    if (allow.length === 0 && deny.length === 0) return;
    for (const c of containersOf(obj)) {
      const image = str(c.container.image);
      if (!image) continue;
      const parsed = parseImageRef(image);
      if (!parsed.ok) continue; // image-tag reports unparseable images
      const name = parsed.ref.name;
      const denied = deny.find((p) => glob(p)(name));
      if (denied) {
        ctx.report({
          path: [...c.path, 'image'],
          message: `${containerLabel(c)} uses "${name}", which matches the denied pattern "${denied}"`,
        });
      } else if (allow.length > 0 && !allow.some((p) => glob(p)(name))) {
        ctx.report({
          path: [...c.path, 'image'],
          message: `${containerLabel(c)} uses "${name}", which is not from an allowed registry (${allow.join(', ')})`,
        });
      }
    }
  },
});

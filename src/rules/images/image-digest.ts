import { containerLabel, containersOf, POD_BEARING_KINDS, str } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import { parseImageRef } from './image-ref.js';

export default defineRule({
  meta: {
    id: 'image-digest',
    title: 'Images should be pinned by digest',
    severity: 'low',
    category: 'images',
    targets: POD_BEARING_KINDS,
    needs: 'object',
    optIn: true,
    controls: [{ framework: 'mitre', id: 'T1525' }],
    description:
      'A tag can be moved to other content at any time; only a digest names immutable content. Pinning by digest makes ' +
      'deployments reproducible and stops a re-pushed tag from changing what runs. Opt-in: many teams pin tags and rely on ' +
      'registry immutability instead.',
    remediation: 'Reference the image as `repo:tag@sha256:<digest>` (tools like crane or skopeo print the digest of a tag).',
  },
  check(obj, ctx) {
    for (const c of containersOf(obj)) {
      const image = str(c.container.image);
      if (!image) continue;
      const parsed = parseImageRef(image);
      if (parsed.ok && parsed.ref.digest === undefined) {
        ctx.report({ path: [...c.path, 'image'], message: `${containerLabel(c)} uses "${image}" without a digest` });
      }
    }
  },
});

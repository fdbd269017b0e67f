import { containerLabel, containersOf, POD_BEARING_KINDS, str } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import { parseImageRef } from './image-ref.js';

export default defineRule({
  meta: {
    id: 'image-tag',
    title: 'Images must be pinned to a version tag or digest',
    severity: 'high',
    category: 'images',
    targets: POD_BEARING_KINDS,
    needs: 'object',
    controls: [],
    description:
      'An image without a tag, or tagged `latest`, names whatever was pushed last: two nodes can run different code under one ' +
      'manifest, a rollback does not roll back, and a compromised or broken push reaches production on the next restart. ' +
      'A version tag makes the running code reviewable; a digest (`repo@sha256:...`) makes it immutable.',
    remediation:
      'Set the image to a specific version tag (`nginx:1.27.3`) or, better, pin it by digest (`nginx@sha256:...`, optionally ' +
      'with the tag for readability: `nginx:1.27.3@sha256:...`).',
    references: ['https://kubernetes.io/docs/concepts/containers/images/#image-names'],
  },
  check(obj, ctx) {
    for (const c of containersOf(obj)) {
      const image = str(c.container.image);
      // Workload templates may leave the image to later tooling; Kubernetes requires it only on pods.
      if (image === undefined || image === '') continue;
      const path = [...c.path, 'image'];
      const parsed = parseImageRef(image);
      if (!parsed.ok) {
        ctx.report({ path, message: `${containerLabel(c)} has an invalid image "${image}": ${parsed.error}` });
      } else if (parsed.ref.digest === undefined && parsed.ref.tag === undefined) {
        ctx.report({ path, message: `${containerLabel(c)} uses image "${image}" without a tag (it means "latest")` });
      } else if (parsed.ref.digest === undefined && parsed.ref.tag === 'latest') {
        ctx.report({ path, message: `${containerLabel(c)} uses image "${image}" with the mutable tag "latest"` });
      }
    }
  },
});

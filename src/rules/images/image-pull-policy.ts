import { containerLabel, containersOf, POD_BEARING_KINDS, str } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import { isMutable, parseImageRef } from './image-ref.js';

const STALE_POLICIES: ReadonlySet<unknown> = new Set(['IfNotPresent', 'Never']);

export default defineRule({
  meta: {
    id: 'image-pull-policy',
    title: 'Mutable image tags must be pulled on every start',
    severity: 'low',
    category: 'images',
    targets: POD_BEARING_KINDS,
    needs: 'object',
    controls: [],
    description:
      'With imagePullPolicy IfNotPresent or Never, a node reuses whatever image it cached under a tag. For a mutable reference ' +
      '(`latest`, or no tag) that means nodes run different, possibly stale images under the same manifest, and a fixed image ' +
      "never reaches nodes that already have the old one. Kubernetes' own default (Always for `latest` or no tag, " +
      'IfNotPresent otherwise) is safe, so only an explicit policy is reported.',
    remediation:
      'Pin the image to a version tag or digest (see image-tag), or set imagePullPolicy: Always (or remove it to get the default).',
    references: ['https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy'],
  },
  check(obj, ctx) {
    for (const c of containersOf(obj)) {
      const policy = c.container.imagePullPolicy;
      if (!STALE_POLICIES.has(policy)) continue;
      const image = str(c.container.image);
      if (image === undefined) continue;
      // Unparseable images are image-tag's to report.
      const parsed = parseImageRef(image);
      if (!parsed.ok || !isMutable(parsed.ref)) continue;
      ctx.report({
        path: [...c.path, 'imagePullPolicy'],
        message: `${containerLabel(c)} uses imagePullPolicy ${String(policy)} with the mutable image "${image}": nodes may run a stale image`,
      });
    }
  },
  fix(_obj, finding) {
    return [{ op: 'replace', path: finding.path, value: 'Always' }];
  },
});

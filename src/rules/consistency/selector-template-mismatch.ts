import { isRecord, labelsOf } from '../../core/objects.js';
import { getAt } from '../../core/path.js';
import { defineRule } from '../../core/rule.js';
import { matches, parseLabelSelector, parseMapSelector, type Selector } from '../../core/selectors.js';
import { formatLabels } from '../spreading/spreading.js';

const APPS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet']);

export default defineRule({
  meta: {
    id: 'selector-template-mismatch',
    title: "A controller's selector must match its own pod template",
    severity: 'critical',
    category: 'consistency',
    targets: ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController', 'Job'],
    needs: 'object',
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    description:
      'A Deployment, ReplicaSet, StatefulSet or DaemonSet finds its pods through spec.selector; the API rejects one whose ' +
      'selector does not match its own template labels, is empty, or (apps/v1) is missing, so the manifest cannot be ' +
      'applied. The same holds for a ReplicationController with a selector (without one it defaults to the template ' +
      'labels) and a Job with manualSelector: true. Reported here, before the apply fails in the pipeline.',
    remediation:
      "Make spec.selector a subset of spec.template.metadata.labels. Note that a Deployment's selector is immutable: " +
      'changing it means deleting and re-creating the Deployment.',
    references: ['https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#selector'],
  },
  check(obj, ctx) {
    const spec = isRecord(obj.value.spec) ? obj.value.spec : undefined;
    if (!spec) return;
    const labels = labelsOf(getAt(spec, ['template', 'metadata']));
    const raw = spec.selector;
    const missing = raw === undefined || raw === null;
    const { kind } = obj.id;
    let selector: Selector;
    if (APPS.has(kind)) {
      if (missing) {
        if (obj.id.apiVersion === 'apps/v1')
          ctx.report({ path: ['spec'], message: 'has no spec.selector, which apps/v1 requires' });
        return;
      }
      selector = parseLabelSelector(raw);
      if (!selector.error && selector.everything) {
        ctx.report({
          path: ['spec', 'selector'],
          message: 'has an empty selector, which the API rejects (it would select every pod)',
        });
        return;
      }
    } else if (kind === 'ReplicationController') {
      if (missing || (isRecord(raw) && Object.keys(raw).length === 0)) return;
      selector = parseMapSelector(raw);
    } else {
      if (spec.manualSelector !== true) return;
      if (missing) {
        ctx.report({ path: ['spec', 'manualSelector'], message: 'sets manualSelector: true but no spec.selector' });
        return;
      }
      selector = parseLabelSelector(raw);
    }
    if (selector.error) {
      ctx.report({ path: ['spec', 'selector'], message: `the selector is invalid: ${selector.error}` });
      return;
    }
    if (matches(selector, labels)) return;
    ctx.report({
      path: ['spec', 'selector'],
      message: `the selector does not match the pod template labels (${formatLabels(labels)}), so the API rejects it`,
    });
  },
});

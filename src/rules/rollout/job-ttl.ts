import { annotationsOf, isRecord } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';

/** Hook annotations of Helm and Argo CD: those tools delete the Job themselves (both default to
 *  deleting a hook before it is created again). */
const HOOK_ANNOTATIONS = ['helm.sh/hook', 'argocd.argoproj.io/hook'];

export default defineRule({
  meta: {
    id: 'job-ttl',
    title: 'Jobs should be cleaned up after they finish',
    severity: 'low',
    category: 'reliability',
    targets: ['Job'],
    needs: 'object',
    controls: [],
    description:
      'Kubernetes keeps a finished Job, and its pods, until someone deletes it; without spec.ttlSecondsAfterFinished they ' +
      'pile up in etcd and in every `kubectl get pods`, and a Job with a fixed name cannot be applied again until the old one ' +
      'is gone. Not reported: Jobs owned by a controller (a CronJob cleans up its Jobs through its history limits, so like ' +
      'kube-linter this rule leaves CronJobs alone), and Helm or Argo CD hook Jobs (those tools delete hooks themselves). ' +
      'With Argo CD or Flux a TTL deletes a synced Job that the tool may then re-create and run again: prefer hook Jobs ' +
      'there, or suppress this rule.',
    remediation:
      'Set spec.ttlSecondsAfterFinished (e.g. 86400 to keep a day for debugging), or run the Job as a Helm/Argo CD hook.',
    references: ['https://kubernetes.io/docs/concepts/workloads/controllers/ttlafterfinished/'],
  },
  check(obj, ctx) {
    const spec = obj.value.spec;
    if (!isRecord(spec)) return;
    const ttl = spec.ttlSecondsAfterFinished;
    if (ttl !== undefined && ttl !== null) return;
    const metadata = isRecord(obj.value.metadata) ? obj.value.metadata : {};
    const owners = Array.isArray(metadata.ownerReferences) ? metadata.ownerReferences : [];
    if (owners.some((o) => isRecord(o) && (o.controller === true || o.kind === 'CronJob'))) return;
    const annotations = annotationsOf(metadata);
    if (HOOK_ANNOTATIONS.some((a) => Object.hasOwn(annotations, a))) return;
    ctx.report({
      path: ['spec'],
      message: 'sets no ttlSecondsAfterFinished: the finished Job and its pods stay until someone deletes them',
    });
  },
});

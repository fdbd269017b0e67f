import { defineRule } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'replication-controller',
    title: 'Use a Deployment instead of a ReplicationController',
    severity: 'low',
    category: 'reliability',
    targets: ['ReplicationController'],
    needs: 'object',
    controls: [],
    description:
      'ReplicationController is the legacy replication API: it has no declarative rolling updates, no rollout history and ' +
      'no set-based selectors. Kubernetes recommends a Deployment (which manages ReplicaSets) for every new workload.',
    remediation: 'Convert it to an apps/v1 Deployment with the same pod template and a matchLabels selector.',
    references: ['https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/'],
  },
  check(_obj, ctx) {
    ctx.report({ path: ['kind'], message: 'ReplicationController is the legacy replication API: use a Deployment' });
  },
});

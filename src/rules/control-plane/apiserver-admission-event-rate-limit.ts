import { defineRule } from '../../core/rule.js';
import { reportPluginRequired } from './checks.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

export default defineRule({
  meta: {
    id: 'apiserver-admission-event-rate-limit',
    title: 'The API server should limit the rate of Events (EventRateLimit)',
    severity: 'low',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    optIn: true,
    controls: [{ framework: 'cis-k8s', id: '1.2.9' }],
    description:
      'EventRateLimit caps how fast Events are accepted (per server, namespace, user or source), protecting the API server and etcd from event storms. It needs a configuration file (--admission-control-config-file), so it is opt-in (CIS marks it manual).',
    remediation: 'Add EventRateLimit to --enable-admission-plugins and configure its limits in --admission-control-config-file.',
    references: ['https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#eventratelimit'],
  },
  check(obj, ctx) {
    for (const c of componentFlags(obj, 'kube-apiserver'))
      reportPluginRequired(
        ctx.report,
        c,
        'EventRateLimit',
        'nothing limits the rate of Events, which can flood the API server and etcd',
      );
  },
});

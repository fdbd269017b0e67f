import { defineRule } from '../../core/rule.js';
import { componentFlags, FLAG_TARGETS, parseDuration } from './flags.js';

export default defineRule({
  meta: {
    id: 'apiserver-request-timeout',
    title: 'The API server request timeout must be sane',
    severity: 'low',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    controls: [{ framework: 'cis-k8s', id: '1.2.20' }],
    description:
      '--request-timeout (default 60s) bounds how long a non-streaming request may hold API server resources. CIS ' +
      'suggests raising it only as needed (e.g. 300s for very large lists): a long timeout lets slow or malicious ' +
      'clients tie up the API server. Reported: a value that is not a Go duration, zero or negative, or longer than ' +
      'the option maxSeconds. Not setting the flag keeps the default and passes.',
    remediation: 'Remove --request-timeout or set it between 60s and what your largest legitimate requests need (e.g. 300s).',
    options: {
      maxSeconds: {
        type: 'number',
        default: 300,
        min: 1,
        description: 'Longest acceptable --request-timeout, in seconds.',
      },
    },
    references: ['https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/'],
  },
  check(obj, ctx) {
    for (const c of componentFlags(obj, 'kube-apiserver')) {
      const s = c.flags.get('request-timeout');
      if (!s) continue;
      const seconds = parseDuration(s.value);
      if (seconds === undefined)
        ctx.report({ path: s.valuePath, message: `${c.label}: --request-timeout=${s.value} is not a duration (e.g. 60s, 5m)` });
      else if (seconds <= 0)
        ctx.report({ path: s.valuePath, message: `${c.label}: --request-timeout=${s.value} is not a positive duration` });
      else if (seconds > ctx.options.maxSeconds)
        ctx.report({
          path: s.valuePath,
          message: `${c.label}: --request-timeout=${s.value} is longer than ${ctx.options.maxSeconds}s: slow clients can hold API server resources that long`,
        });
    }
  },
});

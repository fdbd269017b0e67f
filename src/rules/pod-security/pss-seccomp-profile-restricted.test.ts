import assert from 'node:assert/strict';
import { it } from 'node:test';
import { applyFixes, describeRule, ruleTester } from '../../testing/rule-tester.js';
import { pssCases } from './pss-cases.js';
import rule from './pss-seccomp-profile-restricted.js';

ruleTester(
  rule,
  pssCases({
    level: 'restricted',
    message: 'seccompProfile',
    violating: `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: ns}
spec:
  securityContext: {runAsNonRoot: true}
  containers:
  - name: app
    image: app:1
    securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
`,
  }),
);

describeRule('pss-seccomp-profile-restricted fix', () => {
  const pod = (podSc: string, containerSc: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  selector: {matchLabels: {app: d}}
  template:
    metadata: {labels: {app: d}}
    spec:
      securityContext: ${podSc}
      containers: [{name: app, image: a:1, securityContext: ${containerSc}}]
`;
  it('sets RuntimeDefault on the pod template when nothing chose a profile', () => {
    const r = applyFixes(rule, pod('{runAsNonRoot: true}', '{}'));
    assert.deepEqual(r.remaining, []);
    const tpl = (r.value as { spec: { template: { spec: { securityContext: unknown } } } }).spec.template.spec;
    assert.deepEqual(tpl.securityContext, { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
  });

  it('leaves an explicit Unconfined profile (pod or container) to a person', () => {
    assert.equal(applyFixes(rule, pod('{seccompProfile: {type: Unconfined}}', '{}')).offered, 0);
    assert.equal(applyFixes(rule, pod('{}', '{seccompProfile: {type: Unconfined}}')).offered, 0);
  });
});

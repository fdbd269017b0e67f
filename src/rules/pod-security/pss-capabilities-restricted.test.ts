import assert from 'node:assert/strict';
import { it } from 'node:test';
import { applyFixes, describeRule, ruleTester } from '../../testing/rule-tester.js';
import { pssCases } from './pss-cases.js';
import rule from './pss-capabilities-restricted.js';

ruleTester(
  rule,
  pssCases({
    level: 'restricted',
    message: 'unrestricted capabilities',
    violating: `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: ns}
spec:
  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
  containers:
  - name: app
    image: app:1
    securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [NET_RAW]}}
`,
  }),
);

describeRule('pss-capabilities-restricted fix', () => {
  it('adds ALL to every drop list, init containers included, keeping what was there', () => {
    const r = applyFixes(
      rule,
      `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers: [{name: init, image: i:1}]
  containers: [{name: app, image: a:1, securityContext: {capabilities: {drop: [NET_RAW], add: [NET_BIND_SERVICE]}}}]
`,
    );
    assert.deepEqual(r.remaining, []);
    const spec = (r.value as { spec: Record<string, { securityContext: unknown }[]> }).spec;
    assert.deepEqual(spec.initContainers![0]!.securityContext, { capabilities: { drop: ['ALL'] } });
    assert.deepEqual(spec.containers![0]!.securityContext, {
      capabilities: { drop: ['NET_RAW', 'ALL'], add: ['NET_BIND_SERVICE'] },
    });
  });

  it('offers no fix when a container adds a capability the level refuses (a person must decide)', () => {
    const r = applyFixes(
      rule,
      `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: a:1, securityContext: {capabilities: {add: [SYS_ADMIN]}}}]
`,
    );
    assert.equal(r.offered, 0);
    assert.equal(r.remaining.length, 1);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { policyFromLabels } from './namespace-policy.js';
import { formatVersion } from './types.js';

const show = (labels: Record<string, string>) => {
  const { policy, errors } = policyFromLabels(labels);
  return {
    enforce: `${policy.enforce.level}:${formatVersion(policy.enforce.version)}`,
    warn: `${policy.warn.level}:${formatVersion(policy.warn.version)}`,
    audit: `${policy.audit.level}:${formatVersion(policy.audit.version)}`,
    errors: errors.length,
  };
};

describe('namespace policy from labels (upstream PolicyToEvaluate)', () => {
  it('defaults to privileged:latest for unlabelled modes', () => {
    assert.deepEqual(show({}), {
      enforce: 'privileged:latest',
      warn: 'privileged:latest',
      audit: 'privileged:latest',
      errors: 0,
    });
  });
  it('reads levels and versions per mode', () => {
    assert.deepEqual(
      show({
        'pod-security.kubernetes.io/enforce': 'baseline',
        'pod-security.kubernetes.io/enforce-version': 'v1.29',
        'pod-security.kubernetes.io/warn': 'restricted',
      }),
      { enforce: 'baseline:v1.29', warn: 'restricted:latest', audit: 'privileged:latest', errors: 0 },
    );
  });
  it('invalid enforce level fails closed; invalid warn/audit levels fail open; invalid versions mean latest', () => {
    assert.deepEqual(
      show({
        'pod-security.kubernetes.io/enforce': 'strict',
        'pod-security.kubernetes.io/warn': 'nope',
        'pod-security.kubernetes.io/audit': 'Restricted',
        'pod-security.kubernetes.io/audit-version': 'v1.029',
      }),
      { enforce: 'restricted:latest', warn: 'privileged:latest', audit: 'privileged:latest', errors: 4 },
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchingRules, parseRequestClass } from './audit.js';

const cls = (s: string, verbs?: string[]) => parseRequestClass(s, verbs)!;

describe('audit policy evaluation', () => {
  it('parses request classes', () => {
    assert.deepEqual(parseRequestClass('pods/exec'), { resource: 'pods', subresource: 'exec', group: '', verbs: undefined });
    assert.deepEqual(parseRequestClass('tokenreviews.authentication.k8s.io'), {
      resource: 'tokenreviews',
      subresource: undefined,
      group: 'authentication.k8s.io',
      verbs: undefined,
    });
  });

  it('first match wins; resource forms as upstream ("*", "*/sub", "res/*" also matching the resource itself)', () => {
    const policy = {
      rules: [
        { level: 'None', nonResourceURLs: ['/healthz'] },
        { level: 'Request', resources: [{ group: 'apps', resources: ['*'] }] },
        { level: 'Metadata', resources: [{ group: '', resources: ['pods/*'] }] },
        { level: 'RequestResponse' },
      ],
    };
    assert.deepEqual(
      matchingRules(policy, cls('pods')).matches.map((m) => [m.index, m.level, m.full]),
      [[2, 'Metadata', true]],
    );
    assert.deepEqual(
      matchingRules(policy, cls('secrets')).matches.map((m) => m.index),
      [3],
    );
    assert.deepEqual(
      matchingRules(policy, cls('deployments/scale.apps')).matches.map((m) => m.index),
      [1],
    );
    const sub = { rules: [{ level: 'Metadata', resources: [{ resources: ['*/exec'] }] }] };
    assert.equal(matchingRules(sub, cls('pods/exec')).decided, true);
    assert.equal(matchingRules(sub, cls('pods')).matches.length, 0);
  });

  it('users, groups, namespaces, resourceNames and some verbs make a partial match; other verbs do not match', () => {
    const policy = {
      rules: [
        { level: 'None', users: ['a'], resources: [{ resources: ['secrets'] }] },
        { level: 'None', resources: [{ resources: ['secrets'], resourceNames: ['x'] }] },
        { level: 'None', verbs: ['watch'], resources: [{ resources: ['secrets'] }] },
        { level: 'Request', verbs: ['create', 'update'] },
        { level: 'Metadata' },
      ],
    };
    const all = matchingRules(policy, cls('secrets'));
    assert.deepEqual(
      all.matches.map((m) => [m.index, m.full, m.limits]),
      [
        [0, false, 'users a'],
        [1, false, 'some resourceNames'],
        [2, false, 'verbs watch'],
        [3, false, 'verbs create, update'],
        [4, true, ''],
      ],
    );
    const writes = matchingRules(policy, cls('secrets', ['create']));
    assert.deepEqual(
      writes.matches.map((m) => [m.index, m.full]),
      [
        [0, false],
        [1, false],
        [3, true],
      ],
    );
  });
});

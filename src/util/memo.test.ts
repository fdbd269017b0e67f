import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoByString } from './memo.js';

describe('memoByString', () => {
  it('computes once per string and shares a frozen result', () => {
    let calls = 0;
    const f = memoByString((s: string) => ({ calls: ++calls, s, parts: s.split('') }));
    const a = f('ab');
    assert.equal(f('ab'), a);
    assert.equal(calls, 1);
    assert.ok(Object.isFrozen(a) && Object.isFrozen(a.parts));
    f('cd');
    assert.equal(calls, 2);
  });

  it('stays bounded: past the limit it starts over', () => {
    let calls = 0;
    const f = memoByString((s: string) => (calls++, s.length), 2);
    f('a');
    f('b');
    f('c'); // the cache was full: it starts over with "c"
    f('a');
    assert.equal(calls, 4, '"a" was forgotten');
    f('c');
    assert.equal(calls, 4, '"c" is remembered');
  });
});

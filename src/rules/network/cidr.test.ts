import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cidrContains, isWholeAddressSpace, parseCidr, parseIp } from './cidr.js';

describe('CIDRs as NetworkPolicy ipBlock reads them', () => {
  it('parses IPv4 and IPv6, with host bits cleared', () => {
    assert.deepEqual(parseCidr('10.1.2.3/8'), { v6: false, base: 10n << 24n, prefix: 8 });
    assert.equal(parseCidr('0.0.0.0/0')?.prefix, 0);
    assert.equal(parseCidr('::/0')?.v6, true);
    assert.equal(parseCidr('fd00:ec2::254/128')?.base, parseIp('fd00:ec2:0:0:0:0:0:254')?.value);
    assert.equal(parseCidr('::ffff:10.0.0.1/128')?.base, (0xffffn << 32n) | (10n << 24n) | 1n);
    assert.equal(parseCidr('010.000.000.001/32')?.base, (10n << 24n) | 1n);
  });

  it('rejects what is not a CIDR', () => {
    for (const bad of ['10.0.0.0', '10.0.0.0/33', '256.0.0.0/8', '1.2.3/8', '::1::2/64', 'fe80::1%eth0/64', 'a/b', '::/129'])
      assert.equal(parseCidr(bad), undefined, bad);
  });

  it('containment and the whole address space', () => {
    const meta = parseIp('169.254.169.254')!;
    assert.ok(cidrContains(parseCidr('169.254.0.0/16')!, meta));
    assert.ok(cidrContains(parseCidr('0.0.0.0/0')!, meta));
    assert.ok(!cidrContains(parseCidr('169.254.169.0/31')!, meta));
    assert.ok(!cidrContains(parseCidr('::/0')!, meta), 'families do not mix');
    assert.ok(cidrContains(parseCidr('fd00::/8')!, parseIp('fd00:ec2::254')!));
    assert.ok(isWholeAddressSpace(parseCidr('0.0.0.0/0')!));
    assert.ok(isWholeAddressSpace(parseCidr('::/0')!));
    assert.ok(!isWholeAddressSpace(parseCidr('0.0.0.0/1')!));
  });
});

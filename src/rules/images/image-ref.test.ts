import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultPullPolicy, isMutable, parseImageRef, type ImageRef } from './image-ref.js';

const SHA256 = 'sha256:' + 'a'.repeat(64);

function ok(image: string): ImageRef {
  const r = parseImageRef(image);
  if (!r.ok) assert.fail(`${image}: ${r.error}`);
  return r.ref;
}

function bad(image: string, error: RegExp): void {
  const r = parseImageRef(image);
  assert.equal(r.ok, false, `${image} should not parse`);
  if (!r.ok) assert.match(r.error, error);
}

describe('parseImageRef', () => {
  it('normalizes Docker Hub names', () => {
    assert.deepEqual(ok('nginx'), {
      domain: 'docker.io',
      path: 'library/nginx',
      name: 'docker.io/library/nginx',
      tag: undefined,
      digest: undefined,
    });
    assert.equal(ok('bitnami/redis:7.2').name, 'docker.io/bitnami/redis');
    assert.equal(ok('docker.io/nginx').path, 'library/nginx');
    assert.equal(ok('index.docker.io/library/nginx:1.27').domain, 'docker.io');
  });

  it('reads tags and digests', () => {
    assert.equal(ok('nginx:1.27').tag, '1.27');
    assert.equal(ok('nginx:latest').tag, 'latest');
    const pinned = ok(`nginx@${SHA256}`);
    assert.equal(pinned.tag, undefined);
    assert.equal(pinned.digest, SHA256);
    const both = ok(`nginx:1.27@${SHA256}`);
    assert.equal(both.tag, '1.27');
    assert.equal(both.digest, SHA256);
    assert.equal(ok('app:v1.2.3-rc_1').tag, 'v1.2.3-rc_1');
  });

  it('takes a colon in the registry host for a port, not a tag', () => {
    assert.deepEqual(ok('localhost:5000/app'), {
      domain: 'localhost:5000',
      path: 'app',
      name: 'localhost:5000/app',
      tag: undefined,
      digest: undefined,
    });
    const r = ok('registry.example.com:443/team/app:v2');
    assert.equal(r.domain, 'registry.example.com:443');
    assert.equal(r.path, 'team/app');
    assert.equal(r.tag, 'v2');
    assert.equal(ok('localhost/app').domain, 'localhost');
    assert.equal(ok('[::1]:5000/app:1').domain, '[::1]:5000');
    assert.equal(ok('ghcr.io/org/tool').tag, undefined);
  });

  it('treats a first component with an uppercase letter as a host', () => {
    const r = ok('MyRegistry/app:1');
    assert.equal(r.domain, 'MyRegistry');
    assert.equal(r.path, 'app');
  });

  it('refuses what the kubelet refuses', () => {
    bad('', /empty/);
    bad('Nginx:1', /lowercase/);
    bad('localhost:5000/App', /lowercase/);
    bad('a'.repeat(64), /hexadecimal id/);
    bad(' nginx', /not of the form/);
    bad('nginx:', /not of the form/);
    bad('nginx:-bad', /not of the form/);
    bad(`nginx:${'t'.repeat(129)}`, /not of the form/);
    bad('nginx@sha256:abc', /not of the form/);
    bad(`nginx@sha256:${'a'.repeat(63)}`, /64 lowercase/);
    bad(`nginx@sha256:${'A'.repeat(64)}`, /64 lowercase/);
    bad(`nginx@md5:${'a'.repeat(32)}`, /not supported/);
    bad(`${'a'.repeat(250)}/b:1`, /longer than 255/);
  });
});

describe('isMutable', () => {
  it('is true without a digest when the tag is missing or latest', () => {
    assert.equal(isMutable(ok('nginx')), true);
    assert.equal(isMutable(ok('nginx:latest')), true);
    assert.equal(isMutable(ok('localhost:5000/app')), true);
    assert.equal(isMutable(ok('nginx:1.27')), false);
    assert.equal(isMutable(ok(`nginx@${SHA256}`)), false);
    assert.equal(isMutable(ok(`nginx:latest@${SHA256}`)), false);
  });
});

describe('defaultPullPolicy', () => {
  it('follows SetDefaults_Container', () => {
    assert.equal(defaultPullPolicy('nginx'), 'Always');
    assert.equal(defaultPullPolicy('nginx:latest'), 'Always');
    assert.equal(defaultPullPolicy(`nginx:latest@${SHA256}`), 'Always');
    assert.equal(defaultPullPolicy('localhost:5000/app'), 'Always');
    assert.equal(defaultPullPolicy('localhost:5000/app:1.0'), 'IfNotPresent');
    assert.equal(defaultPullPolicy(`nginx@${SHA256}`), 'IfNotPresent');
    assert.equal(defaultPullPolicy('nginx:1.27'), 'IfNotPresent');
    assert.equal(defaultPullPolicy('Not A Reference'), 'IfNotPresent');
  });
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { ROOT } from './helpers/cli.js';

const built = existsSync(path.join(ROOT, 'dist/cli/main.js'));

it('bin/palisade runs the built CLI (the quick start path)', { skip: !built && 'not built: npm run build' }, () => {
  const version = spawnSync(path.join(ROOT, 'bin/palisade'), ['--version'], { encoding: 'utf8' });
  assert.equal(version.status, 0);
  assert.equal(
    version.stdout.trim(),
    (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version,
  );
  const good = spawnSync(path.join(ROOT, 'bin/palisade'), ['scan', '--no-config', 'examples/good'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(good.status, 0, good.stdout + good.stderr);
  const all = spawnSync(path.join(ROOT, 'bin/palisade'), ['scan', '--no-config', 'examples'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(all.status, 1, 'the bad examples fail the default gate');
  assert.match(all.stdout, /findings? \(/);
});

it('package.json declares the bins, engines and ESM', () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    bin: Record<string, string>;
    engines: { node: string };
    type: string;
  };
  assert.deepEqual(pkg.bin, { palisade: 'bin/palisade', 'kubectl-palisade': 'bin/palisade' });
  assert.equal(pkg.type, 'module');
  assert.match(pkg.engines.node, /^>=20\.19/);
});

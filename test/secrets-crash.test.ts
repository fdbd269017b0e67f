/**
 * A crash during `secrets rotate` leaves every file either as it was or completely rotated.
 *
 * The real CLI rotates many files and is SIGKILLed: at exact points through its test hook
 * (PALISADE_TEST_KILL_AFTER_WRITES=N kills it right after the Nth file is written), and at
 * random moments while it writes. Afterwards each file must be byte-identical to its version
 * before the run, or a new version that decrypts with the new key to the same plaintext.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { decryptText, encryptText } from '../src/secrets/manifest.js';
import { generateKeyFile, loadLocalProvider } from '../src/secrets/providers/local.js';
import type { KeyProvider } from '../src/secrets/providers/types.js';
import { ROOT, tempDir } from './helpers/cli.js';

const TSX = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const ENTRY = path.join(ROOT, 'test/helpers/palisade-src.ts');
const N = 40;

const plaintext = (i: number) => `# file ${i}
apiVersion: v1
kind: ConfigMap
metadata: {name: cm-${i}}
data: {a: b}
---
apiVersion: v1
kind: Secret
metadata:
  name: s-${i}
  namespace: ns
data:
  password: ${Buffer.from(`pass-${i}`).toString('base64')}
stringData:
  url: "postgres://db-${i}:5432/app"
  cert: |
    line one ${i}
    line two
`;

interface Setup {
  dir: string;
  files: string[];
  keyFiles: { a: string; b: string };
  a: KeyProvider;
  b: KeyProvider;
}

/** N files encrypted for key A; the runs rotate them to key B. */
async function setup(): Promise<Setup> {
  const dir = tempDir();
  const keyFiles = { a: path.join(dir, 'a.key'), b: path.join(dir, 'b.key') };
  await generateKeyFile(keyFiles.a);
  await generateKeyFile(keyFiles.b);
  const [a, b] = [await loadLocalProvider(keyFiles.a), await loadLocalProvider(keyFiles.b)];
  const files: string[] = [];
  for (let i = 0; i < N; i++) {
    const f = path.join(dir, `f${String(i).padStart(2, '0')}.yaml`);
    writeFileSync(f, (await encryptText(plaintext(i), f, { providers: [a] })).text);
    files.push(f);
  }
  return { dir, files, keyFiles, a, b };
}

function rotateArgs(s: Setup, mode: '--rewrap' | '--new-data-key'): string[] {
  return [
    'secrets',
    'rotate',
    mode,
    ...s.files,
    '--key',
    `local:${s.keyFiles.b}`,
    '--old-key',
    `local:${s.keyFiles.a}`,
    '--no-config',
  ];
}

type Child = ReturnType<typeof spawn>;

/** Runs the CLI; the callbacks may SIGKILL it. Resolves with how it ended. */
function run(
  args: string[],
  env: Record<string, string>,
  on: { spawn?: (child: Child) => void; stderr?: (child: Child) => void } = {},
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, ENTRY, ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    on.spawn?.(child);
    const onStderr = on.stderr;
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => {
      if (stderr === '') onStderr?.(child);
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

/** Every file is its old text or a complete new version for key B only; returns how many are new. */
async function checkOldOrNew(s: Setup, before: Map<string, string>): Promise<number> {
  let fresh = 0;
  for (const [i, f] of s.files.entries()) {
    const now = readFileSync(f, 'utf8');
    if (now === before.get(f)) continue;
    fresh++;
    const back = await decryptText(now, f, { providers: [s.b], keepAnnotation: false });
    assert.equal(back.text, plaintext(i), `${f} is neither the old nor a complete new version`);
    await assert.rejects(decryptText(now, f, { providers: [s.a], keepAnnotation: false }), /no given key can decrypt it/);
  }
  // A killed atomic write may leave its hidden temp file; it never takes a target's name.
  const litter = readdirSync(s.dir).filter((n) => !/^(f\d\d\.yaml|[ab]\.key)$/.test(n));
  for (const n of litter) assert.match(n, /^\.f\d\d\.yaml\.[0-9a-f]+\.tmp$/);
  return fresh;
}

const snapshot = (s: Setup) => new Map(s.files.map((f) => [f, readFileSync(f, 'utf8')]));

describe('secrets rotate: crash safety', () => {
  for (const mode of ['--new-data-key', '--rewrap'] as const) {
    it(`${mode}: SIGKILL right after the Nth file write leaves N new files and the rest untouched`, async () => {
      const s = await setup();
      const original = snapshot(s);
      let before = original;
      for (const k of [1, 17, N - 1]) {
        const r = await run(rotateArgs(s, mode), { PALISADE_TEST_KILL_AFTER_WRITES: String(k) });
        assert.equal(r.signal, 'SIGKILL', r.stderr);
        assert.equal(await checkOldOrNew(s, before), k);
        // Files are written in argument order, so exactly the first k are new.
        for (const [i, f] of s.files.entries()) assert.equal(readFileSync(f, 'utf8') !== before.get(f), i < k, f);
        before = snapshot(s);
      }
      // Running again finishes the job: files already rotated are unwrapped with B, the rest with A.
      const r = await run(rotateArgs(s, mode), {});
      assert.equal(r.code, 0, r.stderr);
      assert.equal(await checkOldOrNew(s, original), N);
    });
  }

  it('SIGKILL at random moments: every file is old or new, never broken', async (t) => {
    const s = await setup();
    let before = snapshot(s);
    for (let round = 0; round < 6; round++) {
      const mode = round % 2 ? '--rewrap' : '--new-data-key';
      const kill = (ms: number) => (child: Child) => setTimeout(() => child.kill('SIGKILL'), ms);
      // Rounds 0-3: the first stderr line is the first file's note, printed after its write, so
      // the writing has begun: kill within the next few milliseconds. Rounds 4-5: anywhere from
      // start-up through reading, unwrapping and writing.
      const delay = Math.floor(Math.random() * (round < 4 ? 40 : 800));
      const r = await run(rotateArgs(s, mode), {}, round < 4 ? { stderr: kill(delay) } : { spawn: kill(delay) });
      const fresh = await checkOldOrNew(s, before);
      t.diagnostic(
        `${mode}, kill ${round < 4 ? 'after the first write' : 'after start'} + ${delay} ms: ${r.signal ?? `exit ${r.code}`}, ${fresh}/${N} rotated`,
      );
      if (r.signal === null) assert.equal(r.code, 0, r.stderr);
      before = snapshot(s);
    }
  });
});

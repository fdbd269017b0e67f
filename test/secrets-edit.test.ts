/** `secrets edit`: $VISUAL/$EDITOR on a private temp file, only changed values re-encrypted. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { editorSetting, splitWords } from '../src/secrets/editor.js';
import { decryptText, encryptText } from '../src/secrets/manifest.js';
import { generateKeyFile, loadLocalProvider } from '../src/secrets/providers/local.js';
import type { KeyProvider } from '../src/secrets/providers/types.js';
import { ROOT, palisade, tempDir } from './helpers/cli.js';

const FILE = `apiVersion: v1
kind: Secret
metadata:
  name: db # primary
  namespace: prod
data:
  password: cGFzcw== # base64 of pass
  user: YWRtaW4=
stringData:
  url: "postgres://db:5432/app"
`;

/** The test editor: logs what it saw, applies EDIT_REPLACE, then exits with EDIT_EXIT (after
 *  EDIT_SLEEP ms, so signals can arrive while it runs). */
const EDITOR_SCRIPT = `import fs from 'node:fs';
import path from 'node:path';
const f = process.argv[process.argv.length - 1];
const text = fs.readFileSync(f, 'utf8');
fs.writeFileSync(process.env.EDIT_LOG, JSON.stringify({
  argv: process.argv.slice(2), file: f, pid: process.pid, text,
  mode: fs.statSync(f).mode & 0o777, dirMode: fs.statSync(path.dirname(f)).mode & 0o777,
}));
let out = text;
for (const [a, b] of JSON.parse(process.env.EDIT_REPLACE || '[]')) out = out.split(a).join(b);
fs.writeFileSync(f, out);
const exit = () => process.exit(Number(process.env.EDIT_EXIT || 0));
if (process.env.EDIT_SLEEP) setTimeout(exit, Number(process.env.EDIT_SLEEP)); else exit();
`;

interface Setup {
  dir: string;
  file: string;
  key: string;
  p: KeyProvider;
  enc: string;
  log: string;
  env: (o: { replace?: [string, string][]; exit?: number; sleep?: number }) => Record<string, string>;
}

async function setup(): Promise<Setup> {
  const dir = tempDir({ 'ed.mjs': EDITOR_SCRIPT });
  const file = path.join(dir, 'secrets.yaml');
  const key = path.join(dir, 'k.key');
  await generateKeyFile(key);
  const p = await loadLocalProvider(key);
  const enc = (await encryptText(FILE, file, { providers: [p] })).text;
  writeFileSync(file, enc);
  const log = path.join(dir, 'editor-log.json');
  // Quoted words with a space inside: $EDITOR is split like a shell word list.
  const editor = `'${process.execPath}' "${path.join(dir, 'ed.mjs')}" --two\\ words`;
  const env = (o: { replace?: [string, string][]; exit?: number; sleep?: number }) => ({
    VISUAL: '',
    EDITOR: editor,
    EDIT_LOG: log,
    EDIT_REPLACE: JSON.stringify(o.replace ?? []),
    EDIT_EXIT: String(o.exit ?? 0),
    EDIT_SLEEP: o.sleep === undefined ? '' : String(o.sleep),
  });
  return { dir, file, key, p, enc, log, env };
}

const edit = (s: Setup, env: Record<string, string>) =>
  palisade(['secrets', 'edit', s.file, '--key', `local:${s.key}`, '--no-config'], { cwd: s.dir, env });
const seen = (s: Setup) =>
  JSON.parse(readFileSync(s.log, 'utf8')) as {
    argv: string[];
    file: string;
    pid: number;
    text: string;
    mode: number;
    dirMode: number;
  };
const plain = async (s: Setup) =>
  (await decryptText(readFileSync(s.file, 'utf8'), s.file, { providers: [s.p], keepAnnotation: false })).text;

describe('secrets edit: editor command', () => {
  it('splits $VISUAL/$EDITOR like a shell word list, without running a shell', () => {
    assert.deepEqual(splitWords('vi'), ['vi']);
    assert.deepEqual(splitWords('  code  --wait '), ['code', '--wait']);
    assert.deepEqual(splitWords(`emacsclient -t -a ''`), ['emacsclient', '-t', '-a', '']);
    assert.deepEqual(splitWords(`"/opt/my editor/bin/ed" -c 'set ft=yaml' a\\ b "q\\"x\\\\y\\z"`), [
      '/opt/my editor/bin/ed',
      '-c',
      'set ft=yaml',
      'a b',
      'q"x\\y\\z',
    ]);
    assert.deepEqual(splitWords(`a'b c'd e`), ['ab cd', 'e']);
    for (const bad of [`vi 'x`, 'vi "x', 'vi \\', 'vi $HOME/x', 'vi `x`', 'vi | tee', 'vi; rm', 'vi "$x"'])
      assert.throws(() => splitWords(bad), /unterminated|trailing backslash|shell syntax/, bad);
    assert.deepEqual(editorSetting({ VISUAL: 'code -w', EDITOR: 'nano' }), { name: '$VISUAL', value: 'code -w' });
    assert.deepEqual(editorSetting({ VISUAL: ' ', EDITOR: 'nano' }), { name: '$EDITOR', value: 'nano' });
    assert.deepEqual(editorSetting({}), { name: 'the default editor', value: 'vi' });
  });
});

describe('secrets edit: CLI', () => {
  it('re-encrypts only the edited value; the plaintext was 0600 in a private 0700 folder, removed after', async () => {
    const s = await setup();
    const r = edit(s, s.env({ replace: [['YWRtaW4=', 'cm9vdA==']] }));
    assert.equal(r.code, 0, r.stderr);
    const e = seen(s);
    assert.deepEqual(e.argv, ['--two words', e.file]);
    assert.equal(path.basename(e.file), 'secrets.yaml');
    assert.equal(e.mode, 0o600);
    assert.equal(e.dirMode, 0o700);
    assert.match(path.basename(path.dirname(e.file)), /^palisade-edit-/);
    assert.equal(existsSync(path.dirname(e.file)), false, 'temp folder removed');
    assert.match(e.text, /user: YWRtaW4=\n/); // the editor saw plaintext
    const after = readFileSync(s.file, 'utf8');
    const changed = after.split('\n').filter((l, i) => l !== s.enc.split('\n')[i]);
    assert.equal(changed.length, 2, changed.join('\n')); // the value and the MAC
    assert.match(changed[0]!, /palisade\.dev\/encryption/);
    assert.match(changed[1]!, /^ {2}user: ENC\[v1,/);
    assert.equal(/"created":"([^"]+)"/.exec(after)![1], /"created":"([^"]+)"/.exec(s.enc)![1]); // same data key
    assert.equal(await plain(s), FILE.replace('YWRtaW4=', 'cm9vdA=='));
    assert.match(r.stderr, /secrets\.yaml:1: Secret prod\/db: encrypted 1 value\(s\), kept 2 unchanged ciphertext\(s\)/);
  });

  it('writes nothing when nothing changed', async () => {
    const s = await setup();
    const r = edit(s, s.env({}));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /secrets\.yaml: no changes, left as is/);
    assert.equal(readFileSync(s.file, 'utf8'), s.enc);
    assert.equal(existsSync(path.dirname(seen(s).file)), false);
  });

  it('a failing editor, unparsable YAML or a renamed Secret: exit 2, file untouched, temp removed', async () => {
    const s = await setup();
    const cases: [Record<string, string>, RegExp][] = [
      [
        s.env({ replace: [['YWRtaW4=', 'x']], exit: 3 }),
        /editor .*node.* exited with code 3; nothing written, the edit is discarded/,
      ],
      [
        s.env({ replace: [['  user: YWRtaW4=', '  user: [unclosed']] }),
        /secrets\.yaml \(as edited\):\d+: YAML: .*; nothing written/,
      ],
      [
        s.env({ replace: [['name: db #', 'name: db2 #']] }),
        /Secret prod\/db2: encrypted as v1\/Secret prod\/db but is now v1\/Secret prod\/db2/,
      ],
      [
        s.env({ replace: [['password: cGFzcw==', 'password: yes']] }),
        /data\.password: not a string \(Kubernetes reads it as true\); quote it/,
      ],
      [
        { ...s.env({}), EDITOR: path.join(s.dir, 'no-such-editor') },
        /editor ".*no-such-editor" not found \(set \$VISUAL or \$EDITOR\)/,
      ],
      [{ ...s.env({}), EDITOR: 'vi; rm -rf x' }, /\$EDITOR: .* uses shell syntax \(;\)/],
    ];
    for (const [env, re] of cases) {
      const r = edit(s, env);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, re);
      assert.equal(readFileSync(s.file, 'utf8'), s.enc);
      if (existsSync(s.log)) assert.equal(existsSync(path.dirname(seen(s).file)), false);
    }
  });

  it('$VISUAL wins over $EDITOR; removing every value keeps the Secret decryptable; new Secrets get the keys', async () => {
    const s = await setup();
    const emptied = FILE.replace(/^data:\n.*\n.*\nstringData:\n.*\n/m, '');
    const env = s.env({
      replace: [
        ['data:\n  password: cGFzcw== # base64 of pass\n  user: YWRtaW4=\nstringData:\n  url: "postgres://db:5432/app"\n', ''],
      ],
    });
    let r = edit(s, { ...env, VISUAL: env.EDITOR!, EDITOR: 'false' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(await plain(s), emptied);
    assert.match(readFileSync(s.file, 'utf8'), /palisade\.dev\/encryption/);
    const added = '---\napiVersion: v1\nkind: Secret\nmetadata: {name: new}\nstringData: {token: t0ken}\n';
    r = edit(s, s.env({ replace: [['namespace: prod\n', `namespace: prod\n${added}`]] }));
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(readFileSync(s.file, 'utf8'), /t0ken/);
    // Decrypted values in flow maps come back double-quoted.
    const back = added.replace('t0ken', '"t0ken"');
    assert.equal(await plain(s), emptied.replace('namespace: prod\n', `namespace: prod\n${back}`));
  });
});

describe('secrets edit: signals', () => {
  const TSX = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
  const ENTRY = path.join(ROOT, 'test/helpers/palisade-src.ts');

  /** Starts `secrets edit` in its own process group, waits until the editor runs, sends `signal`. */
  async function interrupted(s: Setup, signal: NodeJS.Signals, group: boolean, sleep = 60_000) {
    const child = spawn(
      process.execPath,
      ['--import', TSX, ENTRY, 'secrets', 'edit', s.file, '--key', `local:${s.key}`, '--no-config'],
      {
        cwd: s.dir,
        env: { ...process.env, NO_COLOR: '1', ...s.env({ replace: [['YWRtaW4=', 'eA==']], sleep }) },
        stdio: ['ignore', 'ignore', 'pipe'],
        detached: true,
      },
    );
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('close', (code, sig) => resolve({ code, signal: sig })),
    );
    for (let i = 0; !existsSync(s.log); i++) {
      assert.ok(i < 300, 'the editor never started');
      await new Promise((r) => setTimeout(r, 50));
    }
    process.kill(group ? -child.pid! : child.pid!, signal);
    const end = await ended;
    return { ...end, stderr, editor: seen(s) };
  }

  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it('SIGTERM while the editor runs: editor stopped, temp folder removed, nothing written', async () => {
    const s = await setup();
    const r = await interrupted(s, 'SIGTERM', false);
    assert.equal(r.code, 143, r.stderr);
    assert.equal(existsSync(path.dirname(r.editor.file)), false, 'temp folder removed');
    assert.equal(readFileSync(s.file, 'utf8'), s.enc);
    for (let i = 0; alive(r.editor.pid) && i < 100; i++) await new Promise((res) => setTimeout(res, 20));
    assert.equal(alive(r.editor.pid), false, 'editor still running');
  });

  it('^C (SIGINT to the process group) stops the editor: temp folder removed, exit 2, nothing written', async () => {
    const s = await setup();
    const r = await interrupted(s, 'SIGINT', true);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /editor .* was stopped by SIGINT; nothing written, the edit is discarded/);
    assert.equal(existsSync(path.dirname(r.editor.file)), false, 'temp folder removed');
    assert.equal(readFileSync(s.file, 'utf8'), s.enc);
  });

  it('SIGINT to palisade alone is left to the editor (as git does): the edit completes', async () => {
    const s = await setup();
    const r = await interrupted(s, 'SIGINT', false, 1500);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(existsSync(path.dirname(r.editor.file)), false);
    assert.equal(await plain(s), FILE.replace('YWRtaW4=', 'eA=='));
  });
});

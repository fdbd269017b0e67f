/**
 * `palisade secrets edit FILE`: decrypt to a private temp file, run the editor, encrypt back.
 *
 * The plaintext lives only in a fresh mkdtemp folder (0700) in a 0600 file, removed in every
 * case: on success, on error (finally), and on SIGTERM/SIGHUP (the handler removes it before
 * exiting, since `finally` does not run then). While the editor runs, SIGINT is left to it, as
 * git does: ^C reaches the whole foreground process group, and editors use it for their own
 * purposes; if it does stop the editor, we see that and clean up.
 *
 * The annotation stays in the text the user edits, so encryptText reuses the data key and,
 * given the file before the edit as `previous`, the ciphertext of every unchanged value: the
 * diff shows only the edited values and the MAC.
 */
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { constants, tmpdir } from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import { editorSetting, splitWords, startEditor } from './editor.js';
import { SecretsError } from './format.js';
import { decryptText, encryptText } from './manifest.js';
import type { KeyProvider } from './providers/types.js';

export interface EditResult {
  changed: boolean;
  notes: string[];
}

export async function editFile(file: string, providers: readonly KeyProvider[]): Promise<EditResult> {
  // The editor setting is checked before any plaintext is written anywhere.
  const setting = editorSetting();
  let argv: string[];
  try {
    argv = splitWords(setting.value);
  } catch (e) {
    throw e instanceof SecretsError ? new SecretsError(`${setting.name}: ${e.message}`) : e;
  }
  if (argv.length === 0) throw new SecretsError(`${setting.name} names no program`);
  const original = await readFile(file, 'utf8');
  const shown = (await decryptText(original, file, { providers, keepAnnotation: true })).text;

  const dir = await mkdtemp(path.join(tmpdir(), 'palisade-edit-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  let editor: ChildProcess | undefined;
  const onInt = () => {
    if (editor) return;
    cleanup();
    process.exit(128 + constants.signals.SIGINT);
  };
  const onTerm = (signal: 'SIGTERM' | 'SIGHUP') => {
    editor?.kill('SIGTERM');
    cleanup();
    process.exit(128 + constants.signals[signal]);
  };
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  process.on('SIGHUP', onTerm);
  try {
    await chmod(dir, 0o700); // mkdtemp's default already; made explicit because it is the point
    const tmp = path.join(dir, path.basename(file));
    await writeFile(tmp, shown, { mode: 0o600, flag: 'wx' });
    const run = startEditor(argv, tmp);
    editor = run.child;
    try {
      await run.done;
    } finally {
      editor = undefined;
    }
    const edited = await readFile(tmp, 'utf8');
    if (edited === shown) return { changed: false, notes: [`${file}: no changes, left as is`] };
    const label = `${file} (as edited)`; // error lines count in the text the user saw
    const result = await encryptText(edited, label, { providers, previous: original });
    // Another process (a git checkout, a second edit) may have changed the file meanwhile.
    if ((await readFile(file, 'utf8')) !== original)
      throw new SecretsError(`${file} was changed by something else during the edit`);
    await writeFileAtomic(file, result.text);
    return { changed: true, notes: result.notes.map((n) => file + n.slice(label.length)) };
  } catch (e) {
    if (e instanceof SecretsError) throw new SecretsError(`${e.message}; nothing written, the edit is discarded`, e.valuePath);
    throw e;
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
    process.off('SIGHUP', onTerm);
    cleanup();
  }
}

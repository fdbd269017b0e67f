/** `palisade secrets keygen | encrypt | decrypt | krm | edit | rotate | updatekeys | status`: encrypted Secrets for GitOps. */
import { Command, Option } from 'commander';
import { readFile } from 'node:fs/promises';
import type { SecretsConfig } from '../secrets/config.js';
import type { FileResult } from '../secrets/manifest.js';
import type { KeyProvider } from '../secrets/providers/types.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { EXIT } from './io.js';

/** Every failure is reported on stderr with the file (and value) it is about; exit 2. */
async function run(body: () => Promise<number>): Promise<number> {
  // Loaded lazily, like the other commands' heavy parts: `palisade scan` never pays for it.
  const { SecretsError } = await import('../secrets/format.js');
  const { ConfigError } = await import('../load/config-file.js');
  try {
    return await body();
  } catch (e) {
    if (e instanceof SecretsError || e instanceof ConfigError || isFsError(e)) {
      for (const line of e.message.split('\n')) process.stderr.write(`palisade: ${line}\n`);
      return EXIT.error;
    }
    throw e;
  }
}

const isFsError = (e: unknown): e is NodeJS.ErrnoException =>
  e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string';

// No default value: commander would print `(default: [])` in the help.
const collect = (v: string, prev: string[] | undefined): string[] => [...(prev ?? []), v];

interface ConfigFlags {
  config?: string | false;
}
interface KeyFlags extends ConfigFlags {
  key?: string[];
}

async function secretsConfig(flags: ConfigFlags): Promise<SecretsConfig> {
  const { findConfig } = await import('../load/config-file.js');
  const { loadSecretsConfig } = await import('../secrets/config.js');
  return loadSecretsConfig(flags.config === false ? undefined : (flags.config ?? findConfig(process.cwd())));
}

/** `--key` wins over `secrets.keys` entirely, so a command line never mixes in config keys. */
async function keys(flags: KeyFlags, cfg: SecretsConfig): Promise<KeyProvider[]> {
  const { loadConfigKeys, loadKeys } = await import('../secrets/keys.js');
  const given = flags.key ?? [];
  if (given.length > 0 || cfg.keys.length === 0) return loadKeys(given);
  return loadConfigKeys(cfg.keys, cfg.source ?? '.palisade.yaml');
}

async function error(message: string): Promise<never> {
  const { SecretsError } = await import('../secrets/format.js');
  throw new SecretsError(message);
}

/** Writes the changed files one by one, each atomically: a crash leaves each file old or new. */
async function writeAll(results: readonly { f: string; r: FileResult }[]): Promise<void> {
  // Test hook for test/secrets-crash.test.ts: SIGKILL after N writes, a crash between two files.
  const killAfter = Number(process.env.PALISADE_TEST_KILL_AFTER_WRITES);
  let written = 0;
  for (const { f, r } of results) {
    if (r.changed) {
      await writeFileAtomic(f, r.text);
      if (++written === killAfter) process.kill(process.pid, 'SIGKILL');
    }
    for (const n of r.notes) process.stderr.write(`palisade: ${n}\n`);
    if (r.notes.length === 0) process.stderr.write(`palisade: ${f}: no Secret, left as is\n`);
  }
}

/** Runs `body` on every file in memory first: one failure, and nothing is written. */
async function prepareAll(
  files: readonly string[],
  body: (text: string, f: string) => Promise<FileResult>,
): Promise<{ f: string; r: FileResult }[]> {
  const out = [];
  for (const f of files) out.push({ f, r: await body(await readFile(f, 'utf8'), f) });
  return out;
}

const withConfig = (c: Command): Command =>
  c
    .option('-c, --config <file>', 'config file with a secrets: section (default: .palisade.yaml found upward)')
    .option('--no-config', 'ignore .palisade.yaml');

const withKeys = (c: Command, what: string): Command =>
  withConfig(c.option('--key <spec>', `${what}, e.g. local:KEYFILE (repeatable; default: secrets.keys)`, collect));

export function secretsCommand(): Command {
  const cmd = new Command('secrets').description('Encrypt Secret values for Git (AES-256-GCM envelope encryption)');
  cmd
    .command('keygen')
    .description('Create a local key file (256-bit, mode 0600) for --key local:FILE')
    .requiredOption('--out <file>', 'key file to create (never overwritten)')
    .action(async (flags: { out: string }) => {
      process.exitCode = await run(async () => {
        const { generateKeyFile } = await import('../secrets/providers/local.js');
        const kid = await generateKeyFile(flags.out);
        process.stderr.write(`palisade: wrote key local:${kid} to ${flags.out}; keep it out of Git\n`);
        return EXIT.ok;
      });
    });

  withKeys(
    cmd
      .command('encrypt')
      .description('Encrypt the values of every Secret in FILEs, in place (other documents are left untouched)')
      .argument('<files...>'),
    'recipient key',
  ).action(async (files: string[], flags: KeyFlags) => {
    process.exitCode = await run(async () => {
      const { encryptText } = await import('../secrets/manifest.js');
      const ps = await keys(flags, await secretsConfig(flags));
      await writeAll(await prepareAll(files, (t, f) => encryptText(t, f, { providers: ps })));
      return EXIT.ok;
    });
  });

  withKeys(
    cmd
      .command('decrypt')
      .description('Decrypt Secrets to stdout (plaintext touches the disk only with --in-place)')
      .argument('<paths...>', 'files, or folders with -r')
      .option('-r, --recursive', 'decrypt every .yaml, .yml and .json file under folders (skips node_modules and dot-files)')
      .option('-o, --output <dest>', 'where to write: only - (stdout)', '-')
      .option('--in-place', 'write the plaintext back into FILE (keeps the annotation, so encrypt reuses the data key)'),
    'key to decrypt with',
  ).action(async (paths: string[], flags: KeyFlags & { output: string; inPlace?: boolean; recursive?: boolean }) => {
    process.exitCode = await run(async () => {
      if (flags.output !== '-') await error('decrypt writes to stdout only (-o -); use --in-place to replace the file');
      const { decryptText } = await import('../secrets/manifest.js');
      const { expandPaths } = await import('../secrets/walk.js');
      const files = await expandPaths(paths, flags.recursive ?? false);
      const ps = await keys(flags, await secretsConfig(flags));
      const keepAnnotation = flags.inPlace ?? false;
      // Everything is decrypted before anything is printed: an error leaves no half stream.
      const results = await prepareAll(files, (t, f) => decryptText(t, f, { providers: ps, keepAnnotation }));
      if (flags.inPlace) {
        for (const { f, r } of results) if (r.changed) await writeFileAtomic(f, r.text);
        return EXIT.ok;
      }
      const { joinStream } = await import('../secrets/walk.js');
      const out = joinStream(results.map(({ r }) => r.text));
      await new Promise<void>((resolve, reject) => process.stdout.write(out, (e) => (e ? reject(e) : resolve())));
      return EXIT.ok;
    });
  });

  withKeys(
    cmd
      .command('krm')
      .description(
        'KRM function (kustomize exec, kpt): decrypt the Secrets of a ResourceList on stdin, write it to stdout (docs/secrets-deploy.md)',
      ),
    'key to decrypt with (functionConfig spec.keys adds more)',
  ).action(async (flags: KeyFlags) => {
    process.exitCode = await run(async () => {
      const { decryptResourceList } = await import('../secrets/krm.js');
      const { loadKeys } = await import('../secrets/keys.js');
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      const out = await decryptResourceList(Buffer.concat(chunks).toString('utf8'), {
        providers: await keys(flags, await secretsConfig(flags)),
        loadProvider: async (spec) => (await loadKeys([spec]))[0]!,
      });
      // The list always goes out (with results[] on failure); kustomize discards stderr, kpt and
      // terminals show it.
      await new Promise<void>((resolve, reject) => process.stdout.write(out.text, (e) => (e ? reject(e) : resolve())));
      if (out.ok) return EXIT.ok;
      for (const r of out.results) process.stderr.write(`palisade: ${r.file?.path ? `${r.file.path}: ` : ''}${r.message}\n`);
      return EXIT.error;
    });
  });

  withKeys(
    cmd
      .command('edit')
      .description('Decrypt FILE into $VISUAL/$EDITOR (private temp file), then encrypt the changed values back')
      .argument('<file>'),
    'key to decrypt with (and recipient of new Secrets)',
  ).action(async (file: string, flags: KeyFlags) => {
    process.exitCode = await run(async () => {
      const { editFile } = await import('../secrets/edit.js');
      const r = await editFile(file, await keys(flags, await secretsConfig(flags)));
      for (const n of r.notes) process.stderr.write(`palisade: ${n}\n`);
      return EXIT.ok;
    });
  });

  withKeys(
    cmd
      .command('rotate')
      .description('Re-wrap the data key for the recipients (--rewrap) or give every Secret a new data key (--new-data-key)')
      .argument('<files...>')
      .addOption(new Option('--rewrap', 'same data key and values, wrapped afresh for the recipients').conflicts('newDataKey'))
      .option('--new-data-key', 'a new data key: every value re-encrypted with fresh nonces')
      .option('--old-key <spec>', 'a current recipient key to unwrap with that is not kept (repeatable)', collect),
    'recipient afterwards (exactly these; others are removed)',
  ).action(async (files: string[], flags: KeyFlags & { rewrap?: boolean; newDataKey?: boolean; oldKey?: string[] }) => {
    process.exitCode = await run(async () => {
      if (!flags.rewrap && !flags.newDataKey)
        await error(
          'rotate needs --rewrap (new wrapped keys, values unchanged) or --new-data-key (new data key, every value re-encrypted)',
        );
      const cfg = await secretsConfig(flags);
      const recipients = await keys(flags, cfg);
      if (recipients.length === 0)
        await error('rotate needs the recipients: --key SPEC (repeatable) or secrets.keys in .palisade.yaml');
      const { loadKeys } = await import('../secrets/keys.js');
      const credentials = await loadKeys(flags.oldKey ?? []);
      const { rotateText } = await import('../secrets/rekey.js');
      const mode = flags.newDataKey ? 'new-data-key' : 'rewrap';
      await writeAll(await prepareAll(files, (t, f) => rotateText(t, f, { mode, recipients, credentials })));
      return EXIT.ok;
    });
  });

  withKeys(
    cmd
      .command('updatekeys')
      .description('Add or remove recipients of the data key; values are untouched')
      .argument('<files...>')
      .option('--add <spec>', 'key to add as a recipient (repeatable)', collect)
      .option(
        '--remove <spec-or-kid>',
        'recipient to remove: key spec, kid or provider:kid as status shows (repeatable)',
        collect,
        [],
      ),
    'key to unwrap the data key with',
  ).action(async (files: string[], flags: KeyFlags & { add?: string[]; remove?: string[] }) => {
    process.exitCode = await run(async () => {
      const [toAdd, toRemove] = [flags.add ?? [], flags.remove ?? []];
      if (toAdd.length === 0 && toRemove.length === 0)
        await error('updatekeys needs --add SPEC or --remove SPEC-or-KID (to match secrets.keys, use rotate --rewrap)');
      const { loadKeys } = await import('../secrets/keys.js');
      const { updateKeysText } = await import('../secrets/rekey.js');
      const { removeTargets } = await import('../secrets/rekey.js');
      const texts = await Promise.all(files.map((f) => readFile(f, 'utf8')));
      const remove = await removeTargets(
        toRemove,
        files.map((f, i) => ({ file: f, text: texts[i]! })),
      );
      const add = await loadKeys(toAdd);
      const credentials = await keys(flags, await secretsConfig(flags));
      await writeAll(await prepareAll(files, (t, f) => updateKeysText(t, f, { add, remove, credentials })));
      return EXIT.ok;
    });
  });

  withConfig(
    cmd
      .command('status')
      .description('Which Secrets are encrypted, for which keys, and how old their data key is (exit 1 if any holds plaintext)')
      .argument('<files...>')
      .addOption(new Option('-o, --output <format>', 'text or json').choices(['text', 'json']).default('text')),
  ).action(async (files: string[], flags: ConfigFlags & { output: 'text' | 'json' }) => {
    process.exitCode = await run(async () => {
      const { statusText } = await import('../secrets/manifest.js');
      const { buildStatus, statusJson, statusLines } = await import('../secrets/status.js');
      const max = (await secretsConfig(flags)).maxDataKeyAgeDays;
      const input = [];
      for (const f of files) input.push({ file: f, status: statusText(await readFile(f, 'utf8'), f) });
      const report = buildStatus(input, new Date(), max);
      process.stdout.write(flags.output === 'json' ? statusJson(report, max) : statusLines(report, max));
      return report.failing ? EXIT.findings : EXIT.ok;
    });
  });
  return cmd;
}

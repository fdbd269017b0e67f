/** `palisade secrets keygen | encrypt | decrypt | status`: encrypted Secrets for GitOps. */
import { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../util/atomic-write.js';
import { EXIT } from './io.js';

/** Every failure is reported on stderr with the file (and value) it is about; exit 2. */
async function run(body: () => Promise<number>): Promise<number> {
  // Loaded lazily, like the other commands' heavy parts: `palisade scan` never pays for it.
  const { SecretsError } = await import('../secrets/format.js');
  try {
    return await body();
  } catch (e) {
    if (e instanceof SecretsError || isFsError(e)) {
      process.stderr.write(`palisade: ${e.message}\n`);
      return EXIT.error;
    }
    throw e;
  }
}

const isFsError = (e: unknown): e is NodeJS.ErrnoException =>
  e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string';

const collect = (v: string, prev: string[]): string[] => [...prev, v];

async function providers(specs: readonly string[]) {
  const { providerFromSpec } = await import('../secrets/providers/index.js');
  const out = [];
  for (const s of specs) out.push(await providerFromSpec(s));
  return out;
}

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
  cmd
    .command('encrypt')
    .description('Encrypt the values of every Secret in FILEs, in place (other documents are left untouched)')
    .argument('<files...>')
    .option('--key <spec>', 'recipient key, e.g. local:KEYFILE (repeat for several recipients)', collect, [])
    .action(async (files: string[], flags: { key: string[] }) => {
      process.exitCode = await run(async () => {
        const { encryptText } = await import('../secrets/manifest.js');
        const ps = await providers(flags.key);
        // Every file is encrypted in memory first: one failure means nothing is written.
        const results = [];
        for (const f of files) results.push({ f, r: await encryptText(await readFile(f, 'utf8'), f, { providers: ps }) });
        for (const { f, r } of results) {
          if (r.changed) await writeFileAtomic(f, r.text);
          for (const n of r.notes) process.stderr.write(`palisade: ${n}\n`);
          if (r.notes.length === 0) process.stderr.write(`palisade: ${f}: no Secret, left as is\n`);
        }
        return EXIT.ok;
      });
    });
  cmd
    .command('decrypt')
    .description('Decrypt Secrets to stdout (plaintext touches the disk only with --in-place)')
    .argument('<files...>')
    .option('--key <spec>', 'key to decrypt with, e.g. local:KEYFILE (repeatable)', collect, [])
    .option('-o, --output <dest>', 'where to write: only - (stdout)', '-')
    .option('--in-place', 'write the plaintext back into FILE (keeps the annotation, so encrypt reuses the data key)')
    .action(async (files: string[], flags: { key: string[]; output: string; inPlace?: boolean }) => {
      process.exitCode = await run(async () => {
        const { SecretsError } = await import('../secrets/format.js');
        if (flags.output !== '-')
          throw new SecretsError('decrypt writes to stdout only (-o -); use --in-place to replace the file');
        const { decryptText } = await import('../secrets/manifest.js');
        const ps = await providers(flags.key);
        const results = [];
        for (const f of files)
          results.push({
            f,
            r: await decryptText(await readFile(f, 'utf8'), f, { providers: ps, keepAnnotation: flags.inPlace ?? false }),
          });
        if (flags.inPlace) {
          for (const { f, r } of results) if (r.changed) await writeFileAtomic(f, r.text);
          return EXIT.ok;
        }
        // Several files become one stream (for `| kubectl apply -f -`): each starts a document.
        const out = results
          .map(({ r }, i) => (i > 0 && !/^---/.test(r.text) ? `---\n${r.text}` : r.text))
          .map((t) => (t.endsWith('\n') || t === '' ? t : `${t}\n`))
          .join('');
        await new Promise<void>((resolve, reject) => process.stdout.write(out, (e) => (e ? reject(e) : resolve())));
        return EXIT.ok;
      });
    });
  cmd
    .command('status')
    .description('Which Secrets are encrypted, for which keys, and how old their data key is (exit 1 if any holds plaintext)')
    .argument('<files...>')
    .action(async (files: string[]) => {
      process.exitCode = await run(async () => {
        const { statusText } = await import('../secrets/manifest.js');
        let plaintext = false;
        const now = Date.now();
        for (const f of files) {
          const st = statusText(await readFile(f, 'utf8'), f);
          if (st.length === 0) process.stdout.write(`${f}: no Secret\n`);
          for (const s of st) {
            let line = `${s.where}: ${s.state}`;
            if (s.recipients) line += `, keys ${s.recipients.join(', ')}`;
            if (s.created)
              line += `, data key from ${s.created} (${Math.floor((now - Date.parse(s.created)) / 86_400_000)} days old)`;
            if (s.plaintextValues.length && s.state !== 'plaintext') line += `, plaintext: ${s.plaintextValues.join(', ')}`;
            if (s.problem) line += `: ${s.problem}`;
            process.stdout.write(`${line}\n`);
            if (s.state !== 'encrypted' && s.state !== 'empty') plaintext = true;
          }
        }
        return plaintext ? EXIT.findings : EXIT.ok;
      });
    });
  return cmd;
}

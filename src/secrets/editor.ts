/** Running the user's editor: `$VISUAL` or `$EDITOR`, split into words like a shell would. */
import { spawn, type ChildProcess } from 'node:child_process';
import { SecretsError } from './format.js';

/** The editor command line from the environment, `vi` when neither variable is set. */
export function editorSetting(env: NodeJS.ProcessEnv = process.env): { name: string; value: string } {
  for (const name of ['VISUAL', 'EDITOR']) if (env[name]?.trim()) return { name: `$${name}`, value: env[name]! };
  return { name: 'the default editor', value: 'vi' };
}

/**
 * Shell word splitting without a shell: blanks separate words; '...' is literal; "..." is literal
 * except \" \\ \$ \`; a backslash outside quotes escapes the next character. Expansions,
 * pipes and redirections are refused rather than passed through as text, since no shell runs
 * (running one would let any metacharacter in the variable execute).
 */
export function splitWords(s: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (c === "'") {
      const end = s.indexOf("'", i + 1);
      if (end === -1) throw new SecretsError(`unterminated ' quote in ${JSON.stringify(s)}`);
      word += s.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      inWord = true;
      for (i++; ; i++) {
        if (i >= s.length) throw new SecretsError(`unterminated " quote in ${JSON.stringify(s)}`);
        const d = s[i]!;
        if (d === '"') break;
        if (d === '$' || d === '`') throw shellSyntax(s, d);
        if (d === '\\' && i + 1 < s.length && '"\\$`'.includes(s[i + 1]!)) word += s[++i];
        else word += d;
      }
    } else if (c === '\\') {
      if (i + 1 >= s.length) throw new SecretsError(`trailing backslash in ${JSON.stringify(s)}`);
      word += s[++i];
      inWord = true;
    } else if ('$`|&;<>()'.includes(c)) {
      throw shellSyntax(s, c);
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

const shellSyntax = (s: string, c: string) =>
  new SecretsError(
    `${JSON.stringify(s)} uses shell syntax (${c}) that palisade does not interpret: set it to a program and its arguments, or a script`,
  );

/** Starts the editor on `file` with the terminal handed over to it. */
export function startEditor(argv: readonly string[], file: string): { child: ChildProcess; done: Promise<void> } {
  const [cmd, ...args] = argv;
  const child = spawn(cmd!, [...args, file], { stdio: 'inherit' });
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(
        new SecretsError(
          e.code === 'ENOENT'
            ? `editor ${JSON.stringify(cmd)} not found (set $VISUAL or $EDITOR)`
            : `editor ${cmd}: ${e.message}`,
        ),
      ),
    );
    child.on('exit', (code, signal) => {
      if (signal) reject(new SecretsError(`editor ${cmd} was stopped by ${signal}`));
      else if (code !== 0) reject(new SecretsError(`editor ${cmd} exited with code ${code}`));
      else resolve();
    });
  });
  return { child, done };
}

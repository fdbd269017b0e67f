/** `decrypt -r DIR | kubectl apply -f -`: the manifest files under a folder, and one stream of them. */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { SecretsError } from './format.js';

const MANIFEST = /\.(ya?ml|json)$/i;

/**
 * Every .yaml, .yml and .json file under `dir`, in name order at each level (as
 * `kubectl apply -R -f` walks). Skipped: `node_modules` and every name starting with a dot:
 * `.git`, but also `.palisade.yaml` and CI files, which are not manifests and would make
 * kubectl fail. Symlinked files are read; symlinked folders are not followed (no loops).
 */
export async function manifestFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (MANIFEST.test(e.name) && (e.isFile() || (e.isSymbolicLink() && (await isFile(p))))) out.push(p);
    }
  };
  await walk(dir);
  if (out.length === 0) throw new SecretsError(`${dir}: no .yaml, .yml or .json files in it`);
  return out;
}

const isFile = (p: string): Promise<boolean> =>
  stat(p).then(
    (s) => s.isFile(),
    () => false,
  );

/** Files as given, folders expanded when `recursive`; a folder without it is an error. */
export async function expandPaths(paths: readonly string[], recursive: boolean): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const st = await stat(p).catch(() => undefined);
    if (st?.isDirectory()) {
      if (!recursive) throw new SecretsError(`${p} is a folder: use -r to decrypt every manifest under it`);
      out.push(...(await manifestFiles(p)));
    } else out.push(p); // a missing file is reported when it is read
  }
  return out;
}

/**
 * Files joined into one multi-document stream for `kubectl apply -f -`: each file starts a new
 * document. A leading JSON object also gets a `---`, because kubectl reads a stream that starts
 * with `{` as JSON only and would fail on the next file's `---`.
 */
export function joinStream(texts: readonly string[]): string {
  let out = '';
  for (const raw of texts) {
    const t = raw.replace(/^\ufeff/, ''); // a byte order mark is only allowed at the stream's start
    if (t === '') continue;
    const first = out === '';
    const marked = /^---(?:[ \t\r\n]|$)/.test(t);
    if (!marked && (!first || (texts.length > 1 && /^\s*\{/.test(t)))) out += '---\n';
    out += t.endsWith('\n') ? t : `${t}\n`;
  }
  return out;
}

/** `palisade secrets status`: per Secret, its state, recipients and data key age, as text or JSON. */
import type { SecretStatus } from './manifest.js';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

/** Whole UTC calendar days from `created` to `now` (as the scan rule secret-data-key-age counts:
 *  a key made yesterday at 23:59 is 1 day old today); undefined if `created` is not a timestamp. */
export function dataKeyAgeDays(created: string, now: Date): number | undefined {
  const t = Date.parse(created);
  // Date.parse rolls 2025-02-30 over into March: the date must read back as written.
  if (!TIMESTAMP.test(created) || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== created.slice(0, 10))
    return undefined;
  const day = (ms: number) => Math.floor(ms / 86_400_000);
  return day(now.getTime()) - day(t);
}

export interface StatusEntry extends SecretStatus {
  file: string;
  dataKeyAgeDays?: number;
  /** The key's age breaks `maxDataKeyAgeDays`, or cannot be judged against it. */
  overdue: boolean;
}

export interface StatusReport {
  files: { file: string; secrets: StatusEntry[] }[];
  /** Exit 1: a Secret holds plaintext (or is broken), or a data key is overdue. */
  failing: boolean;
}

export function buildStatus(
  input: readonly { file: string; status: SecretStatus[] }[],
  now: Date,
  maxAge: number | undefined,
): StatusReport {
  let failing = false;
  const files = input.map(({ file, status }) => ({
    file,
    secrets: status.map((s): StatusEntry => {
      const age = s.created === undefined ? undefined : dataKeyAgeDays(s.created, now);
      const overdue = maxAge !== undefined && s.created !== undefined && (age === undefined || age < 0 || age > maxAge);
      if ((s.state !== 'encrypted' && s.state !== 'empty') || overdue) failing = true;
      return { ...s, file, ...(age === undefined ? {} : { dataKeyAgeDays: age }), overdue };
    }),
  }));
  return { files, failing };
}

export function statusLines(r: StatusReport, maxAge: number | undefined): string {
  const lines: string[] = [];
  for (const f of r.files) {
    if (f.secrets.length === 0) lines.push(`${f.file}: no Secret`);
    for (const s of f.secrets) {
      let line = `${s.where}: ${s.state}`;
      if (s.recipients) line += `, keys ${s.recipients.join(', ')}`;
      if (s.created !== undefined) line += `, data key from ${s.created} (${ageText(s, maxAge)})`;
      if (s.plaintextValues.length && s.state !== 'plaintext') line += `, plaintext: ${s.plaintextValues.join(', ')}`;
      if (s.problem) line += `: ${s.problem}`;
      lines.push(line);
    }
  }
  return lines.map((l) => `${l}\n`).join('');
}

function ageText(s: StatusEntry, maxAge: number | undefined): string {
  const age = s.dataKeyAgeDays;
  if (age === undefined) return 'not a UTC timestamp: age unknown';
  if (age < 0) return 'dated in the future: age unknown';
  const text = `${age} days old`;
  return s.overdue ? `${text}, more than ${maxAge}: run palisade secrets rotate --new-data-key` : text;
}

/** Stable JSON: every field present (null when unknown), recipients split into provider and kid. */
export function statusJson(r: StatusReport, maxAge: number | undefined): string {
  const files = r.files.map(({ file, secrets }) => ({
    file,
    secrets: secrets.map((s) => ({
      line: s.line,
      namespace: s.namespace || null,
      name: s.name,
      state: s.state,
      values: s.values,
      plaintextValues: s.plaintextValues,
      recipients: (s.recipients ?? []).map((x) => ({ provider: x.slice(0, x.indexOf(':')), kid: x.slice(x.indexOf(':') + 1) })),
      created: s.created ?? null,
      dataKeyAgeDays: s.dataKeyAgeDays ?? null,
      overdue: s.overdue,
      problem: s.problem ?? null,
    })),
  }));
  return `${JSON.stringify({ maxDataKeyAgeDays: maxAge ?? null, files }, null, 2)}\n`;
}

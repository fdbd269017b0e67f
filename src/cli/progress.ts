/** A one-line progress indicator on stderr for long scans: only on a TTY, never in CI or with
 *  --quiet, redrawn at most ten times a second, erased when done. */
export interface Progress {
  onFile(done: number, total: number, file: string): void;
  done(): void;
}

const SILENT: Progress = { onFile() {}, done() {} };

export function progress(enabled: boolean): Progress {
  const stream = process.stderr;
  if (!enabled || !stream.isTTY || process.env.CI) return SILENT;
  let last = 0;
  let shown = false;
  return {
    onFile(done, total, file) {
      const now = Date.now();
      if (total < 20 || now - last < 100) return;
      last = now;
      shown = true;
      const width = Math.max(20, (stream.columns ?? 80) - 30);
      const name = file.length > width ? '…' + file.slice(-width + 1) : file;
      stream.write(`\r\x1b[2Kscanning ${done + 1}/${total} ${name}`);
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}

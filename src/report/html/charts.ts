/** Inline SVG charts (no library, no network): horizontal bars with labels and values. */
import { esc } from './escape.js';

export interface Bar {
  label: string;
  value: number;
  color: string;
  /** Text shown after the bar (defaults to the value). */
  text?: string;
}

/** A horizontal bar chart; `max` fixes the scale (e.g. 100 for percentages). */
export function barChart(title: string, bars: readonly Bar[], opts: { max?: number; width?: number } = {}): string {
  const width = opts.width ?? 360;
  const labelW = 120;
  const valueW = 48;
  const rowH = 24;
  const barMax = width - labelW - valueW;
  const max = opts.max ?? Math.max(1, ...bars.map((b) => b.value));
  const height = Math.max(rowH, bars.length * rowH) + 4;
  const rows = bars
    .map((b, i) => {
      const y = i * rowH + 2;
      const w = b.value <= 0 ? 0 : Math.max(2, Math.round((b.value / max) * barMax));
      return (
        `<g class="bar"><text x="${labelW - 8}" y="${y + 16}" text-anchor="end">${esc(b.label)}</text>` +
        `<rect x="${labelW}" y="${y + 4}" width="${barMax}" height="${rowH - 8}" rx="3" class="track"/>` +
        `<rect x="${labelW}" y="${y + 4}" width="${w}" height="${rowH - 8}" rx="3" fill="${b.color}"/>` +
        `<text x="${labelW + barMax + 6}" y="${y + 16}" class="value">${esc(b.text ?? String(b.value))}</text></g>`
      );
    })
    .join('');
  const desc = bars.map((b) => `${b.label}: ${b.text ?? b.value}`).join(', ');
  return (
    `<figure class="chart"><figcaption>${esc(title)}</figcaption>` +
    `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${esc(`${title}: ${desc}`)}">${rows}</svg></figure>`
  );
}

/** JSON input: JSON.parse for values (fast and exact), `yaml` for positions when needed. */
import type { Path } from '../core/path.js';
import type { Position } from '../core/position.js';
import { parseYaml, type ParseEvent } from './yaml.js';

/** One JSON document, or undefined when the text is not a single JSON value (then the caller
 *  reads it as YAML, which also covers JSON streams and reports syntax errors with lines). */
export function parseJson(text: string): ParseEvent[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  let positions: ((paths: readonly Path[]) => Position[]) | undefined;
  const locate = (paths: readonly Path[]): Position[] => {
    // JSON is YAML: the YAML reader finds node positions in it.
    if (!positions) {
      for (const ev of parseYaml(text)) if (ev.kind === 'document') positions = ev.doc.locate;
    }
    return positions ? positions(paths) : paths.map(() => ({ line: 1, column: 1, exact: false }));
  };
  return [{ kind: 'document', doc: { value, index: 0, line: 1, problems: [], locate } }];
}

import type { Path } from './path.js';

/** A place in a source file, 1-based. `exact` is false when the path's node is absent and the
 *  position is that of its nearest existing parent. */
export interface Position {
  line: number;
  column: number;
  exact: boolean;
}

/** Where an object came from. `locate` resolves paths to positions lazily (re-reading the
 *  document's syntax only for objects that have findings). */
export interface SourceRef {
  /** As given on the command line, `<stdin>`, or `cluster` / `admission`. */
  file: string;
  /** 1-based line where the object starts. */
  line: number;
  /** Index of the YAML document within the file (0-based). */
  document: number;
  /** Path prefix of the object inside its document (set for `kind: List` items). */
  prefix?: Path;
  /** Helm's `# Source: chart/templates/x.yaml` comment, when present. */
  origin?: string;
  locate?: (paths: readonly Path[]) => Position[];
}

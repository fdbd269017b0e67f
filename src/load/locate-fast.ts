/**
 * Fast path positions: re-reads one document with js-yaml's node listener (about ten times
 * faster than building `yaml`'s syntax tree) and resolves paths over the node events. The events
 * are checked against the values they built (a mapping has two child nodes per key, a sequence one
 * per item); whenever they do not line up (empty items, keys without values, anything unusual) it
 * returns undefined and the caller uses the `yaml` syntax tree instead.
 */
import jsyaml from 'js-yaml';
import type { Path } from '../core/path.js';
import type { Position } from '../core/position.js';

interface NodeEvent {
  start: number;
  end: number;
  kind: string | null;
  result: unknown;
  children: NodeEvent[];
}

/** Drops the duplicate node js-yaml reports when it tries a node as an implicit key first. */
function unwrap(n: NodeEvent): NodeEvent {
  let cur = n;
  while (cur.children.length === 1 && cur.children[0]!.kind === cur.kind && cur.children[0]!.result === cur.result)
    cur = cur.children[0]!;
  return cur;
}

export function locateFast(
  text: string,
  firstLine: number,
  schema: jsyaml.Schema,
  paths: readonly Path[],
): Position[] | undefined {
  const stack: NodeEvent[] = [];
  let root: NodeEvent | undefined;
  try {
    jsyaml.load(text, {
      schema,
      listener(event, state) {
        if (event === 'open') {
          const node: NodeEvent = { start: state.position, end: -1, kind: null, result: undefined, children: [] };
          const parent = stack[stack.length - 1];
          if (parent) parent.children.push(node);
          else root = node;
          stack.push(node);
        } else {
          const node = stack.pop();
          if (!node) return;
          node.end = state.position;
          node.kind = state.kind;
          node.result = state.result;
        }
      },
    });
  } catch {
    return undefined;
  }
  if (!root) return undefined;

  let lineStarts: number[] | undefined;
  const toPosition = (offset: number, exact: boolean): Position => {
    if (!lineStarts) {
      lineStarts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    }
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: firstLine + lo, column: offset - lineStarts[lo]! + 1, exact };
  };
  const skipSpace = (offset: number) => {
    let i = offset;
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
    return i;
  };

  const out: Position[] = [];
  for (const path of paths) {
    let node = unwrap(root);
    let offset = firstContentOffset(text, node);
    let exact = true;
    for (const seg of path) {
      const step = childOf(node, seg);
      if (step === 'mismatch') return undefined;
      if (!step) {
        exact = false;
        break;
      }
      node = step.node;
      offset = step.offset;
    }
    out.push(toPosition(skipSpace(offset), exact));
  }
  return out;
}

/** The offset a person looks at for a document: its first key or item, not its `---` line. */
function firstContentOffset(text: string, root: NodeEvent): number {
  return root.children[0]?.start ?? root.start;
}

function childOf(node: NodeEvent, seg: string | number): { node: NodeEvent; offset: number } | undefined | 'mismatch' {
  const kids = node.children.map(unwrap);
  if (node.kind === 'sequence' && Array.isArray(node.result)) {
    if (kids.length !== node.result.length) return 'mismatch';
    if (typeof seg !== 'number') return undefined;
    const item = kids[seg];
    return item ? { node: item, offset: item.start } : undefined;
  }
  if (node.kind === 'mapping' && node.result && typeof node.result === 'object') {
    if (kids.length !== 2 * Object.keys(node.result).length) return 'mismatch';
    const key = String(seg);
    for (let i = 0; i < kids.length; i += 2) {
      const k = kids[i]!;
      if (k.kind !== 'scalar') return 'mismatch';
      if (String(k.result) === key) return { node: kids[i + 1]!, offset: k.start };
    }
    return undefined;
  }
  return undefined;
}

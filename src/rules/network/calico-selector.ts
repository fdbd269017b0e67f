/**
 * Calico's selector expression language (projectcalico.org/v3 `selector`, `namespaceSelector`,
 * `serviceAccountSelector`), written from libcalico-go lib/selector (tokenizer, parser, ast):
 *
 *   all()  global()  has(k)  k == 'v'  k != 'v'  k in {'a','b'}  k not in {...}
 *   k contains 's'  k starts with 's'  k ends with 's'  !e  e && e  e || e  ( e )
 *
 * `&&` binds tighter than `||`; leading `!`s collapse; strings take single or double quotes
 * without escapes; an empty selector is all(). `!=` and `not in` match when the label is absent;
 * `==`, `in`, `has`, `contains`, `starts with`, `ends with` need it present. Evaluation is
 * three-valued (see tri.ts) so labels the input does not know give 'unknown', not a guess.
 * `global()` selects non-namespaced endpoints; it is 'unknown' for pods here.
 */
import { and, not, or, UNKNOWN, type LabelView, type Tri } from './tri.js';

export type CalicoNode =
  | { op: 'all' }
  | { op: 'global' }
  | { op: 'has'; key: string }
  | { op: '==' | '!=' | 'contains' | 'starts with' | 'ends with'; key: string; value: string }
  | { op: 'in' | 'not in'; key: string; values: readonly string[] }
  | { op: 'not'; operand: CalicoNode }
  | { op: 'and' | 'or'; operands: readonly CalicoNode[] };

type Token =
  | { kind: 'label' | 'string' | 'has'; value: string }
  | { kind: '(' | ')' | '{' | '}' | ',' | '==' | '!=' | '!' | '&&' | '||' | 'in' | 'not in' | 'contains' }
  | { kind: 'starts with' | 'ends with' | 'all' | 'global' | 'eof' };

const IDENT = /^[a-zA-Z0-9_./-]+/;

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let s = input;
  for (;;) {
    s = s.replace(/^[ \t]+/, '');
    if (s === '') {
      tokens.push({ kind: 'eof' });
      return tokens;
    }
    const last = tokens[tokens.length - 1];
    const c = s[0]!;
    if (c === '(' || c === ')' || c === '{' || c === '}' || c === ',') {
      tokens.push({ kind: c });
      s = s.slice(1);
    } else if (c === '"' || c === "'") {
      const end = s.indexOf(c, 1);
      if (end === -1) throw new Error('unterminated string');
      tokens.push({ kind: 'string', value: s.slice(1, end) });
      s = s.slice(end + 1);
    } else if (s.startsWith('==')) {
      tokens.push({ kind: '==' });
      s = s.slice(2);
    } else if (s.startsWith('!=')) {
      tokens.push({ kind: '!=' });
      s = s.slice(2);
    } else if (c === '!') {
      tokens.push({ kind: '!' });
      s = s.slice(1);
    } else if (s.startsWith('&&')) {
      tokens.push({ kind: '&&' });
      s = s.slice(2);
    } else if (s.startsWith('||')) {
      tokens.push({ kind: '||' });
      s = s.slice(2);
    } else if (last?.kind === 'label') {
      // After a label: an operator word, not another label.
      const words: [RegExp, Token][] = [
        [/^contains/, { kind: 'contains' }],
        [/^starts[ \t]*with/, { kind: 'starts with' }],
        [/^ends[ \t]*with/, { kind: 'ends with' }],
        [/^not[ \t]*in/, { kind: 'not in' }],
        [/^in/, { kind: 'in' }],
      ];
      const hit = words.find(([re]) => re.test(s));
      if (!hit) throw new Error(`expected an operator after "${last.value}"`);
      tokens.push(hit[1]);
      s = s.replace(hit[0], '');
    } else if (/^has\(/.test(s)) {
      const m = /^has\([ \t]*([a-zA-Z0-9_./-]+)[ \t]*\)/.exec(s);
      if (!m) throw new Error('malformed has()');
      tokens.push({ kind: 'has', value: m[1]! });
      s = s.slice(m[0].length);
    } else if (/^all\([ \t]*\)/.test(s)) {
      tokens.push({ kind: 'all' });
      s = s.replace(/^all\([ \t]*\)/, '');
    } else if (/^global\([ \t]*\)/.test(s)) {
      tokens.push({ kind: 'global' });
      s = s.replace(/^global\([ \t]*\)/, '');
    } else {
      const m = IDENT.exec(s);
      if (!m) throw new Error(`unexpected character "${c}"`);
      tokens.push({ kind: 'label', value: m[0] });
      s = s.slice(m[0].length);
    }
  }
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i]!;
  }

  private next(): Token {
    return this.tokens[this.i++]!;
  }

  parseRoot(): CalicoNode {
    if (this.peek().kind === 'eof') return { op: 'all' };
    const node = this.parseOr();
    if (this.peek().kind !== 'eof') throw new Error('unexpected content at the end of the selector');
    return node;
  }

  private parseOr(): CalicoNode {
    const operands = [this.parseAnd()];
    while (this.peek().kind === '||') {
      this.next();
      operands.push(this.parseAnd());
    }
    return operands.length === 1 ? operands[0]! : { op: 'or', operands };
  }

  private parseAnd(): CalicoNode {
    const operands = [this.parseOperation()];
    while (this.peek().kind === '&&') {
      this.next();
      operands.push(this.parseOperation());
    }
    return operands.length === 1 ? operands[0]! : { op: 'and', operands };
  }

  private parseOperation(): CalicoNode {
    let negated = false;
    while (this.peek().kind === '!') {
      this.next();
      negated = !negated;
    }
    const node = this.parseTerm();
    return negated ? { op: 'not', operand: node } : node;
  }

  private parseTerm(): CalicoNode {
    const t = this.next();
    switch (t.kind) {
      case 'has':
        return { op: 'has', key: t.value };
      case 'all':
        return { op: 'all' };
      case 'global':
        return { op: 'global' };
      case '(': {
        const inner = this.parseOr();
        if (this.next().kind !== ')') throw new Error('expected )');
        return inner;
      }
      case 'label': {
        const op = this.next();
        switch (op.kind) {
          case '==':
          case '!=':
          case 'contains':
          case 'starts with':
          case 'ends with': {
            const v = this.next();
            if (v.kind !== 'string') throw new Error('expected a quoted string');
            return { op: op.kind, key: t.value, value: v.value };
          }
          case 'in':
          case 'not in': {
            if (this.next().kind !== '{') throw new Error('expected a set literal');
            const values: string[] = [];
            while (this.peek().kind === 'string') {
              values.push((this.next() as { value: string }).value);
              if (this.peek().kind === ',') this.next();
              else break;
            }
            if (this.next().kind !== '}') throw new Error('expected }');
            return { op: op.kind, key: t.value, values };
          }
          default:
            throw new Error(`expected an operator after "${t.value}"`);
        }
      }
      default:
        throw new Error(`unexpected ${t.kind}`);
    }
  }
}

/** Parses a Calico selector; throws with a reason when it is not valid. */
export function parseCalicoSelector(text: string): CalicoNode {
  return new Parser(tokenize(text)).parseRoot();
}

/** Parses, or undefined when invalid (Calico rejects such a policy). */
export function tryParseCalicoSelector(text: string): CalicoNode | undefined {
  try {
    return parseCalicoSelector(text);
  } catch {
    return undefined;
  }
}

export function evaluateCalico(node: CalicoNode, get: LabelView): Tri {
  switch (node.op) {
    case 'all':
      return true;
    case 'global':
      return 'unknown';
    case 'not':
      return not(evaluateCalico(node.operand, get));
    case 'and':
      return and(node.operands.map((n) => evaluateCalico(n, get)));
    case 'or':
      return or(node.operands.map((n) => evaluateCalico(n, get)));
  }
  const v = get(node.key);
  if (v === UNKNOWN) return 'unknown';
  switch (node.op) {
    case 'has':
      return v !== null;
    case '==':
      return v !== null && v === node.value;
    case '!=':
      return v === null || v !== node.value;
    case 'contains':
      return v !== null && v.includes(node.value);
    case 'starts with':
      return v !== null && v.startsWith(node.value);
    case 'ends with':
      return v !== null && v.endsWith(node.value);
    case 'in':
      return v !== null && node.values.includes(v);
    case 'not in':
      return v === null || !node.values.includes(v);
  }
}

import type { ControlRef, Severity } from './finding.js';
import type { ObjectIndex } from './index.js';
import type { KubeObject } from './objects.js';
import type { Path } from './path.js';

/** Typed, validated rule options: each with a default and a description for the docs. */
export type OptionSpec =
  | { type: 'number'; default: number; description: string; min?: number; max?: number; integer?: boolean }
  | {
      type: 'string';
      default: string;
      description: string;
      enum?: readonly string[];
      /** Further validation of a given value: an error message, or undefined when it is fine. */
      check?: (v: string) => string | undefined;
    }
  | { type: 'boolean'; default: boolean; description: string }
  | { type: 'string[]'; default: readonly string[]; description: string };

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** The option values a rule's check receives, typed from its specs. */
export type OptionValues<S extends OptionSpecs> = {
  readonly [K in keyof S]: S[K]['default'];
};

export interface RuleMeta<S extends OptionSpecs = OptionSpecs> {
  /** Stable kebab-case id, never reused. */
  id: string;
  title: string;
  severity: Severity;
  category: string;
  /** Kinds the engine calls `check` for; '*' for every kind. */
  targets: readonly string[] | '*';
  controls: readonly ControlRef[];
  description: string;
  remediation: string;
  options?: S;
  /** 'object': decides from one object (runs anywhere, also at admission);
   *  'namespace': the object and its Namespace (labels), from the index when scanning and from
   *  the webhook's namespace cache at admission, so it also runs at admission;
   *  'index': needs related objects from the scan's index (not at admission). */
  needs: 'object' | 'namespace' | 'index';
  /** Kinds an index rule reads from the index besides its targets (e.g. the CRDs of secret
   *  managers), so the engine keeps them. */
  related?: readonly string[];
  /** Off unless enabled by config, `--rules` or `--all-rules`. */
  optIn?: boolean;
  /** What a cross-resource rule assumes about the input (shown in its docs). */
  scope?: string;
  /** Links for the docs. */
  references?: readonly string[];
  /** For Pod Security Standards control rules: the upstream level and check ID. A finding of
   *  such a rule is dropped when another rule, mapped to the same control (controls entry
   *  `pss` `<level>/<control>`), already reports the same object with a precise path. */
  pss?: { level: 'baseline' | 'restricted'; control: string };
}

export interface ReportInput {
  path: Path;
  message: string;
  /** Lower (or raise) this finding's severity, e.g. a PSS warning instead of an enforcement;
   *  ignored when the user configured a severity for the rule. */
  severity?: Severity;
  /** The Pod Security Admission mode that would act on this object at admission, for findings
   *  that predict it from namespace labels (such findings are never dropped as PSS twins). */
  admission?: 'enforce' | 'warn' | 'audit';
}

export interface RuleContext<S extends OptionSpecs = OptionSpecs> {
  readonly options: OptionValues<S>;
  /** The scan's index. For `needs: 'object'` rules it may be incomplete (do not rely on it). */
  readonly index: ObjectIndex;
  report(finding: ReportInput): void;
  /** At admission, on UPDATE: the object as stored before the change. */
  readonly oldObject?: KubeObject;
}

/** One JSON Patch (RFC 6902) operation with the path as segments. */
export type PatchOp =
  { op: 'add'; path: Path; value: unknown } | { op: 'replace'; path: Path; value: unknown } | { op: 'remove'; path: Path };

export interface FixInput {
  path: Path;
  message: string;
}

export interface Rule<S extends OptionSpecs = OptionSpecs> {
  readonly meta: RuleMeta<S>;
  check(obj: KubeObject, ctx: RuleContext<S>): void;
  /** A patch that removes the finding; never mutates. Undefined when no safe fix exists. */
  fix?(obj: KubeObject, finding: FixInput, options: OptionValues<S>): PatchOp[] | undefined;
}

// Rules with different option specs live in one registry; their checks only ever see their own
// options, which the engine resolves from the rule's own specs.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- heterogeneous registry, see above
export type AnyRule = Rule<any>;

export function defineRule<const S extends OptionSpecs = Record<never, OptionSpec>>(rule: Rule<S>): Rule<S> {
  return rule;
}

export function defaultOptions(meta: RuleMeta): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, spec] of Object.entries(meta.options ?? {})) out[k] = spec.default;
  return out;
}

/** Validates user-given options against a rule's specs; returns errors (unknown keys included). */
export function validateOptions(meta: RuleMeta, given: Record<string, unknown>): string[] {
  const errors: string[] = [];
  const specs = meta.options ?? {};
  for (const [k, v] of Object.entries(given)) {
    const spec = specs[k];
    if (!spec) {
      const known = Object.keys(specs);
      errors.push(
        `rule ${meta.id} has no option "${k}"${known.length ? ` (options: ${known.join(', ')})` : ' (it takes no options)'}`,
      );
      continue;
    }
    const where = `option ${meta.id}.${k}`;
    switch (spec.type) {
      case 'number':
        if (typeof v !== 'number' || !Number.isFinite(v)) errors.push(`${where} must be a number`);
        else if (spec.integer && !Number.isInteger(v)) errors.push(`${where} must be a whole number`);
        else if (spec.min !== undefined && v < spec.min) errors.push(`${where} must be at least ${spec.min}`);
        else if (spec.max !== undefined && v > spec.max) errors.push(`${where} must be at most ${spec.max}`);
        break;
      case 'string':
        if (typeof v !== 'string') errors.push(`${where} must be a string`);
        else if (spec.enum && !spec.enum.includes(v)) errors.push(`${where} must be one of ${spec.enum.join(', ')}`);
        else {
          const problem = spec.check?.(v);
          if (problem) errors.push(`${where}: ${problem}`);
        }
        break;
      case 'boolean':
        if (typeof v !== 'boolean') errors.push(`${where} must be true or false`);
        break;
      case 'string[]':
        if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) errors.push(`${where} must be a list of strings`);
        break;
    }
  }
  return errors;
}

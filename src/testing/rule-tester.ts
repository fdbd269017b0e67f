/**
 * The rule tester: a rule's cases read as a table of valid and invalid manifests. Besides the
 * expected findings it checks, for every case, what every rule must honour:
 *  - reported paths point at real nodes of the manifest;
 *  - the input is not mutated (values are deep-frozen);
 *  - the rule stays silent when the same object has a kind it does not target;
 *  - after `fix`, re-running the rule finds only the findings it offered no fix for;
 *  - findings are the same when the object arrives as JSON (as from an AdmissionReview).
 * Public, so custom rules are tested the same way.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activate, evaluate } from '../core/engine.js';
import type { Finding } from '../core/finding.js';
import type { KubeObject } from '../core/objects.js';
import { applyPatch } from '../core/patch.js';
import { formatPath } from '../core/path.js';
import { defaultOptions, type AnyRule, type OptionSpecs, type Rule } from '../core/rule.js';
import { loadText } from '../load/files.js';

export interface RuleCase {
  name: string;
  yaml: string;
  /** Rule options for this case (merged over the defaults). */
  options?: Record<string, unknown>;
  /** Shown as an example on the rule's generated docs page. */
  doc?: boolean;
}

export interface ExpectedFinding {
  /** Formatted path, e.g. `spec.template.spec.containers[0].securityContext`. */
  path: string;
  /** Substring or pattern the message must contain. */
  message?: string | RegExp;
}

export interface InvalidCase extends RuleCase {
  findings: ExpectedFinding[];
  /** Skip the "fix removes every finding" check (e.g. the fix is deliberately partial). */
  fixIsPartial?: boolean;
}

export interface RuleCases {
  valid: RuleCase[];
  invalid: InvalidCase[];
}

/** Cases collected for the docs generator instead of being run (see scripts/gen-docs.ts). */
export const collectedCases = new Map<string, RuleCases>();
const COLLECT = Symbol.for('palisade.collect-rule-cases');

export function collectOnly(on: boolean): void {
  (globalThis as Record<symbol, unknown>)[COLLECT] = on;
}

const collecting = (): boolean => Boolean((globalThis as Record<symbol, unknown>)[COLLECT]);

/** `describe` for a rule test file's own extra tests: skipped while the docs generator imports
 *  the file to collect its cases (tests registered then would run, half, inside its process). */
export function describeRule(name: string, body: () => void): void {
  if (!collecting()) describe(name, body);
}

function load(yaml: string, file = 'case.yaml'): KubeObject[] {
  const objects: KubeObject[] = [];
  const rec = loadText(yaml, file, (o) => objects.push(deepFreeze(o)));
  if (rec.errors.length > 0)
    throw new Error(`case YAML has errors: ${rec.errors.map((e) => `${e.line}: ${e.message}`).join('; ')}`);
  if (objects.length === 0) throw new Error('case YAML has no Kubernetes object');
  return objects;
}

function run(rule: AnyRule, objects: KubeObject[], options: Record<string, unknown> | undefined): Finding[] {
  const [active] = activate([rule]);
  const merged = { ...defaultOptions(rule.meta), ...options };
  const result = evaluate(objects, { rules: [{ ...active!, options: merged }], today: '2026-01-01' });
  if (result.ruleErrors.length > 0) throw new Error(`rule threw: ${result.ruleErrors[0]!.message}`);
  return result.findings;
}

function summary(findings: Finding[]): string[] {
  return findings.map((f) => `${formatPath(f.path)}: ${f.message}`).sort();
}

export function ruleTester<S extends OptionSpecs>(rule: Rule<S>, cases: RuleCases): void {
  const anyRule = rule as AnyRule;
  if ((globalThis as Record<symbol, unknown>)[COLLECT]) {
    collectedCases.set(rule.meta.id, cases);
    return;
  }
  describe(`rule ${rule.meta.id}`, () => {
    it('has complete metadata', () => {
      const m = rule.meta;
      assert.match(m.id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'id is kebab-case');
      for (const k of ['title', 'description', 'remediation', 'category'] as const) assert.ok(m[k].trim(), `meta.${k}`);
      assert.ok(m.targets === '*' || m.targets.length > 0, 'targets');
      assert.ok(cases.valid.length > 0 && cases.invalid.length > 0, 'has valid and invalid cases');
    });

    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        const findings = run(anyRule, load(c.yaml), c.options);
        assert.deepEqual(summary(findings), [], 'expected no findings');
      });
    }

    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const objects = load(c.yaml);
        const findings = run(anyRule, objects, c.options);
        const got = findings.map((f) => formatPath(f.path)).sort();
        const want = c.findings.map((f) => f.path).sort();
        assert.deepEqual(got, want, `finding paths\n${summary(findings).join('\n')}`);
        for (const exp of c.findings) {
          if (!exp.message) continue;
          const f = findings.filter((x) => formatPath(x.path) === exp.path);
          assert.ok(
            f.some((x) => (typeof exp.message === 'string' ? x.message.includes(exp.message) : exp.message!.test(x.message))),
            `message at ${exp.path} should match ${String(exp.message)}; got ${f.map((x) => x.message).join(' | ')}`,
          );
        }

        // Paths point at real nodes.
        for (const f of findings) {
          const [pos] = f.source.locate!([f.path]);
          assert.ok(pos?.exact, `path ${formatPath(f.path)} does not point at a node of the manifest`);
        }

        // Same findings when the objects arrive as JSON (AdmissionReview bodies are JSON).
        const asJson = objects.flatMap((o, i) => load(JSON.stringify(o.value), `case-${i}.json`));
        assert.deepEqual(summary(run(anyRule, asJson, c.options)), summary(findings), 'JSON input gives the same findings');

        // Silent on kinds it does not target.
        if (rule.meta.targets !== '*') {
          const other = objects.map((o) => load(JSON.stringify({ ...o.value, kind: 'PalisadeUnrelatedKind' }))[0]!);
          assert.deepEqual(run(anyRule, other, c.options), [], 'fires on a kind it does not target');
        }

        // The fix removes the findings.
        if (rule.fix && !c.fixIsPartial) {
          const options = { ...defaultOptions(rule.meta), ...c.options };
          // A rule may offer no fix for a finding (an explicit choice, an unconfigured default):
          // those stay, every other one must go.
          const unfixed: Finding[] = [];
          const fixed = objects.map((o) => {
            let value: unknown = o.value;
            for (const f of findings.filter((x) => x.object === o.id)) {
              const patch = rule.fix!(load(JSON.stringify(value))[0]!, { path: f.path, message: f.message }, options as never);
              if (patch) value = applyPatch(value, patch);
              else unfixed.push(f);
            }
            return JSON.stringify(value);
          });
          const after = run(
            anyRule,
            fixed.flatMap((j) => load(j)),
            c.options,
          );
          assert.deepEqual(summary(after), summary(unfixed), 'findings left after fix');
        }
      });
    }
  });
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) {
      // Functions (the source's locate) stay callable; only data is frozen.
      const child = (v as Record<string, unknown>)[k];
      if (typeof child === 'object') deepFreeze(child);
    }
  }
  return v;
}

/** Runs a rule on one YAML object and applies its fix to each finding in turn: what `--fix`
 *  and the mutating webhook would do. For cases the automatic fix check cannot express, e.g.
 *  "offers no fix for an explicit choice" or "the fix uses the configured value". */
export function applyFixes<S extends OptionSpecs>(
  rule: Rule<S>,
  yaml: string,
  options?: Record<string, unknown>,
): { offered: number; value: unknown; remaining: string[] } {
  const anyRule = rule as AnyRule;
  const [obj] = load(yaml);
  const merged = { ...defaultOptions(rule.meta), ...options };
  let value: unknown = obj!.value;
  let offered = 0;
  for (const f of run(anyRule, [obj!], options)) {
    const patch = rule.fix?.(load(JSON.stringify(value))[0]!, { path: f.path, message: f.message }, merged as never);
    if (!patch) continue;
    offered++;
    value = applyPatch(value, patch);
  }
  return { offered, value, remaining: summary(run(anyRule, load(JSON.stringify(value)), options)) };
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILTIN_RULES } from '../rules/index.js';
import { CATALOGS, catalogForRuleFramework } from './catalogs/index.js';
import { FRAMEWORK_IDS } from './types.js';

/**
 * Control ids in rule metadata that are not (yet) ids of their framework's catalog, with the id
 * the catalog uses instead (none: the mapping should be dropped). The rules are owned elsewhere: each entry is a pending fix of
 * `meta.controls` in the named rule. Remove the entry when the rule is corrected (the test fails
 * on stale entries, so this list only shrinks).
 */
const PENDING_RULE_FIXES: readonly { rule: string; framework: string; id: string; correct: readonly string[] }[] = [];

const ruleIds = new Set(BUILTIN_RULES.map((r) => r.meta.id));
const pendingKey = (rule: string, framework: string, id: string) => `${rule}\u0000${framework}\u0000${id}`;
const pending = new Map(PENDING_RULE_FIXES.map((p) => [pendingKey(p.rule, p.framework, p.id), p]));

describe('compliance catalogs', () => {
  it('has one catalog per framework id, keyed by its own id', () => {
    assert.deepEqual(Object.keys(CATALOGS).sort(), [...FRAMEWORK_IDS].sort());
    for (const [k, c] of Object.entries(CATALOGS)) assert.equal(c.id, k);
  });

  for (const catalog of Object.values(CATALOGS)) {
    describe(catalog.name, () => {
      it('has a version, a source and notes', () => {
        assert.ok(catalog.version.trim());
        assert.match(catalog.source, /^https:\/\//);
        assert.ok(catalog.notes.trim());
      });

      it('has unique control ids, each in a known section, and every section used', () => {
        const sections = new Set(catalog.sections.map((s) => s.id));
        assert.equal(sections.size, catalog.sections.length, 'duplicate section id');
        const seen = new Set<string>();
        for (const c of catalog.controls) {
          assert.ok(!seen.has(c.id), `duplicate control ${c.id}`);
          seen.add(c.id);
          assert.ok(sections.has(c.section), `${c.id}: unknown section ${c.section}`);
          assert.ok(c.title.trim() && c.description.trim(), `${c.id}: title and description`);
        }
        for (const s of sections)
          assert.ok(
            catalog.controls.some((c) => c.section === s),
            `section ${s} is empty`,
          );
      });

      it('marks a control automated exactly when rules give evidence, each with a one-line reason', () => {
        for (const c of catalog.controls) {
          assert.equal(c.evidence, c.rules.length > 0 ? 'automated' : 'manual', c.id);
          const mapped = new Set<string>();
          for (const m of c.rules) {
            assert.ok(!mapped.has(m.ruleId), `${c.id}: ${m.ruleId} mapped twice`);
            mapped.add(m.ruleId);
            assert.ok(m.why.trim().length > 10 && !m.why.includes('\n'), `${c.id}/${m.ruleId}: why must be one line`);
          }
        }
      });

      it('names only real rules', () => {
        for (const c of catalog.controls)
          for (const m of c.rules) assert.ok(ruleIds.has(m.ruleId), `${catalog.id} ${c.id}: unknown rule ${m.ruleId}`);
      });
    });
  }

  it("knows every rule's controls: the control exists and lists the rule (or a pending fix is recorded)", () => {
    const problems: string[] = [];
    for (const r of BUILTIN_RULES) {
      for (const ref of r.meta.controls) {
        const catalog = catalogForRuleFramework(ref.framework);
        if (!catalog) {
          problems.push(`${r.meta.id}: unknown framework "${ref.framework}"`);
          continue;
        }
        const fix = pending.get(pendingKey(r.meta.id, ref.framework, ref.id));
        const ids = fix ? fix.correct : [ref.id];
        for (const id of ids) {
          const c = catalog.controls.find((x) => x.id === id);
          if (!c) problems.push(`${r.meta.id}: ${ref.framework} ${id} is not a control of ${catalog.name}`);
          else if (!c.rules.some((m) => m.ruleId === r.meta.id))
            problems.push(`${r.meta.id}: ${catalog.id} ${id} does not list the rule`);
        }
        if (fix && fix.correct.length === 0) {
          const c = catalog.controls.find((x) => x.id === ref.id);
          if (c?.rules.some((m) => m.ruleId === r.meta.id))
            problems.push(`${r.meta.id}: ${catalog.id} ${ref.id} is to be dropped but the catalog still lists the rule`);
        } else if (fix && catalog.controls.some((x) => x.id === ref.id))
          problems.push(`${r.meta.id}: pending fix for ${ref.framework} ${ref.id} is stale (the id exists)`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('has no stale pending fixes', () => {
    for (const p of PENDING_RULE_FIXES) {
      const r = BUILTIN_RULES.find((x) => x.meta.id === p.rule);
      assert.ok(r, `unknown rule ${p.rule}`);
      assert.ok(
        r.meta.controls.some((c) => c.framework === p.framework && c.id === p.id),
        `${p.rule} no longer carries ${p.framework} ${p.id}: remove the entry`,
      );
    }
  });
});

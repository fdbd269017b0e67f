/** `-o junit`: one test suite per rule that ran, a failing test case per finding. */
import { describeObject } from '../core/objects.js';
import { formatPath } from '../core/path.js';
import type { Report } from './model.js';

function esc(s: string): string {
  // XML 1.0 forbids most control characters even when escaped.
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export function formatJunit(r: Report): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const open = r.findings.filter((f) => !f.suppression);
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const rule of r.rules) {
    const found = open.filter((f) => f.ruleId === rule.id);
    const cases = found.map((f) => {
      const loc = `${f.source.file}:${f.position?.line ?? f.source.line}:${f.position?.column ?? 1}`;
      return (
        `    <testcase classname="${esc(rule.id)}" name="${esc(`${describeObject(f.object)} ${formatPath(f.path)}`)}" file="${esc(f.source.file)}" line="${f.position?.line ?? f.source.line}">\n` +
        `      <failure message="${esc(f.message)}" type="${f.severity}">${esc(`${loc}\n${f.message}\n\nRemediation: ${f.remediation}`)}</failure>\n` +
        `    </testcase>`
      );
    });
    if (cases.length === 0) cases.push(`    <testcase classname="${esc(rule.id)}" name="no findings"/>`);
    tests += cases.length;
    failures += found.length;
    suites.push(
      `  <testsuite name="${esc(rule.id)}" tests="${cases.length}" failures="${found.length}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  const errors = [
    ...r.errors.map((e) => ({ name: `${e.source}${e.line ? `:${e.line}` : ''}`, msg: e.message })),
    ...r.ruleErrors.map((e) => ({ name: `${e.ruleId} ${describeObject(e.object)}`, msg: e.message })),
  ];
  if (errors.length > 0) {
    tests += errors.length;
    suites.push(
      `  <testsuite name="inputs" tests="${errors.length}" failures="0" errors="${errors.length}" skipped="0">\n` +
        errors
          .map(
            (e) =>
              `    <testcase classname="inputs" name="${esc(e.name)}">\n      <error message="${esc(e.msg)}"/>\n    </testcase>`,
          )
          .join('\n') +
        `\n  </testsuite>`,
    );
  }
  out.push(`<testsuites name="palisade" tests="${tests}" failures="${failures}" errors="${errors.length}">`);
  out.push(...suites);
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}

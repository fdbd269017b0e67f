/** `-o sarif`: SARIF 2.1.0 for code-scanning UIs, with rule metadata and stable fingerprints. */
import type { Severity } from '../core/finding.js';
import { describeObject } from '../core/objects.js';
import { formatPath } from '../core/path.js';
import type { Report } from './model.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub code scanning ranks security results by this 0-10 score. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };

function artifactUri(file: string): string {
  if (file === '<stdin>') return 'stdin';
  return encodeURI(file.replaceAll('\\', '/'));
}

export function toSarif(r: Report): Record<string, unknown> {
  const ruleIndex = new Map(r.rules.map((m, i) => [m.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: r.tool.name,
            version: r.tool.version,
            semanticVersion: r.tool.version,
            informationUri: r.tool.informationUri,
            rules: r.rules.map((m) => ({
              id: m.id,
              name: m.id.replace(/(^|-)([a-z0-9])/g, (_s, _d, ch: string) => ch.toUpperCase()),
              shortDescription: { text: m.title },
              fullDescription: { text: m.description },
              help: { text: m.remediation, markdown: `${m.description}\n\n**Remediation:** ${m.remediation}` },
              defaultConfiguration: { level: LEVEL[m.severity] },
              properties: {
                category: m.category,
                tags: ['kubernetes', m.category, ...m.controls.map((c) => `${c.framework}:${c.id}`)],
                'security-severity': SECURITY_SEVERITY[m.severity],
              },
            })),
          },
        },
        results: r.findings.map((f) => ({
          ruleId: f.ruleId,
          ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: artifactUri(f.source.file) },
                region: { startLine: f.position?.line ?? f.source.line, startColumn: f.position?.column ?? 1 },
              },
              logicalLocations: [{ fullyQualifiedName: `${describeObject(f.object)}:${formatPath(f.path)}`, kind: 'object' }],
            },
          ],
          partialFingerprints: { 'palisade/v1': f.fingerprint },
          ...(f.suppression
            ? {
                suppressions: [
                  {
                    kind: f.suppression.by === 'annotation' ? 'inSource' : 'external',
                    justification: f.suppression.reason ?? f.suppression.by,
                  },
                ],
              }
            : {}),
          properties: { severity: f.severity, object: f.object, path: formatPath(f.path) },
        })),
        invocations: [
          {
            executionSuccessful: r.errors.length === 0 && r.ruleErrors.length === 0,
            toolExecutionNotifications: [
              ...r.errors.map((e) => ({
                level: 'error',
                message: { text: e.message },
                locations: [
                  {
                    physicalLocation: {
                      artifactLocation: { uri: artifactUri(e.source) },
                      ...(e.line ? { region: { startLine: e.line, ...(e.column ? { startColumn: e.column } : {}) } } : {}),
                    },
                  },
                ],
              })),
              ...r.ruleErrors.map((e) => ({
                level: 'error',
                message: { text: `rule ${e.ruleId} failed on ${describeObject(e.object)}: ${e.message}` },
              })),
            ],
          },
        ],
      },
    ],
  };
}

export function formatSarif(r: Report): string {
  return JSON.stringify(toSarif(r), null, 2) + '\n';
}

import Ajv2020 from 'ajv/dist/2020.js';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './cli.js';

function load(rel: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(ROOT, rel), 'utf8')) as Record<string, unknown>;
}

export function validator(kind: 'scan-result' | 'sarif'): (data: unknown) => string[] {
  // The SARIF 2.1.0 schema (OASIS, vendored unmodified) is draft-04; ours is 2020-12.
  const ajv =
    kind === 'sarif'
      ? new AjvDraft04.default({ allErrors: true, strict: false })
      : new Ajv2020.default({ allErrors: true, strict: true });
  addFormats.default(ajv);
  const validate = ajv.compile(
    load(kind === 'sarif' ? 'schemas/vendor/sarif-schema-2.1.0.json' : 'schemas/scan-result.schema.json'),
  );
  return (data) =>
    validate(data)
      ? []
      : (validate.errors ?? []).map((e: { instancePath: string; message?: string }) => `${e.instancePath} ${e.message ?? ''}`);
}

// Writes docs/rules/ from rule metadata (npm run docs). Removes pages of rules that are gone.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DOCS_DIR, generateRuleDocs } from './docs-lib.js';

const files = await generateRuleDocs();
mkdirSync(DOCS_DIR, { recursive: true });
for (const f of readdirSync(DOCS_DIR)) if (!files.has(f)) rmSync(path.join(DOCS_DIR, f));
for (const [name, content] of files) writeFileSync(path.join(DOCS_DIR, name), content);
console.log(`wrote ${files.size} files to ${path.relative(process.cwd(), DOCS_DIR)}`);

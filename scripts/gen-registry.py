#!/usr/bin/env python3
"""Writes src/rules/index.ts from the rule files under src/rules/<family>/ (a file whose default
export is defineRule(...) or a rule factory call). Usage: scripts/gen-registry.py [family ...]
(default: every family folder)."""
import os, re, sys
base = 'src/rules'
families = sys.argv[1:] or sorted(d for d in os.listdir(base) if os.path.isdir(os.path.join(base, d)))
entries = []
for fam in sorted(families):
    d = os.path.join(base, fam)
    for f in sorted(os.listdir(d)):
        if not f.endswith('.ts') or f.endswith('.test.ts'):
            continue
        src = open(os.path.join(d, f)).read()
        if re.search(r'^export default (defineRule|\w+Rule)\(', src, re.M):
            rid = f[:-3]
            name = re.sub(r'-([a-z0-9])', lambda m: m.group(1).upper(), rid)
            entries.append((fam, rid, name))
lines = ['/** The registry: every built-in rule, nothing else. A test checks that no rule file is missing. */',
         "import type { AnyRule } from '../core/rule.js';"]
lines += [f"import {name} from './{fam}/{rid}.js';" for fam, rid, name in entries]
lines += ['', 'export const BUILTIN_RULES: readonly AnyRule[] = [']
lines += [f'  {name},' for _, _, name in entries]
lines += ['];']
open(os.path.join(base, 'index.ts'), 'w').write('\n'.join(lines) + '\n')
print(f'{len(entries)} rules registered')

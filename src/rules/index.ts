/** The registry: every built-in rule, nothing else. A test checks that no rule file is missing. */
import type { AnyRule } from '../core/rule.js';
import privilegedContainer from './workload-security/privileged-container.js';

export const BUILTIN_RULES: readonly AnyRule[] = [privilegedContainer];

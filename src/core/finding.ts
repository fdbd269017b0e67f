import { createHash } from 'node:crypto';
import type { ObjectIdentity } from './objects.js';
import { apiGroup } from './objects.js';
import { formatPath, type Path } from './path.js';
import type { Position, SourceRef } from './position.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** critical=4 ... info=0, for threshold comparisons. */
export function severityRank(s: Severity): number {
  return SEVERITIES.length - 1 - SEVERITIES.indexOf(s);
}

export function isSeverity(v: unknown): v is Severity {
  return typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v);
}

/** A reference to a control of a compliance framework (`cis-k8s`, `nsa`, `pss`, `mitre`, ...). */
export interface ControlRef {
  framework: string;
  id: string;
}

export type SuppressedBy = 'annotation' | 'config' | 'exception' | 'baseline';

export interface Suppression {
  by: SuppressedBy;
  reason?: string;
  owner?: string;
  expires?: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  category: string;
  message: string;
  object: ObjectIdentity;
  path: Path;
  source: SourceRef;
  controls: readonly ControlRef[];
  remediation: string;
  fixable: boolean;
  /** Stable across line moves: rule, object identity (group, kind, namespace, name) and path. */
  fingerprint: string;
  suppression?: Suppression;
  /** Pod Security Admission mode that would reject (enforce), warn or audit this at admission. */
  admission?: 'enforce' | 'warn' | 'audit';
  /** Filled by the caller that can read sources (never by the engine). */
  position?: Position;
}

export function fingerprintOf(ruleId: string, obj: ObjectIdentity, path: Path): string {
  const key = [ruleId, apiGroup(obj.apiVersion), obj.kind, obj.namespace ?? '', obj.name, formatPath(path)].join('\u0000');
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

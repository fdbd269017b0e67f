/**
 * The Pod Security Admission policy of a namespace, from its labels, as upstream's
 * PolicyToEvaluate decides: unlabelled modes take the defaults; an invalid enforce level fails
 * closed (restricted), an invalid warn or audit level fails open (privileged); an invalid version
 * means latest. Errors are returned with the policy, never instead of it.
 */
import { LATEST, parseLevel, parseVersion, type PssParseError, type Level, type Version } from './types.js';

export type Mode = 'enforce' | 'warn' | 'audit';
export const MODES: readonly Mode[] = ['enforce', 'warn', 'audit'];

export interface LevelVersion {
  level: Level;
  version: Version;
}

export type Policy = Record<Mode, LevelVersion>;

/** The API server's built-in default: privileged, latest, for every mode. */
export const DEFAULT_POLICY: Policy = {
  enforce: { level: 'privileged', version: LATEST },
  warn: { level: 'privileged', version: LATEST },
  audit: { level: 'privileged', version: LATEST },
};

export const LABEL_PREFIX = 'pod-security.kubernetes.io/';

/** True when any pod-security.kubernetes.io/ label is set. */
export function hasPolicyLabels(labels: Readonly<Record<string, string>>): boolean {
  return Object.keys(labels).some((k) => k.startsWith(LABEL_PREFIX));
}

export function policyFromLabels(
  labels: Readonly<Record<string, string>>,
  defaults: Policy = DEFAULT_POLICY,
): { policy: Policy; errors: string[] } {
  const policy: Policy = { enforce: { ...defaults.enforce }, warn: { ...defaults.warn }, audit: { ...defaults.audit } };
  const errors: string[] = [];
  for (const mode of MODES) {
    const levelLabel = `${LABEL_PREFIX}${mode}`;
    const versionLabel = `${levelLabel}-version`;
    const level = labels[levelLabel];
    if (level !== undefined) {
      try {
        policy[mode].level = parseLevel(level);
      } catch (e) {
        policy[mode].level = mode === 'enforce' ? 'restricted' : 'privileged';
        errors.push(`label ${levelLabel}=${JSON.stringify(level)}: ${(e as PssParseError).message}`);
      }
    }
    const version = labels[versionLabel];
    if (version !== undefined) {
      try {
        policy[mode].version = parseVersion(version);
      } catch (e) {
        policy[mode].version = LATEST;
        errors.push(`label ${versionLabel}=${JSON.stringify(version)}: ${(e as PssParseError).message}`);
      }
    }
  }
  return { policy, errors };
}

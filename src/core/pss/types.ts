/**
 * Pod Security Standards: levels, policy versions and the shape of a check, modelled on
 * k8s.io/pod-security-admission (api/helpers.go, policy/checks.go).
 */
import type { JsonObject } from '../objects.js';

export type Level = 'privileged' | 'baseline' | 'restricted';

export const LEVELS: readonly Level[] = ['privileged', 'baseline', 'restricted'];

/** A policy version as upstream parses it: "latest", or v1.N. Only major 1 exists. */
export type ConcreteVersion = { readonly latest: false; readonly major: 1; readonly minor: number };
export type Version = { readonly latest: true } | ConcreteVersion;

export const LATEST: Version = Object.freeze({ latest: true });

export function majorMinor(minor: number): ConcreteVersion {
  if (!Number.isSafeInteger(minor) || minor < 0) throw new RangeError(`invalid policy minor version ${minor}`);
  return { latest: false, major: 1, minor };
}

/** Thrown for a level or version string upstream would reject. */
export class PssParseError extends Error {
  override name = 'PssParseError';
}

export function parseLevel(s: string): Level {
  if ((LEVELS as readonly string[]).includes(s)) return s as Level;
  throw new PssParseError(`invalid Pod Security Standards level ${JSON.stringify(s)}: must be one of ${LEVELS.join(', ')}`);
}

// Upstream's pattern: no leading zeros, no patch, no "v2", no surrounding spaces.
const VERSION_RE = /^v1\.([0-9]|[1-9][0-9]*)$/;

export function parseVersion(s: string): Version {
  if (s === 'latest') return LATEST;
  const m = VERSION_RE.exec(s);
  const minor = m?.[1] === undefined ? NaN : Number(m[1]);
  // Upstream's strconv.Atoi also fails on overflow, so huge minors are errors too.
  if (!Number.isSafeInteger(minor)) {
    throw new PssParseError(`invalid Pod Security Standards version ${JSON.stringify(s)}: must be "latest" or "v1.x"`);
  }
  return majorMinor(minor);
}

export function formatVersion(v: Version): string {
  return v.latest ? 'latest' : `v${v.major}.${v.minor}`;
}

/** Upstream's Version.Older: "latest" is newer than every version, even future ones. */
export function isOlder(a: Version, b: Version): boolean {
  if (a.latest) return false;
  if (b.latest) return true;
  return a.minor < b.minor;
}

/** -1, 0 or 1, ordering versions with "latest" last. */
export function compareVersions(a: Version, b: Version): number {
  return isOlder(a, b) ? -1 : isOlder(b, a) ? 1 : 0;
}

/** What one check decides about one pod (upstream CheckResult, without field errors). */
export interface CheckResult {
  allowed: boolean;
  /** Succinct, always shown: "host namespaces", "runAsNonRoot != true". */
  forbiddenReason?: string;
  /** Specifics, shown for a single object: `container "a" must set ...`. */
  forbiddenDetail?: string;
}

/** A check body: pod (or template) metadata and spec as plain decoded JSON. */
export type CheckFn = (podMetadata: JsonObject, podSpec: JsonObject) => CheckResult;

export interface VersionedCheck {
  /** The first policy version this implementation applies to. */
  readonly minimumVersion: ConcreteVersion;
  readonly check: CheckFn;
  /** Baseline check IDs this restricted implementation replaces at its versions. */
  readonly overrides?: readonly string[];
}

/** One upstream check module: its ID, level, and implementations in increasing version order. */
export interface PssCheck {
  readonly id: string;
  readonly level: Exclude<Level, 'privileged'>;
  readonly versions: readonly VersionedCheck[];
}

export const ALLOWED: CheckResult = Object.freeze({ allowed: true });

export function forbidden(reason: string, detail: string): CheckResult {
  return { allowed: false, forbiddenReason: reason, forbiddenDetail: detail };
}

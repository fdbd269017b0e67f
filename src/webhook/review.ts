/**
 * AdmissionReview in and out (admission.k8s.io/v1, and v1beta1 which has the same shape): strict
 * validation of what the API server sends, the KubeObject the engine evaluates, and the
 * response the API server (and kubectl) shows.
 */
import { formatPath } from '../core/path.js';
import {
  describeObject,
  identityOf,
  isRecord,
  str,
  CLUSTER_SCOPED_KINDS,
  type JsonObject,
  type KubeObject,
} from '../core/objects.js';
import type { Finding } from '../core/finding.js';

export const REVIEW_VERSIONS = ['admission.k8s.io/v1', 'admission.k8s.io/v1beta1'] as const;
export type ReviewVersion = (typeof REVIEW_VERSIONS)[number];
export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';
const OPERATIONS: readonly string[] = ['CREATE', 'UPDATE', 'DELETE', 'CONNECT'];

/** The source file of objects that came from an AdmissionReview. */
export const ADMISSION_SOURCE = 'admission';

export interface AdmissionRequest {
  uid: string;
  kind: { group: string; version: string; kind: string };
  subResource?: string;
  name?: string;
  namespace?: string;
  operation: Operation;
  userInfo: { username?: string; groups?: readonly string[] };
  object?: JsonObject;
  oldObject?: JsonObject;
  dryRun: boolean;
}

export interface ParsedReview {
  apiVersion: ReviewVersion;
  request: AdmissionRequest;
}

/** A request the webhook cannot answer: becomes HTTP 400 with this message. */
export class BadReview extends Error {}

function need(cond: unknown, message: string): asserts cond {
  if (!cond) throw new BadReview(message);
}

/** Validates the parsed body of a review; throws BadReview naming the first problem. */
export function parseReview(body: unknown): ParsedReview {
  need(isRecord(body), 'the body must be a JSON object (an AdmissionReview)');
  const apiVersion = body.apiVersion;
  need(
    typeof apiVersion === 'string' && (REVIEW_VERSIONS as readonly string[]).includes(apiVersion),
    `apiVersion must be one of ${REVIEW_VERSIONS.join(', ')} (got ${JSON.stringify(apiVersion)})`,
  );
  need(body.kind === 'AdmissionReview', `kind must be AdmissionReview (got ${JSON.stringify(body.kind)})`);
  const r = body.request;
  need(isRecord(r), 'request is missing or not an object');
  need(typeof r.uid === 'string' && r.uid !== '', 'request.uid must be a non-empty string');
  need(
    typeof r.operation === 'string' && OPERATIONS.includes(r.operation),
    `request.operation must be one of ${OPERATIONS.join(', ')}`,
  );
  const kind = r.kind;
  need(isRecord(kind) && typeof kind.kind === 'string' && kind.kind !== '', 'request.kind.kind must be a non-empty string');
  need(kind.group === undefined || typeof kind.group === 'string', 'request.kind.group must be a string');
  need(kind.version === undefined || typeof kind.version === 'string', 'request.kind.version must be a string');
  for (const k of ['name', 'namespace', 'subResource'] as const)
    need(r[k] === undefined || typeof r[k] === 'string', `request.${k} must be a string`);
  need(r.object === undefined || r.object === null || isRecord(r.object), 'request.object must be an object');
  need(r.oldObject === undefined || r.oldObject === null || isRecord(r.oldObject), 'request.oldObject must be an object');
  const operation = r.operation as Operation;
  need(
    operation !== 'CREATE' && operation !== 'UPDATE' ? true : isRecord(r.object),
    `request.object is required for ${operation}`,
  );
  need(r.dryRun === undefined || r.dryRun === null || typeof r.dryRun === 'boolean', 'request.dryRun must be a boolean');
  const ui = isRecord(r.userInfo) ? r.userInfo : {};
  const groups = Array.isArray(ui.groups) ? ui.groups.filter((g): g is string => typeof g === 'string') : undefined;
  return {
    apiVersion: apiVersion as ReviewVersion,
    request: {
      uid: r.uid,
      kind: { group: str(kind.group) ?? '', version: str(kind.version) ?? '', kind: kind.kind },
      subResource: str(r.subResource) || undefined,
      name: str(r.name) || undefined,
      namespace: str(r.namespace) || undefined,
      operation,
      userInfo: { username: str(ui.username), groups },
      object: isRecord(r.object) ? r.object : undefined,
      oldObject: isRecord(r.oldObject) ? r.oldObject : undefined,
      dryRun: r.dryRun === true,
    },
  };
}

/**
 * The object under review, as the engine sees objects from files. The API server may leave
 * apiVersion/kind, the namespace or the name out of `request.object` (a CREATE into a namespace
 * with generateName); the request says them, so the identity is the one `scan` would give the
 * stored object.
 */
export function objectOf(req: AdmissionRequest): KubeObject | undefined {
  const value = req.object;
  if (!value) return undefined;
  const gv = req.kind.group ? `${req.kind.group}/${req.kind.version}` : req.kind.version;
  const ident = identityOf(value) ?? identityOf({ ...value, apiVersion: gv, kind: req.kind.kind });
  if (!ident) return undefined;
  const id = { ...ident.id };
  if (!CLUSTER_SCOPED_KINDS.has(id.kind) && req.namespace !== undefined && !hasOwnNamespace(value)) id.namespace = req.namespace;
  if (id.name === '' && req.name) id.name = req.name;
  return { id, generateName: ident.generateName, value, source: { file: ADMISSION_SOURCE, line: 1, document: 0 } };
}

/** The stored object of an UPDATE, under the identity of the object under review (the same
 *  object: the identity is what the engine keys findings by). */
export function oldObjectOf(req: AdmissionRequest, obj: KubeObject): KubeObject | undefined {
  const value = req.oldObject;
  return value ? { id: obj.id, generateName: obj.generateName, value, source: obj.source } : undefined;
}

function hasOwnNamespace(v: JsonObject): boolean {
  return isRecord(v.metadata) && typeof v.metadata.namespace === 'string' && v.metadata.namespace !== '';
}

// ---------------------------------------------------------------------------------------------
// Responses

export interface JsonPatchOp {
  op: 'add' | 'remove' | 'replace';
  path: string;
  value?: unknown;
}

export interface AdmissionResponse {
  uid: string;
  allowed: boolean;
  status?: { code: number; message: string; reason?: string };
  warnings?: string[];
  auditAnnotations?: Record<string, string>;
  patchType?: 'JSONPatch';
  patch?: string;
}

export interface ReviewOut {
  apiVersion: ReviewVersion;
  kind: 'AdmissionReview';
  response: AdmissionResponse;
}

export function reviewOut(version: ReviewVersion, response: AdmissionResponse): ReviewOut {
  return { apiVersion: version, kind: 'AdmissionReview', response };
}

/** kubectl prints each warning on its own line; the API server truncates long lists, so they
 *  stay short and bounded (the audit annotation has the full list). */
const MAX_WARNINGS = 20;
const MAX_LISTED_DENIALS = 20;
const MAX_AUDITED = 50;

export function findingLine(f: Finding): string {
  const at = f.path.length > 0 ? ` ${formatPath(f.path)}` : '';
  return `[${f.ruleId}]${at}: ${f.message}`;
}

export function warningsOf(findings: readonly Finding[], extra: readonly string[] = []): string[] | undefined {
  const lines = findings.slice(0, MAX_WARNINGS).map((f) => `palisade ${f.severity} ${findingLine(f)}`);
  if (findings.length > MAX_WARNINGS) lines.push(`palisade: ${findings.length - MAX_WARNINGS} more findings (see the audit log)`);
  lines.push(...extra);
  return lines.length > 0 ? lines : undefined;
}

/** The status message of a denial: what, where and how to fix it. */
export function denialMessage(obj: KubeObject, deny: readonly Finding[], threshold: string): string {
  const head = `palisade denied ${describeObject(obj.id)}: ${deny.length} finding${deny.length === 1 ? '' : 's'} at or above ${threshold}`;
  const lines = deny.slice(0, MAX_LISTED_DENIALS).map((f) => `- ${f.severity} ${findingLine(f)} Fix: ${f.remediation}`);
  if (deny.length > MAX_LISTED_DENIALS) lines.push(`- ... ${deny.length - MAX_LISTED_DENIALS} more`);
  return [head, ...lines].join('\n');
}

export interface AuditedFinding {
  rule: string;
  severity: string;
  path: string;
}

/** Audit annotations are strings: a compact JSON list, bounded so audit events stay small. */
export function auditFindings(findings: readonly Finding[]): string {
  const list: (AuditedFinding | { truncated: number })[] = findings
    .slice(0, MAX_AUDITED)
    .map((f) => ({ rule: f.ruleId, severity: f.severity, path: formatPath(f.path) }));
  if (findings.length > MAX_AUDITED) list.push({ truncated: findings.length - MAX_AUDITED });
  return JSON.stringify(list);
}

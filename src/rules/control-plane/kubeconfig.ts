/** The users of a kubeconfig file, each with its credentials and path. */
import { isRecord, type JsonObject } from '../../core/objects.js';
import type { Path } from '../../core/path.js';

export interface KubeconfigUser {
  name: string;
  user: JsonObject;
  /** Path of `users[i].user`. */
  path: Path;
}

export function kubeconfigUsers(value: JsonObject): KubeconfigUser[] {
  const users = value.users;
  if (!Array.isArray(users)) return [];
  const out: KubeconfigUser[] = [];
  users.forEach((u: unknown, i) => {
    if (!isRecord(u) || !isRecord(u.user)) return;
    out.push({ name: typeof u.name === 'string' ? u.name : `#${i}`, user: u.user, path: ['users', i, 'user'] });
  });
  return out;
}

/** A non-empty string field. */
export function nonEmpty(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}

/** Identities of control-plane components and nodes (system:kube-controller-manager,
 *  system:node:<name>...): client certificates are how they are meant to authenticate. */
export function isComponentIdentity(name: string): boolean {
  return name.startsWith('system:');
}

/** Baseline: no Windows HostProcess containers (check_windowsHostProcess.go). */
import type { JsonObject } from '../../objects.js';
import { containerName, joinQuote, obj, pluralize, podSecurityContext, securityContext, visitContainers } from '../helpers.js';
import { ALLOWED, forbidden, majorMinor, type CheckResult, type VersionedCheck } from '../types.js';

export const id = 'windowsHostProcess';
export const level = 'baseline';

function hostProcess(sc: JsonObject | undefined): boolean {
  return obj(sc?.windowsOptions)?.hostProcess === true;
}

export function windowsHostProcessV1Dot0(_meta: JsonObject, podSpec: JsonObject): CheckResult {
  const bad: string[] = [];
  visitContainers(podSpec, (c) => {
    if (hostProcess(securityContext(c))) bad.push(containerName(c));
  });
  const setters: string[] = [];
  if (hostProcess(podSecurityContext(podSpec))) setters.push('pod');
  if (bad.length > 0) setters.push(`${pluralize('container', 'containers', bad.length)} ${joinQuote(bad)}`);
  if (setters.length === 0) return ALLOWED;
  return forbidden('hostProcess', `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`);
}

export const versions: readonly VersionedCheck[] = [{ minimumVersion: majorMinor(0), check: windowsHostProcessV1Dot0 }];

/**
 * The shapes most flag rules share: "these flags must be set", "this boolean must be X",
 * "this list flag must (not) contain Y". Each reports at the node that set the flag, or at the
 * component's anchor (its command/args list, or kubeadm extraArgs) when the flag is not set.
 */
import { formatPath, type Path } from '../../core/path.js';
import type { ReportInput } from '../../core/rule.js';
import { listItems, parseBool, type ComponentFlags, type FlagSetting } from './flags.js';

type Report = (finding: ReportInput) => void;

/** `--a`, `--a and --b`, `--a, --b and --c`. */
export function flagList(names: readonly string[]): string {
  const f = names.map((n) => `--${n}`);
  return f.length <= 1 ? (f[0] ?? '') : `${f.slice(0, -1).join(', ')} and ${f[f.length - 1]}`;
}

/** A flag that is set to a non-empty value. */
export function isSet(s: FlagSetting | undefined): boolean {
  return s !== undefined && s.value.trim() !== '';
}

/** Reports flags that must be set: one finding at the anchor for those not set, and one at each
 *  flag set to an empty value. */
export function reportRequired(report: Report, c: ComponentFlags, names: readonly string[], consequence: string): void {
  const absent: string[] = [];
  for (const n of names) {
    const s = c.flags.get(n);
    if (!s) absent.push(n);
    else if (!isSet(s)) report({ path: s.valuePath, message: `${c.label}: --${n} is set to an empty value: ${consequence}` });
  }
  if (absent.length > 0)
    report({
      path: c.anchor,
      message: `${c.label}: ${flagList(absent)} ${absent.length === 1 ? 'is' : 'are'} not set: ${consequence}`,
    });
}

/** Reports a boolean flag whose effective value is not `expected` (`def` is the component's own
 *  default when the flag is not set). */
export function reportBool(
  report: Report,
  c: ComponentFlags,
  name: string,
  expected: boolean,
  def: boolean,
  consequence: string,
): void {
  const s = c.flags.get(name);
  if (!s) {
    if (def !== expected)
      report({ path: c.anchor, message: `${c.label}: --${name} is not set and defaults to ${def}: ${consequence}` });
    return;
  }
  const v = parseBool(s.value);
  if (v === undefined)
    report({ path: s.valuePath, message: `${c.label}: --${name}=${s.value} is not a boolean (the component will not start)` });
  else if (v !== expected)
    report({ path: s.valuePath, message: `${c.label}: --${name}=${s.value}: ${consequence}${strayHint(c, s)}` });
}

/** `--flag false` sets a boolean flag to true and leaves "false" as a stray argument. */
function strayHint(c: ComponentFlags, s: FlagSetting): string {
  const last = s.occurrences[s.occurrences.length - 1];
  if (!last || last.value !== undefined) return '';
  const idx = last.path[last.path.length - 1];
  if (typeof idx !== 'number') return '';
  const next = c.stray.find((t) => {
    const ti = t.path[t.path.length - 1];
    return ti === idx + 1 && formatPath(t.path.slice(0, -1)) === formatPath(last.path.slice(0, -1));
  });
  return next && parseBool(next.text) !== undefined
    ? ` (a boolean flag takes its value after "=": "--${s.name} ${next.text}" sets --${s.name}=true and leaves "${next.text}" as a stray argument)`
    : '';
}

/** Items of a list flag (comma-separated, repeated flags append). */
export function itemsOf(c: ComponentFlags, name: string): { item: string; path: Path }[] {
  return listItems(c.flags.get(name));
}

/** The authorization modes a component's flags configure: undefined when the API server uses
 *  structured authorization (--authorization-config) instead; `set` false when the flag is absent
 *  (the API server then defaults to AlwaysAllow). */
export function authorizationModes(
  c: ComponentFlags,
): { set: boolean; modes: { item: string; path: Path }[]; path: Path } | undefined {
  const s = c.flags.get('authorization-mode');
  if (!s) return c.flags.get('authorization-config')?.value ? undefined : { set: false, modes: [], path: c.anchor };
  return { set: true, modes: listItems(s), path: s.valuePath };
}

/** The authorizers of an AuthorizationConfiguration, in order. */
export function authorizerTypes(value: Readonly<Record<string, unknown>>): { type: string; path: Path }[] {
  const list = value.authorizers;
  if (!Array.isArray(list)) return [];
  const out: { type: string; path: Path }[] = [];
  list.forEach((a: unknown, i) => {
    if (a && typeof a === 'object' && typeof (a as { type?: unknown }).type === 'string')
      out.push({ type: (a as { type: string }).type, path: ['authorizers', i, 'type'] });
  });
  return out;
}

/** Where "an authorizer is missing" is reported in an AuthorizationConfiguration. */
export function authorizersPath(value: Readonly<Record<string, unknown>>): Path {
  return Array.isArray(value.authorizers) ? ['authorizers'] : [];
}

/** Admission plugins turned on (--enable-admission-plugins, or the legacy --admission-control
 *  list) and off (--disable-admission-plugins). */
export function admissionPlugins(c: ComponentFlags): {
  enabled: { item: string; path: Path }[];
  disabled: { item: string; path: Path }[];
  legacy: FlagSetting | undefined;
  enable: FlagSetting | undefined;
} {
  const legacy = c.flags.get('admission-control');
  return {
    enabled: [...itemsOf(c, 'enable-admission-plugins'), ...itemsOf(c, 'admission-control')],
    disabled: itemsOf(c, 'disable-admission-plugins'),
    legacy,
    enable: c.flags.get('enable-admission-plugins') ?? legacy,
  };
}

/** Reports an admission plugin that is off by default and must be enabled. */
export function reportPluginRequired(report: Report, c: ComponentFlags, plugin: string, consequence: string): void {
  const p = admissionPlugins(c);
  const off = p.disabled.find((d) => d.item === plugin);
  if (off) {
    report({ path: off.path, message: `${c.label}: --disable-admission-plugins turns ${plugin} off: ${consequence}` });
    return;
  }
  if (p.enabled.some((e) => e.item === plugin)) return;
  report({
    path: p.enable?.valuePath ?? c.anchor,
    message: `${c.label}: the ${plugin} admission plugin is not enabled: ${consequence}`,
  });
}

/** Reports an admission plugin that is on by default and must not be turned off. */
export function reportPluginNotDisabled(report: Report, c: ComponentFlags, plugin: string, consequence: string): void {
  const p = admissionPlugins(c);
  for (const d of p.disabled)
    if (d.item === plugin)
      report({ path: d.path, message: `${c.label}: --disable-admission-plugins turns ${plugin} off: ${consequence}` });
  // The deprecated --admission-control replaced the default set: plugins it does not list are off.
  if (p.legacy && !listItems(p.legacy).some((e) => e.item === plugin))
    report({
      path: p.legacy.valuePath,
      message: `${c.label}: --admission-control (deprecated) replaces the default plugins and does not list ${plugin}: ${consequence}`,
    });
}

/** 127.0.0.0/8, ::1 and localhost. */
export function isLoopback(address: string): boolean {
  const a = address.trim().replace(/^\[|\]$/g, '');
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a) || a === '::1' || a === '0:0:0:0:0:0:0:1' || a === 'localhost';
}

/** Reports a --bind-address that is not a loopback address (the flag defaults to 0.0.0.0). */
export function reportBindAddress(report: Report, c: ComponentFlags): void {
  const s = c.flags.get('bind-address');
  if (!s) {
    report({
      path: c.anchor,
      message: `${c.label}: --bind-address is not set and defaults to 0.0.0.0: its HTTPS port (health, metrics, profiling) listens on every interface`,
    });
    return;
  }
  if (!isLoopback(s.value))
    report({
      path: s.valuePath,
      message: `${c.label}: --bind-address=${s.value} exposes its HTTPS port (health, metrics, profiling) beyond the node`,
    });
}

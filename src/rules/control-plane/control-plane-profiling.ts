import { formatPath, type Path } from '../../core/path.js';
import { defineRule, type PatchOp } from '../../core/rule.js';
import type { Component } from './component.js';
import { componentFlags, componentsAt, FLAG_TARGETS, parseBool, setFlagPatch, type ComponentFlags } from './flags.js';

const COMPONENTS: Component[] = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'];
const CIS: Readonly<Record<string, string>> = {
  'kube-apiserver': '1.2.15',
  'kube-controller-manager': '1.3.2',
  'kube-scheduler': '1.4.1',
};

/** Where a component's profiling is on, and why; undefined when it is off. */
function profilingOn(c: ComponentFlags): { path: Path; why: string } | undefined {
  const s = c.flags.get('profiling');
  if (!s) return { path: c.anchor, why: 'is not set (defaults to true)' };
  if (parseBool(s.value) !== false) return { path: s.valuePath, why: s.value ? `is ${s.value}` : 'has an empty value' };
  return undefined;
}

export default defineRule({
  meta: {
    id: 'control-plane-profiling',
    title: 'Control-plane components must not serve profiling data',
    severity: 'low',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '1.2.15' },
      { framework: 'cis-k8s', id: '1.3.2' },
      { framework: 'cis-k8s', id: '1.4.1' },
    ],
    description:
      'kube-apiserver, kube-controller-manager and kube-scheduler serve Go profiling data on /debug/pprof unless ' +
      '--profiling=false (the default is true). Profiles reveal program internals and can be used to load the component; ' +
      'they are for debugging sessions, not for production.',
    remediation: 'Set --profiling=false on kube-apiserver, kube-controller-manager and kube-scheduler.',
    references: ['https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/'],
  },
  check(obj, ctx) {
    // kubeadm components without a section share the root as their anchor: one finding per node.
    const byPath = new Map<string, { path: Path; parts: string[] }>();
    for (const c of componentFlags(obj, ...COMPONENTS)) {
      const on = profilingOn(c);
      if (!on) continue;
      const key = formatPath(on.path);
      let f = byPath.get(key);
      if (!f) byPath.set(key, (f = { path: on.path, parts: [] }));
      f.parts.push(`${c.label}: --profiling ${on.why} (CIS ${CIS[c.component]})`);
    }
    for (const f of byPath.values())
      ctx.report({ path: f.path, message: `${f.parts.join('; ')}: /debug/pprof exposes profiling data` });
  },
  fix(obj, finding) {
    const ops: PatchOp[] = [];
    for (const c of componentsAt(obj, finding.path, COMPONENTS)) {
      const on = profilingOn(c);
      if (!on || formatPath(on.path) !== formatPath(finding.path)) continue;
      const patch = setFlagPatch(c, 'profiling', 'false');
      if (!patch) return undefined;
      ops.push(...patch);
    }
    return ops.length ? ops : undefined;
  },
});

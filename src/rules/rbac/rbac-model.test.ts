import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ObjectIndex } from '../../core/index.js';
import type { KubeObject } from '../../core/objects.js';
import { loadText } from '../../load/files.js';
import {
  effectiveRules,
  grantOf,
  isBootstrapDefault,
  isFullWildcard,
  parsePolicyRule,
  reportPath,
  resourceScope,
  roleCanGrant,
  ruleAllows,
  sameRule,
  subjectsOf,
  type PolicyRule,
} from './rbac-model.js';

const rule = (r: Partial<Record<keyof PolicyRule, string[]>>): PolicyRule => parsePolicyRule(r);

function load(yaml: string): { index: ObjectIndex; objects: KubeObject[] } {
  const index = new ObjectIndex();
  const objects: KubeObject[] = [];
  loadText(yaml, 'x.yaml', (o) => {
    objects.push(o);
    index.add(o);
  });
  return { index, objects };
}

const named = (objects: KubeObject[], name: string) => objects.find((o) => o.id.name === name)!;

describe('ruleAllows (upstream RuleAllows)', () => {
  const core = (verbs: string[], resources: string[], extra: Partial<Record<keyof PolicyRule, string[]>> = {}) =>
    rule({ verbs, apiGroups: [''], resources, ...extra });

  it('verbs: "*" or exact, case-sensitive', () => {
    assert.ok(ruleAllows(core(['*'], ['pods']), { verb: 'delete', apiGroup: '', resource: 'pods', name: 'p' }));
    assert.ok(ruleAllows(core(['get'], ['pods']), { verb: 'get', apiGroup: '', resource: 'pods', name: 'p' }));
    assert.ok(!ruleAllows(core(['Get'], ['pods']), { verb: 'get', apiGroup: '', resource: 'pods', name: 'p' }));
  });

  it('apiGroups: "" is the core group, "*" every group; a resource rule without apiGroups matches nothing', () => {
    const req = { verb: 'get', apiGroup: 'apps', resource: 'deployments', name: 'd' };
    assert.ok(!ruleAllows(core(['get'], ['deployments']), req));
    assert.ok(ruleAllows(rule({ verbs: ['get'], apiGroups: ['*'], resources: ['deployments'] }), req));
    assert.ok(ruleAllows(rule({ verbs: ['get'], apiGroups: ['apps'], resources: ['deployments'] }), req));
    assert.ok(!ruleAllows(rule({ verbs: ['get'], resources: ['deployments'] }), req));
  });

  it('resources: "*" covers subresources; a bare resource does not cover its subresources', () => {
    const exec = { verb: 'create', apiGroup: '', resource: 'pods', subresource: 'exec', name: 'p' };
    assert.ok(ruleAllows(core(['create'], ['*']), exec));
    assert.ok(!ruleAllows(core(['create'], ['pods']), exec));
    assert.ok(ruleAllows(core(['create'], ['pods/exec']), exec));
    assert.ok(!ruleAllows(core(['create'], ['pods/exec']), { ...exec, subresource: 'attach' }));
  });

  it('"*/<sub>" matches that subresource of any resource, never the resource itself', () => {
    const scale = { verb: 'update', apiGroup: 'apps', resource: 'deployments', subresource: 'scale', name: 'd' };
    const r = rule({ verbs: ['update'], apiGroups: ['apps'], resources: ['*/scale'] });
    assert.ok(ruleAllows(r, scale));
    assert.ok(ruleAllows(r, { ...scale, resource: 'statefulsets' }));
    assert.ok(!ruleAllows(r, { ...scale, subresource: undefined }));
    assert.ok(!ruleAllows(r, { ...scale, subresource: 'status' }));
    // The length check: "*/xscale" is not "*/scale".
    assert.ok(!ruleAllows(rule({ verbs: ['update'], apiGroups: ['apps'], resources: ['*/xscale'] }), scale));
  });

  it('"*/*" and "pods/*" are not wildcards: they match only the literal strings', () => {
    const exec = { verb: 'create', apiGroup: '', resource: 'pods', subresource: 'exec', name: 'p' };
    assert.ok(!ruleAllows(core(['create'], ['*/*']), exec));
    assert.ok(!ruleAllows(core(['create'], ['*/*']), { ...exec, subresource: undefined }));
    assert.ok(!ruleAllows(core(['create'], ['pods/*']), exec));
    // ... except for a subresource literally named "*".
    assert.ok(ruleAllows(core(['create'], ['*/*']), { ...exec, subresource: '*' }));
  });

  it('resourceNames: named requests only; create and unnamed list carry the name ""', () => {
    const r = core(['get', 'list', 'create'], ['secrets'], { resourceNames: ['db'] });
    assert.ok(ruleAllows(r, { verb: 'get', apiGroup: '', resource: 'secrets', name: 'db' }));
    assert.ok(!ruleAllows(r, { verb: 'get', apiGroup: '', resource: 'secrets', name: 'other' }));
    assert.ok(!ruleAllows(r, { verb: 'create', apiGroup: '', resource: 'secrets' }));
    assert.ok(!ruleAllows(r, { verb: 'list', apiGroup: '', resource: 'secrets' }));
    // list with fieldSelector metadata.name=db carries the name.
    assert.ok(ruleAllows(r, { verb: 'list', apiGroup: '', resource: 'secrets', name: 'db' }));
  });

  it('nonResourceURLs: "*", exact path, or a prefix ending in "*"', () => {
    const r = (urls: string[]) => rule({ verbs: ['get'], nonResourceURLs: urls });
    assert.ok(ruleAllows(r(['*']), { verb: 'get', path: '/metrics' }));
    assert.ok(ruleAllows(r(['/healthz']), { verb: 'get', path: '/healthz' }));
    assert.ok(!ruleAllows(r(['/healthz']), { verb: 'get', path: '/healthz/etcd' }));
    assert.ok(ruleAllows(r(['/healthz/*']), { verb: 'get', path: '/healthz/etcd' }));
    assert.ok(ruleAllows(r(['/api*']), { verb: 'get', path: '/apis/apps' }));
    assert.ok(!ruleAllows(r(['/metrics']), { verb: 'get', apiGroup: '', resource: 'metrics', name: 'x' }));
  });

  it('isFullWildcard: "*" on "*" in "*", for every name', () => {
    assert.ok(isFullWildcard(rule({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] })));
    assert.ok(!isFullWildcard(rule({ verbs: ['*'], apiGroups: ['*'], resources: ['*'], resourceNames: ['x'] })));
    assert.ok(!isFullWildcard(rule({ verbs: ['*'], apiGroups: [''], resources: ['*'] })));
  });

  it('parsePolicyRule drops entries that are not strings', () => {
    assert.deepEqual(parsePolicyRule({ verbs: ['get', 1, null], apiGroups: 'x' }).verbs, ['get']);
    assert.deepEqual(parsePolicyRule({ verbs: ['get', 1, null], apiGroups: 'x' }).apiGroups, []);
  });
});

describe('grantOf', () => {
  const secrets = { verbs: ['get', 'list', 'watch'], apiGroup: '', resource: 'secrets' };

  it('lists the verbs granted and whether a wildcard granted them', () => {
    assert.deepEqual(grantOf(rule({ verbs: ['get', 'list'], apiGroups: [''], resources: ['secrets'] }), secrets), {
      verbs: ['get', 'list'],
      names: undefined,
      viaWildcard: false,
    });
    assert.deepEqual(grantOf(rule({ verbs: ['*'], apiGroups: [''], resources: ['secrets'] }), secrets)?.viaWildcard, true);
    assert.deepEqual(grantOf(rule({ verbs: ['get'], apiGroups: ['*'], resources: ['secrets'] }), secrets)?.viaWildcard, true);
    assert.deepEqual(grantOf(rule({ verbs: ['get'], apiGroups: [''], resources: ['*'] }), secrets)?.viaWildcard, true);
    assert.equal(grantOf(rule({ verbs: ['get'], apiGroups: [''], resources: ['configmaps'] }), secrets), undefined);
  });

  it('a rule with resourceNames grants named verbs on those names only, and never create', () => {
    const r = rule({ verbs: ['get', 'create'], apiGroups: [''], resources: ['secrets', 'pods'], resourceNames: ['db'] });
    assert.deepEqual(grantOf(r, secrets), { verbs: ['get'], names: ['db'], viaWildcard: false });
    assert.equal(grantOf(r, { verbs: ['create'], apiGroup: '', resource: 'pods' }), undefined);
    // Subresource requests carry the parent's name: create pods/exec on named pods is a grant.
    const exec = rule({ verbs: ['create'], apiGroups: [''], resources: ['pods/exec'], resourceNames: ['debug'] });
    assert.deepEqual(grantOf(exec, { verbs: ['create'], apiGroup: '', resource: 'pods', subresource: 'exec' })?.names, ['debug']);
  });

  it('any subresource: userextras/<key> impersonation', () => {
    const access = {
      verbs: ['impersonate'],
      apiGroup: 'authentication.k8s.io',
      resource: 'userextras',
      anySubresource: true,
    };
    const r = (resources: string[]) => rule({ verbs: ['impersonate'], apiGroups: ['authentication.k8s.io'], resources });
    assert.equal(grantOf(r(['userextras/scopes']), access)?.viaWildcard, false);
    assert.equal(grantOf(r(['*/scopes']), access)?.viaWildcard, true);
    assert.equal(grantOf(r(['*']), access)?.viaWildcard, true);
    assert.equal(grantOf(r(['userextras']), access), undefined);
    assert.equal(grantOf(r(['userextras/']), access), undefined);
  });
});

describe('effectiveRules (aggregation)', () => {
  const WORLD = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: monitoring}
aggregationRule:
  clusterRoleSelectors:
  - matchLabels: {agg/monitoring: "true"}
  - matchExpressions: [{key: agg/extra, operator: Exists}]
rules:
- {apiGroups: [""], resources: [pods], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: b-source, labels: {agg/monitoring: "true"}}
rules:
- {apiGroups: [""], resources: [pods], verbs: [get]}
- {apiGroups: [""], resources: [secrets], verbs: [list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: a-nested, labels: {agg/monitoring: "true"}}
aggregationRule:
  clusterRoleSelectors: [{matchLabels: {agg/nested: "true"}}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: leaf, labels: {agg/nested: "true"}}
rules:
- {apiGroups: [""], resources: [nodes/proxy], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: extra, labels: {agg/extra: ""}}
rules:
- {apiGroups: [""], resources: [secrets], verbs: [list]}
- {apiGroups: [""], resources: [configmaps], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: unrelated, labels: {agg/monitoring: "false"}}
rules:
- {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: monitoring, namespace: x}
aggregationRule:
  clusterRoleSelectors: [{matchLabels: {agg/monitoring: "true"}}]
rules:
- {apiGroups: [""], resources: [pods], verbs: [list]}
`;

  it('adds the rules of matching ClusterRoles, transitively and deduplicated, at the selector that brought them', () => {
    const { index, objects } = load(WORLD);
    const got = effectiveRules(named(objects, 'monitoring'), index).map(
      (r) => `${r.source.id.name}#${r.index} -> ${JSON.stringify(reportPath(r))}`,
    );
    assert.deepEqual(got, [
      'monitoring#0 -> ["rules",0]',
      // Sources in name order: a-nested (aggregating leaf) before b-source; b-source's pods rule equals the written one.
      'leaf#0 -> ["aggregationRule","clusterRoleSelectors",0]',
      'b-source#1 -> ["aggregationRule","clusterRoleSelectors",0]',
      // extra's secrets rule equals b-source's, already listed.
      'extra#1 -> ["aggregationRule","clusterRoleSelectors",1]',
    ]);
  });

  it('a Role has no aggregation; a ClusterRole without aggregationRule only its own rules', () => {
    const { index, objects } = load(WORLD);
    const role = objects.find((o) => o.id.kind === 'Role')!;
    assert.equal(effectiveRules(role, index).length, 1);
    assert.equal(effectiveRules(named(objects, 'extra'), index).length, 2);
  });

  it('cycles end, and a role never aggregates itself', () => {
    const { index, objects } = load(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: a, labels: {x: "1", y: "1"}}
aggregationRule: {clusterRoleSelectors: [{matchLabels: {x: "1"}}]}
rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: b, labels: {x: "1"}}
aggregationRule: {clusterRoleSelectors: [{matchLabels: {y: "1"}}]}
rules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]
`);
    assert.deepEqual(
      effectiveRules(named(objects, 'a'), index).map((r) => `${r.source.id.name}#${r.index}`),
      ['a#0', 'b#0'],
    );
    assert.deepEqual(
      effectiveRules(named(objects, 'b'), index).map((r) => `${r.source.id.name}#${r.index}`),
      ['b#0', 'a#0'],
    );
  });

  it('one invalid selector stops the aggregation; a null selector selects every ClusterRole', () => {
    const { index, objects } = load(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: broken}
aggregationRule:
  clusterRoleSelectors:
  - matchLabels: {x: "1"}
  - matchExpressions: [{key: x, operator: In}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: everything}
aggregationRule: {clusterRoleSelectors: [null]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: source, labels: {x: "1"}}
rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
`);
    assert.equal(effectiveRules(named(objects, 'broken'), index).length, 0);
    assert.deepEqual(
      effectiveRules(named(objects, 'everything'), index).map((r) => r.source.id.name),
      ['source'],
    );
  });

  it('sameRule compares every field in order', () => {
    const a = rule({ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] });
    assert.ok(sameRule(a, rule({ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] })));
    assert.ok(!sameRule(a, rule({ verbs: ['list', 'get'], apiGroups: [''], resources: ['pods'] })));
    assert.ok(!sameRule(a, rule({ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'], resourceNames: ['p'] })));
  });
});

describe('roles and bindings', () => {
  it('isBootstrapDefault needs the rbac-defaults label and a reserved name', () => {
    const { objects } = load(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: cluster-admin, labels: {kubernetes.io/bootstrapping: rbac-defaults}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: system:discovery, labels: {kubernetes.io/bootstrapping: rbac-defaults}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: my-operator, labels: {kubernetes.io/bootstrapping: rbac-defaults}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: admin}
`);
    assert.deepEqual(
      objects.map((o) => isBootstrapDefault(o)),
      [true, true, false, false],
    );
  });

  it("subjectsOf: a RoleBinding's ServiceAccount without namespace is in the binding's namespace", () => {
    const { objects } = load(`
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
subjects:
- {kind: ServiceAccount, name: web}
- {kind: ServiceAccount, name: ci, namespace: tools}
- {kind: Group, apiGroup: rbac.authorization.k8s.io, name: devs}
- {kind: User}
- {kind: User, apiGroup: rbac.authorization.k8s.io, name: "system:serviceaccount:ops:deployer"}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: crb}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r}
subjects: [{kind: ServiceAccount, name: web}]
`);
    assert.deepEqual(
      subjectsOf(objects[0]!).map((s) => [s.kind, s.namespace, s.name, s.index, s.serviceAccount]),
      [
        ['ServiceAccount', 'shop', 'web', 0, { namespace: 'shop', name: 'web' }],
        ['ServiceAccount', 'tools', 'ci', 1, { namespace: 'tools', name: 'ci' }],
        ['Group', undefined, 'devs', 2, undefined],
        ['User', undefined, 'system:serviceaccount:ops:deployer', 4, { namespace: 'ops', name: 'deployer' }],
      ],
    );
    assert.equal(subjectsOf(objects[1]!)[0]!.namespace, undefined);
  });

  it('resourceScope knows built-in resources and subresources, nothing else', () => {
    assert.equal(resourceScope('', 'pods/exec'), 'namespaced');
    assert.equal(resourceScope('apps', 'deployments/scale'), 'namespaced');
    assert.equal(resourceScope('', 'nodes/proxy'), 'cluster');
    assert.equal(resourceScope('rbac.authorization.k8s.io', 'clusterroles'), 'cluster');
    assert.equal(resourceScope('rbac.authorization.k8s.io', 'roles'), 'namespaced');
    assert.equal(resourceScope('cert-manager.io', 'certificates'), undefined);
    assert.equal(resourceScope('', '*'), undefined);
    assert.equal(resourceScope('*', 'pods'), undefined);
  });

  it('roleCanGrant: a Role grants namespaced accesses, and bind on clusterroles (checked in the binding namespace)', () => {
    assert.ok(roleCanGrant({ verbs: ['get'], apiGroup: '', resource: 'secrets' }));
    assert.ok(roleCanGrant({ verbs: ['create'], apiGroup: '', resource: 'pods', subresource: 'exec' }));
    assert.ok(roleCanGrant({ verbs: ['create'], apiGroup: 'cert-manager.io', resource: 'certificates' }));
    assert.ok(!roleCanGrant({ verbs: ['get'], apiGroup: '', resource: 'nodes', subresource: 'proxy' }));
    assert.ok(!roleCanGrant({ verbs: ['impersonate'], apiGroup: '', resource: 'users' }));
    assert.ok(!roleCanGrant({ verbs: ['bind'], apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterroles' }));
    assert.ok(
      roleCanGrant({
        verbs: ['bind'],
        apiGroup: 'rbac.authorization.k8s.io',
        resource: 'clusterroles',
        checkedInNamespace: true,
      }),
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadText } from '../load/files.js';
import { ObjectIndex } from './index.js';
import type { KubeObject } from './objects.js';

function indexOf(yaml: string): ObjectIndex {
  const index = new ObjectIndex();
  loadText(yaml, 'x.yaml', (o) => index.add(o));
  return index;
}
const names = (objs: readonly KubeObject[]) => objs.map((o) => `${o.id.kind}/${o.id.name}`).sort();

const WORLD = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, tier: front}}
    spec: {serviceAccountName: web-sa, containers: [{name: c, image: x:1}]}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: report, namespace: shop}
spec:
  jobTemplate: {spec: {template: {metadata: {labels: {app: report}}, spec: {containers: [{name: c, image: x:1}]}}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: other}
spec:
  template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, image: x:1}]}}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: all, namespace: shop}
spec: {selector: {}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: front, namespace: shop}
spec: {selector: {matchExpressions: [{key: tier, operator: In, values: [front]}]}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, minReplicas: 2, maxReplicas: 5}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: b, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
subjects: [{kind: ServiceAccount, name: web-sa}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  defaultBackend: {service: {name: fallback, port: {number: 80}}}
  rules:
  - http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}]}
`;

describe('ObjectIndex', () => {
  const index = indexOf(WORLD);
  const web = index.get('Deployment', 'shop', 'web')!;
  it('looks up by kind, namespace and name; cluster-scoped kinds have no namespace', () => {
    assert.ok(web);
    assert.ok(index.get('ClusterRole', undefined, 'reader'));
    assert.equal(index.get('Deployment', 'shop', 'nope'), undefined);
    assert.deepEqual(index.namespaces(), ['other', 'shop']);
  });
  it('kinds shared by several API groups: the built-in one by default, any by group', () => {
    const two = indexOf(
      'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: np, namespace: a}\n---\n' +
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: np, namespace: a}\n',
    );
    assert.equal(two.size, 2);
    assert.equal(two.get('NetworkPolicy', 'a', 'np')?.id.apiVersion, 'networking.k8s.io/v1');
    assert.equal(two.get('NetworkPolicy', 'a', 'np', 'projectcalico.org')?.id.apiVersion, 'projectcalico.org/v3');
    assert.equal(index.get('Deployment', 'shop', 'web', 'extensions'), undefined);
  });

  it('Service -> pods, within its namespace only', () => {
    assert.deepEqual(names(index.selectedPods(index.get('Service', 'shop', 'web')!)), ['Deployment/web']);
  });
  it('PDBs selecting a workload: empty policy/v1 selector selects all; expressions work', () => {
    assert.deepEqual(names(index.selecting('PodDisruptionBudget', web)), [
      'PodDisruptionBudget/all',
      'PodDisruptionBudget/front',
    ]);
    assert.deepEqual(names(index.selecting('PodDisruptionBudget', index.get('CronJob', 'shop', 'report')!)), [
      'PodDisruptionBudget/all',
    ]);
  });
  it('HPA <-> target', () => {
    assert.deepEqual(names(index.scalersOf(web)), ['HorizontalPodAutoscaler/web']);
    assert.equal(index.scaleTargetOf(index.get('HorizontalPodAutoscaler', 'shop', 'web')!), web);
    assert.deepEqual(index.scalersOf(index.get('Deployment', 'other', 'web')!), []);
  });
  it('RoleBinding -> ClusterRole; ServiceAccount -> pods', () => {
    assert.equal(index.roleOf(index.get('RoleBinding', 'shop', 'b')!)?.id.name, 'reader');
    assert.deepEqual(names(index.podsUsingServiceAccount('shop', 'web-sa')), ['Deployment/web']);
    assert.deepEqual(names(index.podsUsingServiceAccount('shop', 'default')), ['CronJob/report']);
  });
  it('Ingress -> backend Services with their paths', () => {
    const backends = index.ingressBackends(index.get('Ingress', 'shop', 'web')!);
    assert.deepEqual(
      backends.map((b) => [b.service, b.port, b.path.join('.')]),
      [
        ['fallback', 80, 'spec.defaultBackend'],
        ['web', 'http', 'spec.rules.0.http.paths.0.backend'],
      ],
    );
  });
  it('selector queries use the inverted label index (linear build, candidate-only queries)', () => {
    const docs = Array.from(
      { length: 5000 },
      (_, i) =>
        `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d${i}, namespace: ns}\nspec: {template: {metadata: {labels: {app: a${i}}}, spec: {containers: []}}}\n`,
    );
    const big = indexOf(docs.join('---\n'));
    assert.equal(big.size, 5000);
    assert.deepEqual(
      names(
        big.podsMatching('ns', {
          everything: false,
          nothing: false,
          requirements: [{ key: 'app', operator: 'In', values: ['a4242'] }],
        }),
      ),
      ['Deployment/d4242'],
    );
  });
});

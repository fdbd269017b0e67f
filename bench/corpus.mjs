// Generates a synthetic corpus of Kubernetes manifests: workloads (good and bad), Services,
// ConfigMaps, RBAC, HPAs, PDBs and large CRDs, in multi-document files, like a real repo.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

function deployment(i, bad) {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: team-${i % 50}
  labels: {app.kubernetes.io/name: app-${i}, tier: backend}
  annotations:
    description: "generated workload number ${i}"
spec:
  replicas: ${bad ? 1 : 3}
  selector:
    matchLabels: {app.kubernetes.io/name: app-${i}}
  template:
    metadata:
      labels: {app.kubernetes.io/name: app-${i}, tier: backend}
    spec:
      ${bad ? 'hostNetwork: true' : 'automountServiceAccountToken: false'}
      securityContext:
        runAsNonRoot: ${bad ? 'false' : 'true'}
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: app
          image: registry.example.com/team/app-${i}:${bad ? 'latest' : '1.2.' + (i % 10)}
          ports:
            - {name: http, containerPort: 8080}
          env:
            - {name: LOG_LEVEL, value: info}
            - {name: POOL_SIZE, value: "16"}
          ${bad ? '' : 'readinessProbe: {httpGet: {path: /ready, port: http}}'}
          ${bad ? '' : 'livenessProbe: {httpGet: {path: /healthz, port: http}}'}
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {memory: ${bad ? '64Mi' : '256Mi'}}
          securityContext:
            allowPrivilegeEscalation: ${bad ? 'true' : 'false'}
            readOnlyRootFilesystem: true
            ${bad ? 'privileged: true' : 'capabilities: {drop: [ALL]}'}
`;
}

function service(i) {
  return `apiVersion: v1
kind: Service
metadata:
  name: app-${i}
  namespace: team-${i % 50}
spec:
  selector: {app.kubernetes.io/name: app-${i}}
  ports:
    - {name: http, port: 80, targetPort: http}
`;
}

function configMap(i) {
  const data = Array.from({ length: 8 }, (_, k) => `  key-${k}: "value ${k} for config ${i}"`).join('\n');
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: config-${i}
  namespace: team-${i % 50}
data:
${data}
  script.sh: |
    #!/bin/sh
    set -eu
    echo "starting ${i}"
`;
}

function crd(i) {
  const props = Array.from(
    { length: 30 },
    (_, k) => `                field${k}:
                  type: string
                  description: "Field ${k} of the generated resource ${i}; it says what the field does."`,
  ).join('\n');
  return `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets${i}.example.com
spec:
  group: example.com
  names: {kind: Widget${i}, plural: widgets${i}, singular: widget${i}}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
${props}
`;
}

function pdbAndHpa(i) {
  return `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: app-${i}
  namespace: team-${i % 50}
spec:
  maxUnavailable: 1
  selector:
    matchLabels: {app.kubernetes.io/name: app-${i}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: app-${i}
  namespace: team-${i % 50}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: app-${i}}
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
`;
}

/** Writes about `objects` objects into `dir`; returns the number written. */
export function generateCorpus(dir, objects = 20000) {
  mkdirSync(dir, { recursive: true });
  let written = 0;
  let file = 0;
  let i = 0;
  while (written < objects) {
    const docs = [];
    for (let k = 0; k < 20 && written < objects; k++, i++) {
      const bad = i % 3 === 0;
      docs.push(deployment(i, bad), service(i));
      written += 2;
      if (i % 2 === 0) {
        docs.push(configMap(i));
        written += 1;
      }
      if (i % 5 === 0) {
        docs.push(pdbAndHpa(i));
        written += 2;
      }
      if (i % 10 === 0) {
        docs.push(crd(i));
        written += 1;
      }
    }
    writeFileSync(path.join(dir, `manifests-${String(file++).padStart(4, '0')}.yaml`), docs.join('---\n'));
  }
  return written;
}

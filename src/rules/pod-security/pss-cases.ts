/**
 * The cases every Pod Security control rule is tested with (its own violating pod decides what it
 * checks): a compliant restricted pod passes; the privileged level forbids nothing; a labelled
 * namespace's policy wins over the options; the violation is reported at the rule's level and
 * predicted as an admission rejection in a namespace enforcing that level.
 */
import type { RuleCases } from '../../testing/rule-tester.js';

export const COMPLIANT_POD = `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: ns}
spec:
  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
  containers:
  - name: app
    image: app:1
    securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
`;

export interface PssCaseSpec {
  level: 'baseline' | 'restricted';
  /** A pod (namespace `ns`) that violates exactly this control. */
  violating: string;
  /** A fragment of the upstream reason the finding must carry. */
  message: string;
  /** Options for the direct case, e.g. `{ level: 'baseline' }` when restricted overrides the check. */
  options?: Record<string, unknown>;
}

const namespace = (labels: string) => `
apiVersion: v1
kind: Namespace
metadata:
  name: team
  labels: {${labels}}
---`;

export function pssCases(spec: PssCaseSpec): RuleCases {
  const inTeam = spec.violating.replace('namespace: ns}', 'namespace: team}');
  return {
    valid: [
      { name: 'a pod that meets the restricted profile', yaml: COMPLIANT_POD },
      { name: 'the privileged level forbids nothing', yaml: spec.violating, options: { level: 'privileged' } },
      {
        name: 'a labelled namespace that enforces only privileged decides, not the options',
        yaml: namespace('pod-security.kubernetes.io/enforce: privileged') + inTeam,
      },
    ],
    invalid: [
      {
        name: `forbidden at the ${spec.level} level`,
        doc: true,
        yaml: spec.violating,
        ...(spec.options ? { options: spec.options } : {}),
        findings: [{ path: 'spec', message: spec.message }],
      },
      {
        name: `a namespace enforcing ${spec.level} rejects it at admission`,
        yaml: namespace(`pod-security.kubernetes.io/enforce: ${spec.level}`) + inTeam,
        findings: [{ path: 'spec', message: `would be rejected at admission: namespace "team" enforces ${spec.level}:latest` }],
      },
    ],
  };
}

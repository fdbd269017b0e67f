import { annotationsOf, isRecord, str, type JsonObject } from '../../core/objects.js';
import type { Path } from '../../core/path.js';
import { defineRule } from '../../core/rule.js';

const AZURE_INTERNAL = 'service.beta.kubernetes.io/azure-load-balancer-internal';
const AWS_INTERNAL = 'service.beta.kubernetes.io/aws-load-balancer-internal';
const AWS_SCHEME = 'service.beta.kubernetes.io/aws-load-balancer-scheme';
const AWS_TYPE = 'service.beta.kubernetes.io/aws-load-balancer-type';
const GKE_TYPE = 'networking.gke.io/load-balancer-type';
const GKE_TYPE_LEGACY = 'cloud.google.com/load-balancer-type';
const SOURCE_RANGES = 'service.beta.kubernetes.io/load-balancer-source-ranges';

const ALL_ADDRESSES = /^(0\.0\.0\.0|::)\/0$/;

export default defineRule({
  meta: {
    id: 'service-load-balancer-public',
    title: 'LoadBalancer Services should be internal or restricted to known source ranges',
    severity: 'medium',
    category: 'exposure',
    targets: ['Service'],
    needs: 'object',
    options: {
      internalAnnotations: {
        type: 'string[]',
        default: [] as string[],
        description:
          'More annotations that make a load balancer internal on your platform, as "key=value" (value compared ' +
          'case-insensitively) or "key" (any value), e.g. "service.beta.kubernetes.io/oci-load-balancer-internal=true".',
      },
    },
    controls: [
      { framework: 'mitre', id: 'T1190' },
      { framework: 'soc2', id: 'CC6.6' },
    ],
    description:
      'A Service of type LoadBalancer gets a cloud load balancer, and on AKS, EKS and GKE that load balancer is ' +
      'internet-facing unless the Service asks for an internal one. Anything behind it, including admin interfaces and ' +
      'databases exposed "just for a test", is then reachable from the whole internet and probed within minutes (MITRE ' +
      'ATT&CK T1190). Internal load balancers are recognised by AKS (service.beta.kubernetes.io/azure-load-balancer-internal: ' +
      '"true"), EKS (service.beta.kubernetes.io/aws-load-balancer-internal, aws-load-balancer-scheme: internal, or the AWS ' +
      'Load Balancer Controller, whose default scheme is internal, via aws-load-balancer-type external/nlb-ip or ' +
      'loadBalancerClass service.k8s.aws/nlb) and GKE (networking.gke.io/load-balancer-type or ' +
      'cloud.google.com/load-balancer-type: "Internal", or loadBalancerClass networking.gke.io/l4-regional-internal). ' +
      'loadBalancerSourceRanges (or the load-balancer-source-ranges annotation) that do not include 0.0.0.0/0 or ::/0 ' +
      'restrict a public load balancer to known clients and also pass.',
    remediation:
      'Make the load balancer internal with the annotation of your cloud, or list the client networks in ' +
      'spec.loadBalancerSourceRanges. Publish HTTP services through an Ingress or Gateway with TLS instead of one load ' +
      'balancer per Service.',
    references: [
      'https://kubernetes.io/docs/concepts/services-networking/service/#internal-load-balancer',
      'https://kubernetes.io/docs/tasks/access-application-cluster/configure-cloud-provider-firewall/',
      'https://learn.microsoft.com/azure/aks/internal-lb',
      'https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/annotations/',
      'https://cloud.google.com/kubernetes-engine/docs/concepts/service-load-balancer-parameters',
    ],
  },
  check(obj, ctx) {
    const spec = isRecord(obj.value.spec) ? obj.value.spec : undefined;
    if (!spec || spec.type !== 'LoadBalancer') return;
    const annotations = annotationsOf(obj.value.metadata);
    if (isInternal(spec, annotations, ctx.options.internalAnnotations)) return;

    // Source ranges: the spec field wins over the annotation (k8s.io/cloud-provider servicehelper).
    const specRanges = Array.isArray(spec.loadBalancerSourceRanges)
      ? spec.loadBalancerSourceRanges.filter((r): r is string => typeof r === 'string' && r.trim() !== '')
      : [];
    let ranges: { text: string; path: Path }[] = [];
    if (specRanges.length > 0) {
      ranges = (spec.loadBalancerSourceRanges as unknown[]).flatMap((r, i) =>
        typeof r === 'string' && r.trim() !== '' ? [{ text: r.trim(), path: ['spec', 'loadBalancerSourceRanges', i] }] : [],
      );
    } else if (annotations[SOURCE_RANGES]?.trim()) {
      ranges = annotations[SOURCE_RANGES].split(',')
        .map((r) => r.trim())
        .filter((r) => r !== '')
        .map((text) => ({ text, path: ['metadata', 'annotations', SOURCE_RANGES] }));
    }
    if (ranges.length > 0) {
      const open = ranges.find((r) => ALL_ADDRESSES.test(r.text));
      if (!open) return;
      ctx.report({
        path: open.path,
        message: `the load balancer accepts clients from anywhere: its source ranges include ${open.text}`,
      });
      return;
    }
    const scheme = annotations[AWS_SCHEME];
    ctx.report({
      path: scheme !== undefined ? ['metadata', 'annotations', AWS_SCHEME] : ['spec', 'type'],
      message:
        scheme !== undefined
          ? `the load balancer is public (${AWS_SCHEME}: "${scheme}") and has no loadBalancerSourceRanges`
          : 'type LoadBalancer gets a public load balancer: no internal load-balancer annotation (AKS, EKS, GKE) and no loadBalancerSourceRanges',
    });
  },
});

function isInternal(spec: JsonObject, annotations: Readonly<Record<string, string>>, extra: readonly string[]): boolean {
  const lower = (k: string) => annotations[k]?.trim().toLowerCase();
  if (lower(AZURE_INTERNAL) === 'true') return true;
  const lbClass = str(spec.loadBalancerClass);
  if (lbClass === 'networking.gke.io/l4-regional-internal') return true;
  if (lower(GKE_TYPE) === 'internal' || lower(GKE_TYPE_LEGACY) === 'internal') return true;
  // AWS: an explicit scheme decides; else the legacy internal annotation (any value but "false");
  // else the AWS Load Balancer Controller's default, internal since v2.2.0.
  const scheme = lower(AWS_SCHEME);
  if (scheme === 'internal') return true;
  if (scheme === 'internet-facing') return false;
  const awsInternal = lower(AWS_INTERNAL);
  if (awsInternal !== undefined && awsInternal !== '' && awsInternal !== 'false') return true;
  const awsType = lower(AWS_TYPE);
  if (lbClass === 'service.k8s.aws/nlb' || awsType === 'external' || awsType === 'nlb-ip') return true;
  for (const entry of extra) {
    const eq = entry.indexOf('=');
    const key = eq === -1 ? entry : entry.slice(0, eq);
    const want =
      eq === -1
        ? undefined
        : entry
            .slice(eq + 1)
            .trim()
            .toLowerCase();
    const have = lower(key);
    if (have !== undefined && (want === undefined || have === want)) return true;
  }
  return false;
}

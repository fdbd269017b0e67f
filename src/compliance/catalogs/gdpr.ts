/**
 * GDPR (Regulation (EU) 2016/679): Art. 25 (data protection by design and by default) and
 * Art. 32 (security of processing), which require "appropriate technical and organisational
 * measures". Ids are article and paragraph citations.
 */
import { control, rule, type Catalog } from '../types.js';

const MANUAL = 'Needs evidence beyond manifests (records of processing, DPIAs, procedures or review).';

export const GDPR: Catalog = {
  id: 'gdpr',
  name: 'GDPR',
  version: 'Regulation (EU) 2016/679',
  source: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj',
  ruleFramework: 'gdpr',
  notes:
    'GDPR asks for measures appropriate to the risk; it defines no technical checklist. The mappings are technical ' +
    'measures a controller or processor may cite for these articles. They support, and do not replace, a data ' +
    'protection assessment; whether a measure is appropriate depends on the processing.',
  sections: [
    { id: 'art25', title: 'Art. 25 Data protection by design and by default' },
    { id: 'art32', title: 'Art. 32 Security of processing' },
  ],
  controls: [
    control(
      'art25',
      'Art. 25(1)',
      'Data protection by design',
      'Technical measures designed to implement data-protection principles effectively.',
      [
        rule(
          'default-deny-missing',
          'Deny-by-default networking is a by-design measure: data services are reachable only where intended.',
        ),
        rule('automount-service-account-token', 'Workloads get API credentials only when designed to need them.'),
        rule('rbac-secrets-read', 'Credentials to personal data stores are readable only by those who need them.'),
      ],
    ),
    control(
      'art25',
      'Art. 25(2)',
      'Data protection by default',
      'By default personal data is not made accessible to an indefinite number of persons.',
      [
        rule(
          'service-load-balancer-public',
          'An internet-facing load balancer makes a service accessible to an indefinite number of persons.',
        ),
        rule('rbac-risky-subjects', 'Roles bound to anonymous or all-authenticated groups make access indefinite.'),
        rule('ingress-tls', 'Plaintext ingress exposes data to anyone on the path.'),
      ],
    ),
    control(
      'art32',
      'Art. 32(1)(a)',
      'Pseudonymisation and encryption of personal data',
      'Encryption of personal data in transit and, for volumes, at rest (pseudonymisation is outside manifests).',
      [
        rule('storageclass-encryption', 'Volumes without encryption with customer-managed keys hold personal data at rest.'),
        rule('ingress-tls', 'An Ingress without TLS transmits personal data unencrypted.'),
        rule('ingress-ssl-redirect-disabled', 'Without the redirect clients may send personal data over plaintext HTTP.'),
        rule('gateway-listener-without-tls', 'A Gateway listener without TLS transmits personal data unencrypted.'),
        rule('istio-mtls-not-strict', 'Permissive mTLS accepts unencrypted service traffic.'),
        rule('istio-destination-rule-tls-disabled', 'Disabled TLS sends service traffic unencrypted.'),
        rule('linkerd-skip-ports', 'Skipped ports bypass mTLS encryption.'),
      ],
    ),
    control(
      'art32',
      'Art. 32(1)(b)',
      'Confidentiality, integrity, availability and resilience',
      'The ability to ensure the ongoing confidentiality, integrity, availability and resilience of processing systems and services.',
      [
        rule('privileged-container', 'Confidentiality and integrity: privileged containers break isolation between workloads.'),
        rule('run-as-non-root', 'Integrity: root in a container is one escape away from root on the node.'),
        rule('host-path-volume', "Confidentiality: hostPath mounts read other workloads' data on the node."),
        rule('workload-not-covered-by-network-policy', 'Confidentiality: unrestricted network access to data services.'),
        rule('rbac-wildcard', 'Confidentiality: wildcard grants give unreviewed access.'),
        rule('single-replica', 'Availability and resilience: one replica has no redundancy.'),
        rule('pdb-missing', 'Availability: disruptions may take down every replica.'),
        rule('container-memory-limit', 'Availability: an unbounded neighbour can exhaust the node.'),
      ],
    ),
    control(
      'art32',
      'Art. 32(1)(c)',
      'Restore availability and access in a timely manner',
      'Backup and restore of personal data after an incident. ' + MANUAL,
    ),
    control(
      'art32',
      'Art. 32(1)(d)',
      'Regular testing, assessment and evaluation of effectiveness',
      'Running this report on every change contributes to such a process; the process itself (schedule, review, follow-up) is what must be shown. ' +
        MANUAL,
    ),
  ],
};

/**
 * HIPAA Security Rule, 45 CFR Part 164 Subpart C: the administrative (164.308) and technical
 * (164.312) safeguards a Kubernetes platform processing ePHI touches. Ids are the CFR paragraph
 * citations. Addressable specifications are marked as such in their titles.
 */
import { control, rule, type Catalog } from '../types.js';

const MANUAL = 'Needs evidence beyond manifests (policies, procedures, logs or cluster configuration).';
const TLS = [
  rule('ingress-tls', 'An Ingress without TLS transmits ePHI unencrypted.'),
  rule('ingress-ssl-redirect-disabled', 'Without the redirect clients may send ePHI over plaintext HTTP.'),
  rule('gateway-listener-without-tls', 'A Gateway listener without TLS transmits ePHI unencrypted.'),
  rule('istio-mtls-not-strict', 'Permissive mTLS accepts unencrypted service-to-service traffic.'),
  rule('istio-destination-rule-tls-disabled', 'Disabled TLS sends service traffic unencrypted.'),
  rule('linkerd-skip-ports', 'Skipped ports bypass mTLS encryption.'),
];

export const HIPAA: Catalog = {
  id: 'hipaa',
  name: 'HIPAA Security Rule',
  version: '45 CFR 164 Subpart C (as amended 2013)',
  source: 'https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-C',
  ruleFramework: 'hipaa',
  notes:
    'The Security Rule is risk based: covered entities decide how to meet each standard and document why an ' +
    'addressable specification is or is not implemented. Palisade findings are technical evidence for the ' +
    'safeguards below; they support, and do not replace, the risk analysis (164.308(a)(1)(ii)(A)) and an assessment.',
  sections: [
    { id: '164.308', title: '164.308 Administrative safeguards' },
    { id: '164.312', title: '164.312 Technical safeguards' },
  ],
  controls: [
    control(
      '164.308',
      '164.308(a)(1)(ii)(D)',
      'Information system activity review',
      'Regularly review records of information system activity (audit logs, access reports, incident tracking). ' + MANUAL,
    ),
    control(
      '164.308',
      '164.308(a)(4)',
      'Information access management',
      'Implement policies and procedures for authorizing access to ePHI.',
      [
        rule('rbac-secrets-read', 'Grants to read Secrets authorize access to the credentials that protect ePHI.'),
        rule('rbac-wildcard', 'Wildcard grants authorize access nobody reviewed.'),
        rule('rbac-cluster-admin-binding', 'cluster-admin authorizes access to every workload and its data.'),
        rule('rbac-pod-exec', 'exec into pods authorizes direct access to data in containers.'),
      ],
    ),
    control(
      '164.308',
      '164.308(a)(5)(ii)(B)',
      'Protection from malicious software (addressable)',
      'Procedures for guarding against, detecting and reporting malicious software.',
      [
        rule('image-tag', 'Unpinned images can be replaced with malicious software without a reviewed change.'),
        rule('image-registry', 'Images from unapproved registries have not passed malware and vulnerability checks.'),
        rule('read-only-root-filesystem', 'A writable root file system lets malicious software persist in running containers.'),
      ],
    ),
    control(
      '164.312',
      '164.312(a)(1)',
      'Access control',
      'Technical policies and procedures that allow access to ePHI only to authorized persons or software programs.',
      [
        rule('rbac-risky-subjects', 'Roles bound to anonymous or all-authenticated groups allow access to anyone.'),
        rule('automount-service-account-token', 'Software that does not need API access should not hold a token.'),
        rule(
          'workload-not-covered-by-network-policy',
          'Workloads no NetworkPolicy selects are reachable by any program in the cluster.',
        ),
        rule('default-deny-missing', 'Without a default deny, programs reach ePHI services unless restricted case by case.'),
        rule('rbac-escalate-bind-impersonate', 'Impersonation and escalation defeat access control.'),
      ],
    ),
    control(
      '164.312',
      '164.312(a)(2)(iv)',
      'Encryption and decryption (addressable)',
      'A mechanism to encrypt and decrypt ePHI at rest. Volume encryption is checked on StorageClasses; etcd and database encryption are configured elsewhere.',
      [rule('storageclass-encryption', 'Reports StorageClasses whose volumes are not encrypted with customer-managed keys.')],
    ),
    control(
      '164.312',
      '164.312(b)',
      'Audit controls',
      'Hardware, software and procedural mechanisms that record and examine activity in systems with ePHI: API server audit logging and log retention. ' +
        MANUAL,
    ),
    control(
      '164.312',
      '164.312(c)(1)',
      'Integrity',
      'Policies and procedures to protect ePHI from improper alteration or destruction.',
      [
        rule('host-path-volume', 'hostPath mounts let a container alter data of other workloads on the node.'),
        rule('privileged-container', 'Privileged containers can alter any data on the node.'),
        rule(
          'read-only-root-filesystem',
          'A read-only root file system prevents tampering with the application that processes ePHI.',
        ),
      ],
    ),
    control(
      '164.312',
      '164.312(d)',
      'Person or entity authentication',
      'Verify that a person or entity seeking access to ePHI is the one claimed.',
      [
        rule(
          'rbac-risky-subjects',
          'Bindings to system:anonymous or system:unauthenticated grant access without authentication.',
        ),
      ],
    ),
    control(
      '164.312',
      '164.312(e)(1)',
      'Transmission security',
      'Guard against unauthorized access to ePHI transmitted over an electronic communications network.',
      TLS,
    ),
    control(
      '164.312',
      '164.312(e)(2)(ii)',
      'Encryption (addressable)',
      'Encrypt ePHI in transit whenever deemed appropriate.',
      TLS,
    ),
  ],
};

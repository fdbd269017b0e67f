/** The registry: every built-in rule, nothing else. A test checks that no rule file is missing. */
import type { AnyRule } from '../core/rule.js';
import pdbBlocksEviction from './availability/pdb-blocks-eviction.js';
import pdbMissing from './availability/pdb-missing.js';
import pdbOverlap from './availability/pdb-overlap.js';
import pdbSelectsNothing from './availability/pdb-selects-nothing.js';
import pdbUnhealthyEvictionPolicy from './availability/pdb-unhealthy-eviction-policy.js';
import ingressBackendMissing from './consistency/ingress-backend-missing.js';
import priorityClass from './consistency/priority-class.js';
import selectorTemplateMismatch from './consistency/selector-template-mismatch.js';
import serviceAccountMissing from './consistency/service-account-missing.js';
import serviceSelectsNothing from './consistency/service-selects-nothing.js';
import serviceTargetPort from './consistency/service-target-port.js';
import apiserverAdmissionAlwaysAdmit from './control-plane/apiserver-admission-always-admit.js';
import apiserverAdmissionAlwaysPullImages from './control-plane/apiserver-admission-always-pull-images.js';
import apiserverAdmissionDenyServiceExternalIps from './control-plane/apiserver-admission-deny-service-external-ips.js';
import apiserverAdmissionEventRateLimit from './control-plane/apiserver-admission-event-rate-limit.js';
import apiserverAdmissionNamespaceLifecycle from './control-plane/apiserver-admission-namespace-lifecycle.js';
import apiserverAdmissionNodeRestriction from './control-plane/apiserver-admission-node-restriction.js';
import apiserverAdmissionServiceAccount from './control-plane/apiserver-admission-service-account.js';
import apiserverAnonymousAuth from './control-plane/apiserver-anonymous-auth.js';
import apiserverAuditLogMaxage from './control-plane/apiserver-audit-log-maxage.js';
import apiserverAuditLogMaxbackup from './control-plane/apiserver-audit-log-maxbackup.js';
import apiserverAuditLogMaxsize from './control-plane/apiserver-audit-log-maxsize.js';
import apiserverAuditLogPath from './control-plane/apiserver-audit-log-path.js';
import apiserverAuditPolicyFile from './control-plane/apiserver-audit-policy-file.js';
import apiserverAuthorizationAlwaysAllow from './control-plane/apiserver-authorization-always-allow.js';
import apiserverAuthorizationNode from './control-plane/apiserver-authorization-node.js';
import apiserverAuthorizationRbac from './control-plane/apiserver-authorization-rbac.js';
import apiserverClientCaFile from './control-plane/apiserver-client-ca-file.js';
import apiserverEncryptionProviderConfig from './control-plane/apiserver-encryption-provider-config.js';
import apiserverEtcdCafile from './control-plane/apiserver-etcd-cafile.js';
import apiserverEtcdClientCertificate from './control-plane/apiserver-etcd-client-certificate.js';
import apiserverExternalAuthentication from './control-plane/apiserver-external-authentication.js';
import apiserverKubeletCertificateAuthority from './control-plane/apiserver-kubelet-certificate-authority.js';
import apiserverKubeletClientCertificate from './control-plane/apiserver-kubelet-client-certificate.js';
import apiserverRequestTimeout from './control-plane/apiserver-request-timeout.js';
import apiserverServiceAccountKeyFile from './control-plane/apiserver-service-account-key-file.js';
import apiserverServiceAccountLookup from './control-plane/apiserver-service-account-lookup.js';
import apiserverTlsCertificate from './control-plane/apiserver-tls-certificate.js';
import apiserverTlsCipherSuites from './control-plane/apiserver-tls-cipher-suites.js';
import apiserverTokenAuthFile from './control-plane/apiserver-token-auth-file.js';
import auditPolicyExec from './control-plane/audit-policy-exec.js';
import auditPolicyRequestBodies from './control-plane/audit-policy-request-bodies.js';
import auditPolicySensitiveResources from './control-plane/audit-policy-sensitive-resources.js';
import auditPolicyWorkloadChanges from './control-plane/audit-policy-workload-changes.js';
import controlPlaneProfiling from './control-plane/control-plane-profiling.js';
import controllerManagerBindAddress from './control-plane/controller-manager-bind-address.js';
import controllerManagerRootCaFile from './control-plane/controller-manager-root-ca-file.js';
import controllerManagerServiceAccountPrivateKeyFile from './control-plane/controller-manager-service-account-private-key-file.js';
import controllerManagerTerminatedPodGcThreshold from './control-plane/controller-manager-terminated-pod-gc-threshold.js';
import controllerManagerUseServiceAccountCredentials from './control-plane/controller-manager-use-service-account-credentials.js';
import encryptionAescbc from './control-plane/encryption-aescbc.js';
import encryptionAesgcm from './control-plane/encryption-aesgcm.js';
import encryptionIdentityFirst from './control-plane/encryption-identity-first.js';
import encryptionKeyAge from './control-plane/encryption-key-age.js';
import encryptionKmsV1 from './control-plane/encryption-kms-v1.js';
import encryptionSecretsNotCovered from './control-plane/encryption-secrets-not-covered.js';
import etcdAutoTls from './control-plane/etcd-auto-tls.js';
import etcdClientCertAuth from './control-plane/etcd-client-cert-auth.js';
import etcdPeerAutoTls from './control-plane/etcd-peer-auto-tls.js';
import etcdPeerClientCertAuth from './control-plane/etcd-peer-client-cert-auth.js';
import etcdPeerTlsCertificate from './control-plane/etcd-peer-tls-certificate.js';
import etcdTlsCertificate from './control-plane/etcd-tls-certificate.js';
import kubeconfigBasicAuth from './control-plane/kubeconfig-basic-auth.js';
import kubeconfigEmbeddedClientKey from './control-plane/kubeconfig-embedded-client-key.js';
import kubeconfigStaticToken from './control-plane/kubeconfig-static-token.js';
import kubeletAnonymousAuth from './control-plane/kubelet-anonymous-auth.js';
import kubeletAuthorizationMode from './control-plane/kubelet-authorization-mode.js';
import kubeletClientCaFile from './control-plane/kubelet-client-ca-file.js';
import kubeletEventRecordQps from './control-plane/kubelet-event-record-qps.js';
import kubeletMakeIptablesUtilChains from './control-plane/kubelet-make-iptables-util-chains.js';
import kubeletPodPidsLimit from './control-plane/kubelet-pod-pids-limit.js';
import kubeletProtectKernelDefaults from './control-plane/kubelet-protect-kernel-defaults.js';
import kubeletReadOnlyPort from './control-plane/kubelet-read-only-port.js';
import kubeletRotateCertificates from './control-plane/kubelet-rotate-certificates.js';
import kubeletServingCertificate from './control-plane/kubelet-serving-certificate.js';
import kubeletStreamingConnectionIdleTimeout from './control-plane/kubelet-streaming-connection-idle-timeout.js';
import kubeletTlsCipherSuites from './control-plane/kubelet-tls-cipher-suites.js';
import rotateKubeletServerCertificate from './control-plane/rotate-kubelet-server-certificate.js';
import schedulerBindAddress from './control-plane/scheduler-bind-address.js';
import hostPort from './exposure/host-port.js';
import serviceExternalIps from './exposure/service-external-ips.js';
import serviceLoadBalancerPublic from './exposure/service-load-balancer-public.js';
import serviceNodePort from './exposure/service-node-port.js';
import imageDigest from './images/image-digest.js';
import imagePullPolicy from './images/image-pull-policy.js';
import imageRegistry from './images/image-registry.js';
import imageTag from './images/image-tag.js';
import defaultDenyMissing from './network/default-deny-missing.js';
import egressToMetadataApi from './network/egress-to-metadata-api.js';
import gatewayListenerWithoutTls from './network/gateway-listener-without-tls.js';
import ingressSslRedirectDisabled from './network/ingress-ssl-redirect-disabled.js';
import ingressTls from './network/ingress-tls.js';
import istioDestinationRuleTlsDisabled from './network/istio-destination-rule-tls-disabled.js';
import istioMtlsNotStrict from './network/istio-mtls-not-strict.js';
import linkerdSkipPorts from './network/linkerd-skip-ports.js';
import namespaceWithoutNetworkPolicy from './network/namespace-without-network-policy.js';
import networkPolicyAllowsAll from './network/network-policy-allows-all.js';
import workloadNotCoveredByNetworkPolicy from './network/workload-not-covered-by-network-policy.js';
import pssAllowPrivilegeEscalation from './pod-security/pss-allow-privilege-escalation.js';
import pssAppArmorProfile from './pod-security/pss-app-armor-profile.js';
import pssCapabilitiesBaseline from './pod-security/pss-capabilities-baseline.js';
import pssCapabilitiesRestricted from './pod-security/pss-capabilities-restricted.js';
import pssHostNamespaces from './pod-security/pss-host-namespaces.js';
import pssHostPathVolumes from './pod-security/pss-host-path-volumes.js';
import pssHostPorts from './pod-security/pss-host-ports.js';
import pssHostProbesAndHostLifecycle from './pod-security/pss-host-probes-and-host-lifecycle.js';
import pssPrivileged from './pod-security/pss-privileged.js';
import pssProcMountRestricted from './pod-security/pss-proc-mount-restricted.js';
import pssProcMount from './pod-security/pss-proc-mount.js';
import pssRestrictedVolumes from './pod-security/pss-restricted-volumes.js';
import pssRunAsNonRoot from './pod-security/pss-run-as-non-root.js';
import pssRunAsUser from './pod-security/pss-run-as-user.js';
import pssSeLinuxOptions from './pod-security/pss-se-linux-options.js';
import pssSeccompProfileBaseline from './pod-security/pss-seccomp-profile-baseline.js';
import pssSeccompProfileRestricted from './pod-security/pss-seccomp-profile-restricted.js';
import pssSysctls from './pod-security/pss-sysctls.js';
import pssWindowsHostProcess from './pod-security/pss-windows-host-process.js';
import livenessEqualsReadiness from './probes/liveness-equals-readiness.js';
import probePortNotExposed from './probes/probe-port-not-exposed.js';
import startupProbeRecommended from './probes/startup-probe-recommended.js';
import rbacClusterAdminBinding from './rbac/rbac-cluster-admin-binding.js';
import rbacClusterBindingForNamespacedUse from './rbac/rbac-cluster-binding-for-namespaced-use.js';
import rbacCrdModification from './rbac/rbac-crd-modification.js';
import rbacCsrApproval from './rbac/rbac-csr-approval.js';
import rbacDefaultServiceAccount from './rbac/rbac-default-service-account.js';
import rbacEscalateBindImpersonate from './rbac/rbac-escalate-bind-impersonate.js';
import rbacNodeModification from './rbac/rbac-node-modification.js';
import rbacNodeProxy from './rbac/rbac-node-proxy.js';
import rbacPersistentVolumeCreation from './rbac/rbac-persistent-volume-creation.js';
import rbacPodExec from './rbac/rbac-pod-exec.js';
import rbacRiskySubjects from './rbac/rbac-risky-subjects.js';
import rbacSecretsRead from './rbac/rbac-secrets-read.js';
import rbacServiceAccountTokenCreation from './rbac/rbac-service-account-token-creation.js';
import rbacWebhookConfiguration from './rbac/rbac-webhook-configuration.js';
import rbacWildcard from './rbac/rbac-wildcard.js';
import rbacWorkloadCreation from './rbac/rbac-workload-creation.js';
import barePod from './reliability/bare-pod.js';
import livenessProbe from './reliability/liveness-probe.js';
import readinessProbe from './reliability/readiness-probe.js';
import replicationController from './reliability/replication-controller.js';
import singleReplica from './reliability/single-replica.js';
import containerCpuLimit from './resources/container-cpu-limit.js';
import containerMemoryLimit from './resources/container-memory-limit.js';
import containerResourceRequests from './resources/container-resource-requests.js';
import namespaceResourceGovernance from './resources/namespace-resource-governance.js';
import requestsExceedLimits from './resources/requests-exceed-limits.js';
import cronjobConcurrencyPolicy from './rollout/cronjob-concurrency-policy.js';
import deploymentMaxUnavailable from './rollout/deployment-max-unavailable.js';
import jobBackoffLimit from './rollout/job-backoff-limit.js';
import jobTtl from './rollout/job-ttl.js';
import safeToEvictFalse from './rollout/safe-to-evict-false.js';
import statefulsetHeadlessService from './rollout/statefulset-headless-service.js';
import hpaMaxNotAboveMin from './scaling/hpa-max-not-above-min.js';
import hpaMetricWithoutRequests from './scaling/hpa-metric-without-requests.js';
import hpaMinReplicas from './scaling/hpa-min-replicas.js';
import hpaTargetMissing from './scaling/hpa-target-missing.js';
import replicasWithHpa from './scaling/replicas-with-hpa.js';
import vpaBounds from './scaling/vpa-bounds.js';
import vpaHpaConflict from './scaling/vpa-hpa-conflict.js';
import vpaTargetMissing from './scaling/vpa-target-missing.js';
import credentialsInEnv from './secrets/credentials-in-env.js';
import secretDataKeyAge from './secrets/secret-data-key-age.js';
import secretPlaintextInManifest from './secrets/secret-plaintext-in-manifest.js';
import secretViaEnv from './secrets/secret-via-env.js';
import secretsWithoutExternalManager from './secrets/secrets-without-external-manager.js';
import podAntiAffinity from './spreading/pod-anti-affinity.js';
import spreadSelectorMismatch from './spreading/spread-selector-mismatch.js';
import zoneSpread from './spreading/zone-spread.js';
import storageclassEncryption from './storage/storageclass-encryption.js';
import allowPrivilegeEscalation from './workload-security/allow-privilege-escalation.js';
import automountServiceAccountToken from './workload-security/automount-service-account-token.js';
import automountTokenNotChosen from './workload-security/automount-token-not-chosen.js';
import hostIpc from './workload-security/host-ipc.js';
import hostNetwork from './workload-security/host-network.js';
import hostPathVolume from './workload-security/host-path-volume.js';
import hostPid from './workload-security/host-pid.js';
import privilegedContainer from './workload-security/privileged-container.js';
import readOnlyRootFilesystem from './workload-security/read-only-root-filesystem.js';
import runAsNonRoot from './workload-security/run-as-non-root.js';

export const BUILTIN_RULES: readonly AnyRule[] = [
  pdbBlocksEviction,
  pdbMissing,
  pdbOverlap,
  pdbSelectsNothing,
  pdbUnhealthyEvictionPolicy,
  ingressBackendMissing,
  priorityClass,
  selectorTemplateMismatch,
  serviceAccountMissing,
  serviceSelectsNothing,
  serviceTargetPort,
  apiserverAdmissionAlwaysAdmit,
  apiserverAdmissionAlwaysPullImages,
  apiserverAdmissionDenyServiceExternalIps,
  apiserverAdmissionEventRateLimit,
  apiserverAdmissionNamespaceLifecycle,
  apiserverAdmissionNodeRestriction,
  apiserverAdmissionServiceAccount,
  apiserverAnonymousAuth,
  apiserverAuditLogMaxage,
  apiserverAuditLogMaxbackup,
  apiserverAuditLogMaxsize,
  apiserverAuditLogPath,
  apiserverAuditPolicyFile,
  apiserverAuthorizationAlwaysAllow,
  apiserverAuthorizationNode,
  apiserverAuthorizationRbac,
  apiserverClientCaFile,
  apiserverEncryptionProviderConfig,
  apiserverEtcdCafile,
  apiserverEtcdClientCertificate,
  apiserverExternalAuthentication,
  apiserverKubeletCertificateAuthority,
  apiserverKubeletClientCertificate,
  apiserverRequestTimeout,
  apiserverServiceAccountKeyFile,
  apiserverServiceAccountLookup,
  apiserverTlsCertificate,
  apiserverTlsCipherSuites,
  apiserverTokenAuthFile,
  auditPolicyExec,
  auditPolicyRequestBodies,
  auditPolicySensitiveResources,
  auditPolicyWorkloadChanges,
  controlPlaneProfiling,
  controllerManagerBindAddress,
  controllerManagerRootCaFile,
  controllerManagerServiceAccountPrivateKeyFile,
  controllerManagerTerminatedPodGcThreshold,
  controllerManagerUseServiceAccountCredentials,
  encryptionAescbc,
  encryptionAesgcm,
  encryptionIdentityFirst,
  encryptionKeyAge,
  encryptionKmsV1,
  encryptionSecretsNotCovered,
  etcdAutoTls,
  etcdClientCertAuth,
  etcdPeerAutoTls,
  etcdPeerClientCertAuth,
  etcdPeerTlsCertificate,
  etcdTlsCertificate,
  kubeconfigBasicAuth,
  kubeconfigEmbeddedClientKey,
  kubeconfigStaticToken,
  kubeletAnonymousAuth,
  kubeletAuthorizationMode,
  kubeletClientCaFile,
  kubeletEventRecordQps,
  kubeletMakeIptablesUtilChains,
  kubeletPodPidsLimit,
  kubeletProtectKernelDefaults,
  kubeletReadOnlyPort,
  kubeletRotateCertificates,
  kubeletServingCertificate,
  kubeletStreamingConnectionIdleTimeout,
  kubeletTlsCipherSuites,
  rotateKubeletServerCertificate,
  schedulerBindAddress,
  hostPort,
  serviceExternalIps,
  serviceLoadBalancerPublic,
  serviceNodePort,
  imageDigest,
  imagePullPolicy,
  imageRegistry,
  imageTag,
  defaultDenyMissing,
  egressToMetadataApi,
  gatewayListenerWithoutTls,
  ingressSslRedirectDisabled,
  ingressTls,
  istioDestinationRuleTlsDisabled,
  istioMtlsNotStrict,
  linkerdSkipPorts,
  namespaceWithoutNetworkPolicy,
  networkPolicyAllowsAll,
  workloadNotCoveredByNetworkPolicy,
  pssAllowPrivilegeEscalation,
  pssAppArmorProfile,
  pssCapabilitiesBaseline,
  pssCapabilitiesRestricted,
  pssHostNamespaces,
  pssHostPathVolumes,
  pssHostPorts,
  pssHostProbesAndHostLifecycle,
  pssPrivileged,
  pssProcMountRestricted,
  pssProcMount,
  pssRestrictedVolumes,
  pssRunAsNonRoot,
  pssRunAsUser,
  pssSeLinuxOptions,
  pssSeccompProfileBaseline,
  pssSeccompProfileRestricted,
  pssSysctls,
  pssWindowsHostProcess,
  livenessEqualsReadiness,
  probePortNotExposed,
  startupProbeRecommended,
  rbacClusterAdminBinding,
  rbacClusterBindingForNamespacedUse,
  rbacCrdModification,
  rbacCsrApproval,
  rbacDefaultServiceAccount,
  rbacEscalateBindImpersonate,
  rbacNodeModification,
  rbacNodeProxy,
  rbacPersistentVolumeCreation,
  rbacPodExec,
  rbacRiskySubjects,
  rbacSecretsRead,
  rbacServiceAccountTokenCreation,
  rbacWebhookConfiguration,
  rbacWildcard,
  rbacWorkloadCreation,
  barePod,
  livenessProbe,
  readinessProbe,
  replicationController,
  singleReplica,
  containerCpuLimit,
  containerMemoryLimit,
  containerResourceRequests,
  namespaceResourceGovernance,
  requestsExceedLimits,
  cronjobConcurrencyPolicy,
  deploymentMaxUnavailable,
  jobBackoffLimit,
  jobTtl,
  safeToEvictFalse,
  statefulsetHeadlessService,
  hpaMaxNotAboveMin,
  hpaMetricWithoutRequests,
  hpaMinReplicas,
  hpaTargetMissing,
  replicasWithHpa,
  vpaBounds,
  vpaHpaConflict,
  vpaTargetMissing,
  credentialsInEnv,
  secretDataKeyAge,
  secretPlaintextInManifest,
  secretViaEnv,
  secretsWithoutExternalManager,
  podAntiAffinity,
  spreadSelectorMismatch,
  zoneSpread,
  storageclassEncryption,
  allowPrivilegeEscalation,
  automountServiceAccountToken,
  automountTokenNotChosen,
  hostIpc,
  hostNetwork,
  hostPathVolume,
  hostPid,
  privilegedContainer,
  readOnlyRootFilesystem,
  runAsNonRoot,
];

import type { Check } from './define-check.js';
import { noExpiredException } from './config/no-expired-exception.js';
import { noUnusedException } from './config/no-unused-exception.js';
import { requireSuppressionReason } from './config/require-suppression-reason.js';
import { noDanglingService } from './network/no-dangling-service.js';
import { noExposedService } from './network/no-exposed-service.js';
import { noServiceExternalIps } from './network/no-service-external-ips.js';
import { requireNamespacePodSecurityEnforce } from './network/require-namespace-pod-security-enforce.js';
import { requireNetworkPolicy } from './network/require-network-policy.js';
import { noAllowAllEgressPolicy } from './network/no-allow-all-egress-policy.js';
import { noAllowAllIngressPolicy } from './network/no-allow-all-ingress-policy.js';
import { noEgressToAnyAddress } from './network/no-egress-to-any-address.js';
import { noNetworkPolicyPeerMatchingNothing } from './network/no-network-policy-peer-matching-nothing.js';
import { noNetworkPolicySelectingNothing } from './network/no-network-policy-selecting-nothing.js';
import { requireNamespaceDefaultDenyEgress } from './network/require-namespace-default-deny-egress.js';
import { requireNamespaceDefaultDenyIngress } from './network/require-namespace-default-deny-ingress.js';
import { noPrivilegedContainer } from './pss/no-privileged-container.js';
import { noHostNetwork } from './pss/no-host-network.js';
import { noHostPid } from './pss/no-host-pid.js';
import { noHostIpc } from './pss/no-host-ipc.js';
import { noHostProcess } from './pss/no-host-process.js';
import { noUnsafeCapabilities } from './pss/no-unsafe-capabilities.js';
import { noHostPathVolume } from './pss/no-host-path-volume.js';
import { noHostPort } from './pss/no-host-port.js';
import { noUnsafeApparmorProfile } from './pss/no-unsafe-apparmor-profile.js';
import { noUnsafeSelinuxOptions } from './pss/no-unsafe-selinux-options.js';
import { noUnmaskedProcMount } from './pss/no-unmasked-proc-mount.js';
import { noUnconfinedSeccomp } from './pss/no-unconfined-seccomp.js';
import { noUnsafeSysctls } from './pss/no-unsafe-sysctls.js';
import { noDisallowedVolumeTypes } from './pss/no-disallowed-volume-types.js';
import { noPrivilegeEscalation } from './pss/no-privilege-escalation.js';
import { requireRunAsNonRoot } from './pss/require-run-as-non-root.js';
import { noRunAsRootUser } from './pss/no-run-as-root-user.js';
import { requireSeccompProfile } from './pss/require-seccomp-profile.js';
import { requireDropAllCapabilities } from './pss/require-drop-all-capabilities.js';
import { noAddedCapabilities } from './pss/no-added-capabilities.js';
import { requireReadOnlyRootFilesystem } from './workload/require-read-only-root-filesystem.js';
import { requireCpuRequests } from './workload/require-cpu-requests.js';
import { requireMemoryRequests } from './workload/require-memory-requests.js';
import { requireCpuLimits } from './workload/require-cpu-limits.js';
import { requireMemoryLimits } from './workload/require-memory-limits.js';
import { noLatestImageTag } from './workload/no-latest-image-tag.js';
import { requireImageDigest } from './workload/require-image-digest.js';
import { requireTrustedRegistry } from './workload/require-trusted-registry.js';
import { noContainerRuntimeSocketMount } from './workload/no-container-runtime-socket-mount.js';
import { noSensitiveHostPathMount } from './workload/no-sensitive-host-path-mount.js';
import { noWritableHostPathMount } from './workload/no-writable-host-path-mount.js';
import { noSshPort } from './workload/no-ssh-port.js';
import { noClusterAdminBinding } from './rbac/no-cluster-admin-binding.js';
import { noImproperAggregation } from './rbac/no-improper-aggregation.js';
import { noDuplicateGrant } from './rbac/no-duplicate-grant.js';
import { noUnusedRole } from './rbac/no-unused-role.js';
import { noBindingToMissingSubject } from './rbac/no-binding-to-missing-subject.js';
import { noBindingToMissingRole } from './rbac/no-binding-to-missing-role.js';
import { noPowerfulServiceAccount } from './rbac/no-powerful-service-account.js';
import { noSecretsAccess } from './rbac/no-secrets-access.js';
import { noPodCreateAccess } from './rbac/no-pod-create-access.js';
import { noPodExecAccess } from './rbac/no-pod-exec-access.js';
import { noRbacEscalationAccess } from './rbac/no-rbac-escalation-access.js';
import { noImpersonationAccess } from './rbac/no-impersonation-access.js';
import { noNodeProxyAccess } from './rbac/no-node-proxy-access.js';
import { noTokenRequestAccess } from './rbac/no-token-request-access.js';
import { noCsrApprovalAccess } from './rbac/no-csr-approval-access.js';
import { noAdmissionWebhookAccess } from './rbac/no-admission-webhook-access.js';
import { noCrdAccess } from './rbac/no-crd-access.js';
import { noPersistentVolumeAccess } from './rbac/no-persistent-volume-access.js';
import { noNetworkPolicyAccess } from './rbac/no-network-policy-access.js';
import { noStatusPatchAccess } from './rbac/no-status-patch-access.js';
import { noWildcardRbacRule } from './rbac/no-wildcard-rbac-rule.js';
import { noInlineSecretData } from './secrets/no-inline-secret-data.js';
import { noSecretInEnv } from './secrets/no-secret-in-env.js';
import { noSecretInConfigmap } from './secrets/no-secret-in-configmap.js';
import { noSecretKeyRefEnv } from './secrets/no-secret-key-ref-env.js';
import { noAutomountedServiceAccountToken } from './workload/no-automounted-service-account-token.js';
import { noDefaultNamespace } from './workload/no-default-namespace.js';
import { noDefaultServiceAccount } from './workload/no-default-service-account.js';
import { requireApiserverAuthorizationModes } from './control-plane/require-apiserver-authorization-modes.js';
import { noApiserverTokenAuthFile } from './control-plane/no-apiserver-token-auth-file.js';
import { requireApiserverTls } from './control-plane/require-apiserver-tls.js';
import { requireApiserverAdmissionPlugins } from './control-plane/require-apiserver-admission-plugins.js';
import { requireApiserverAuditLog } from './control-plane/require-apiserver-audit-log.js';
import { requireServiceAccountHardening } from './control-plane/require-service-account-hardening.js';
import { noProfilingEndpoint } from './control-plane/no-profiling-endpoint.js';
import { requireLocalhostBindAddress } from './control-plane/require-localhost-bind-address.js';
import { requireKubeletCertificateRotation } from './control-plane/require-kubelet-certificate-rotation.js';
import { requireEtcdTls } from './control-plane/require-etcd-tls.js';
import { noKubeletAnonymousAccess } from './control-plane/no-kubelet-anonymous-access.js';
import { requireKubeletIptablesUtilChains } from './control-plane/require-kubelet-iptables-util-chains.js';
import { noPublicKubeProxyMetrics } from './control-plane/no-public-kube-proxy-metrics.js';
import { noRemovedControlPlaneFlags } from './control-plane/no-removed-control-plane-flags.js';
import { requireSecretsEncryptionAtRest } from './control-plane/require-secrets-encryption-at-rest.js';
import { noWeakEncryptionProvider } from './control-plane/no-weak-encryption-provider.js';
import { requireAuditPolicy } from './control-plane/require-audit-policy.js';
import { noSecretValuesInAuditLog } from './control-plane/no-secret-values-in-audit-log.js';
import { noUnsupportedKubernetesVersion } from './control-plane/no-unsupported-kubernetes-version.js';
import { requireContainerOptimizedOs } from './control-plane/require-container-optimized-os.js';
import { requireMinimalBaseImage } from './dockerfile/require-minimal-base-image.js';
import { requireTrustedBaseRegistry } from './dockerfile/require-trusted-base-registry.js';
import { requireExplicitBaseRegistry } from './dockerfile/require-explicit-base-registry.js';
import { requireNonRootUser } from './dockerfile/require-non-root-user.js';
import { noLatestBaseImage } from './dockerfile/no-latest-base-image.js';
import { requireBaseImageDigest } from './dockerfile/require-base-image-digest.js';
import { noAddUrlWithoutChecksum } from './dockerfile/no-add-url-without-checksum.js';
import { noCurlPipeToShell } from './dockerfile/no-curl-pipe-to-shell.js';
import { requirePinnedPackageVersions } from './dockerfile/require-pinned-package-versions.js';
import { noPackageUpgrade } from './dockerfile/no-package-upgrade.js';
import { noSecretInDockerfile } from './dockerfile/no-secret-in-dockerfile.js';
import { noSecretBuildArg } from './dockerfile/no-secret-build-arg.js';
import { noCopiedSecretFile } from './dockerfile/no-copied-secret-file.js';
import { requireHealthcheck } from './dockerfile/require-healthcheck.js';
import { noSudo } from './dockerfile/no-sudo.js';
import { noSetuidChmod } from './dockerfile/no-setuid-chmod.js';
import { noWorldWritableChmod } from './dockerfile/no-world-writable-chmod.js';
import { noSshPortExposed } from './dockerfile/no-ssh-port-exposed.js';
import { noSudoOrSshServerInstalled } from './dockerfile/no-sudo-or-ssh-server-installed.js';
import { noBuildToolsInFinalImage } from './dockerfile/no-build-tools-in-final-image.js';
import { requireMultiStageBuild } from './dockerfile/require-multi-stage-build.js';
import { noAddForLocalFiles } from './dockerfile/no-add-for-local-files.js';
import { requireAptNoInstallRecommends } from './dockerfile/require-apt-no-install-recommends.js';
import { requireAptListsCleanup } from './dockerfile/require-apt-lists-cleanup.js';
import { requireApkNoCache } from './dockerfile/require-apk-no-cache.js';
import { requirePipNoCacheDir } from './dockerfile/require-pip-no-cache-dir.js';
import { noRunCd } from './dockerfile/no-run-cd.js';
import { requireAbsoluteWorkdir } from './dockerfile/require-absolute-workdir.js';
import { requireExecFormCmdEntrypoint } from './dockerfile/require-exec-form-cmd-entrypoint.js';
import { noMultipleCmdEntrypointHealthcheck } from './dockerfile/no-multiple-cmd-entrypoint-healthcheck.js';
import { noCopyFromUnknownStage } from './dockerfile/no-copy-from-unknown-stage.js';
import { noMaintainer } from './dockerfile/no-maintainer.js';

/** The explicit registry: a check exists for users when, and only when, it is listed here. */
export const BUILTIN_CHECKS: Check[] = [
  // Pod Security Standards: baseline
  noPrivilegedContainer,
  noHostNetwork,
  noHostPid,
  noHostIpc,
  noHostProcess,
  noUnsafeCapabilities,
  noHostPathVolume,
  noHostPort,
  noUnsafeApparmorProfile,
  noUnsafeSelinuxOptions,
  noUnmaskedProcMount,
  noUnconfinedSeccomp,
  noUnsafeSysctls,
  // Pod Security Standards: restricted
  noDisallowedVolumeTypes,
  noPrivilegeEscalation,
  requireRunAsNonRoot,
  noRunAsRootUser,
  requireSeccompProfile,
  requireDropAllCapabilities,
  noAddedCapabilities,
  // Workload hygiene
  requireReadOnlyRootFilesystem,
  requireCpuRequests,
  requireMemoryRequests,
  requireCpuLimits,
  requireMemoryLimits,
  noLatestImageTag,
  requireImageDigest,
  requireTrustedRegistry,
  noContainerRuntimeSocketMount,
  noSensitiveHostPathMount,
  noWritableHostPathMount,
  noSshPort,
  noDefaultNamespace,
  noDefaultServiceAccount,
  noAutomountedServiceAccountToken,
  // Services and network
  noExposedService,
  noServiceExternalIps,
  requireNamespacePodSecurityEnforce,
  requireNetworkPolicy,
  noDanglingService,
  // NetworkPolicies
  requireNamespaceDefaultDenyIngress,
  requireNamespaceDefaultDenyEgress,
  noNetworkPolicySelectingNothing,
  noNetworkPolicyPeerMatchingNothing,
  noAllowAllIngressPolicy,
  noAllowAllEgressPolicy,
  noEgressToAnyAddress,
  // Control plane and nodes (CIS Kubernetes Benchmark 1.12, encryption at rest, audit policy, versions)
  requireApiserverAuthorizationModes,
  noApiserverTokenAuthFile,
  requireApiserverTls,
  requireApiserverAdmissionPlugins,
  requireApiserverAuditLog,
  requireServiceAccountHardening,
  noProfilingEndpoint,
  requireLocalhostBindAddress,
  requireKubeletCertificateRotation,
  requireEtcdTls,
  noKubeletAnonymousAccess,
  requireKubeletIptablesUtilChains,
  noPublicKubeProxyMetrics,
  noRemovedControlPlaneFlags,
  requireSecretsEncryptionAtRest,
  noWeakEncryptionProvider,
  requireAuditPolicy,
  noSecretValuesInAuditLog,
  noUnsupportedKubernetesVersion,
  requireContainerOptimizedOs,
  // Dockerfiles (image build practices)
  requireMinimalBaseImage,
  requireTrustedBaseRegistry,
  requireExplicitBaseRegistry,
  requireNonRootUser,
  noLatestBaseImage,
  requireBaseImageDigest,
  noAddUrlWithoutChecksum,
  noCurlPipeToShell,
  requirePinnedPackageVersions,
  noPackageUpgrade,
  noSecretInDockerfile,
  noSecretBuildArg,
  noCopiedSecretFile,
  requireHealthcheck,
  noSudo,
  noSetuidChmod,
  noWorldWritableChmod,
  noSshPortExposed,
  noSudoOrSshServerInstalled,
  noBuildToolsInFinalImage,
  requireMultiStageBuild,
  noAddForLocalFiles,
  requireAptNoInstallRecommends,
  requireAptListsCleanup,
  requireApkNoCache,
  requirePipNoCacheDir,
  noRunCd,
  requireAbsoluteWorkdir,
  requireExecFormCmdEntrypoint,
  noMultipleCmdEntrypointHealthcheck,
  noCopyFromUnknownStage,
  noMaintainer,
  // RBAC: the classic mistakes and escalation paths
  noClusterAdminBinding,
  noImproperAggregation,
  noDuplicateGrant,
  noUnusedRole,
  noBindingToMissingSubject,
  noBindingToMissingRole,
  noPowerfulServiceAccount,
  // RBAC: risky permissions
  noSecretsAccess,
  noPodCreateAccess,
  noPodExecAccess,
  noRbacEscalationAccess,
  noImpersonationAccess,
  noNodeProxyAccess,
  noTokenRequestAccess,
  noCsrApprovalAccess,
  noAdmissionWebhookAccess,
  noCrdAccess,
  noPersistentVolumeAccess,
  noNetworkPolicyAccess,
  noStatusPatchAccess,
  noWildcardRbacRule,
  // Secrets in manifests
  noInlineSecretData,
  noSecretInEnv,
  noSecretInConfigmap,
  noSecretKeyRefEnv,
  // Suppression and config hygiene (raised by the engine)
  requireSuppressionReason,
  noUnusedException,
  noExpiredException,
];

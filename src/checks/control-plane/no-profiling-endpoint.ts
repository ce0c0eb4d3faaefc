import { defineCisSettingsCheck } from './cis-settings-check.js';

export const noProfilingEndpoint = defineCisSettingsCheck({
  id: 'no-profiling-endpoint',
  severity: 'low',
  cis: ['1.2.15', '1.3.2', '1.4.1'],
  kinds: ['Workload', 'ComponentProcess'],
  summary: 'The API server, controller manager and scheduler must not expose profiling endpoints.',
  rationale:
    '--profiling defaults to true and serves /debug/pprof, which reveals the internals of the program, lets callers trigger expensive CPU and heap profiles (a cheap denial of service) and is rarely needed in production.',
  remediation:
    'Set --profiling=false on kube-apiserver, kube-controller-manager and kube-scheduler.',
  references: [{ url: 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/' }],
});

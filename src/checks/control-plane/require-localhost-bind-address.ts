import { defineCisSettingsCheck } from './cis-settings-check.js';

export const requireLocalhostBindAddress = defineCisSettingsCheck({
  id: 'require-localhost-bind-address',
  severity: 'medium',
  cis: ['1.3.7', '1.4.2'],
  kinds: ['Workload', 'ComponentProcess'],
  summary: 'The controller manager and the scheduler must serve their health and metrics port on 127.0.0.1 only.',
  rationale:
    'kube-controller-manager and kube-scheduler listen on all interfaces by default (--bind-address 0.0.0.0), exposing their /metrics, /healthz and, with profiling on, /debug/pprof endpoints to everything that can reach the node: information for an attacker and a denial-of-service target that nothing else needs. kube-bench passes CIS 1.3.7 and 1.4.2 when the flag is absent; Bulwark also reports the absent flag because the Kubernetes default is 0.0.0.0.',
  remediation:
    'Set --bind-address=127.0.0.1 on kube-controller-manager and kube-scheduler.',
  references: [{ url: 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-scheduler/' }],
  messages: { unsetDefaultsToAll: '{{component}} does not set --bind-address, so it listens on 0.0.0.0 (all interfaces); set --bind-address=127.0.0.1.' },
  extra(_obj, ctx, instances) {
    for (const inst of instances) {
      if (inst.component !== 'kube-controller-manager' && inst.component !== 'kube-scheduler') continue;
      if (inst.args.has('--bind-address')) continue;
      const cis = inst.component === 'kube-scheduler' ? '1.4.2' : '1.3.7';
      ctx.report({ messageId: 'unsetDefaultsToAll', data: { component: inst.component }, path: inst.argvPointer, references: [{ cis }] });
    }
  },
});

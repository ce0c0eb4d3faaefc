import { defineCheck } from '../define-check.js';
import { dockerfileAnalyzer } from '../../analyzers/dockerfile/dockerfile-analyzer.js';
import { installedInFinalImage } from './installed-packages.js';
import { instructionPath } from './instruction-semantics.js';

/** Package name → what it gives. Alpine's and Arch's "openssh" include the server; Debian's "ssh" pulls openssh-server. */
const PRIVILEGED_PACKAGES: Record<string, string> = {
  sudo: 'sudo',
  'sudo-ldap': 'sudo',
  doas: 'doas (a sudo replacement)',
  'opendoas': 'doas (a sudo replacement)',
  'openssh-server': 'an SSH server',
  'openssh-server-pam': 'an SSH server',
  openssh: 'an SSH server',
  ssh: 'an SSH server',
  dropbear: 'an SSH server',
  'dropbear-bin': 'an SSH server',
  telnetd: 'a telnet server',
  'inetutils-telnetd': 'a telnet server',
};

export const noSudoOrSshServerInstalled = defineCheck({
  meta: {
    id: 'no-sudo-or-ssh-server-installed',
    category: 'dockerfile',
    severity: 'medium',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: 'The final image must not install sudo, doas or an SSH (or telnet) server.',
    rationale:
      'sudo in a container is a ready-made privilege-escalation path: a process running as the non-root USER that finds a sudoers entry (or a setuid sudo with a known bug, such as CVE-2021-3156) becomes root. An SSH server adds a network login with its own credentials that bypasses `kubectl exec` auditing and RBAC. Installs are read from apt/apk/yum/dnf/zypper/pacman commands in the final stage and the stages it is built FROM; a package removed again later (apt-get purge, apk del of its virtual group) is not reported; build stages are not (their packages do not ship).',
    remediation:
      'Do not install these packages in the final image: do root work before USER at build time, use gosu/su-exec to drop privileges at startup, and use `kubectl exec`/`kubectl debug` instead of SSH.',
    references: [{ url: 'https://docs.docker.com/build/building/best-practices/#user' }, { url: 'https://docs.docker.com/build/building/multi-stage/' }],
    messages: {
      installed: '"{{pkg}}" ({{what}}) is installed into the final image by {{tool}}.',
    },
  },
  check(obj, ctx) {
    const model = ctx.facts.get(dockerfileAnalyzer).of(obj);
    if (!model) return;
    for (const p of installedInFinalImage(model)) {
      const what = PRIVILEGED_PACKAGES[p.name];
      if (!what) continue;
      ctx.report({ messageId: 'installed', data: { pkg: p.name, what, tool: p.tool }, path: instructionPath(p.command.run.instruction), line: p.line });
    }
  },
});

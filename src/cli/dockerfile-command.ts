import type { Command } from 'commander';
import { BUILTIN_CHECKS } from '../checks/index.js';
import { anyGlobMatches, globMatches } from '../policy/glob.js';
import { addScanOptions, runScan, type ScanFlags } from './scan-command.js';

/** `bulwark dockerfile <file...>`: the scan pipeline on Dockerfiles only, with the Dockerfile checks (and suppression hygiene). */
export function registerDockerfileCommand(program: Command, setExitCode: (code: number) => void): void {
  const command = program
    .command('dockerfile')
    .description('Check Dockerfiles (files of any name, directories searched for Dockerfile, *.Dockerfile, Dockerfile.*, Containerfile; `-` for stdin) for insecure image builds.')
    .argument('<paths...>', 'Dockerfiles or directories; `-` reads a Dockerfile from stdin');
  addScanOptions(command, { helm: false }).action(async (paths: string[], flags: ScanFlags) => {
    const checks = BUILTIN_CHECKS.filter((c) => c.meta.category === 'dockerfile' || c.meta.category === 'config');
    const ids = checks.map((c) => c.meta.id);
    setExitCode(
      await runScan(paths, { ...flags, helm: [] }, {
        onlyDockerfiles: true,
        checks,
        requireObjects: 'no Dockerfile found (looked for Dockerfile, *.Dockerfile, Dockerfile.*, Containerfile)',
        // Exceptions about Kubernetes objects cannot match here; leave them out rather than report them unused.
        keepException: (e) =>
          anyGlobMatches(e.kinds, 'Dockerfile') &&
          anyGlobMatches(e.namespaces, '') &&
          (e.checks === undefined || e.checks.some((p) => ids.some((id) => globMatches(p, id)))),
      }),
    );
  });
}

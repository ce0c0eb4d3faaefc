import type { Command } from 'commander';
import { BUILTIN_CHECKS } from '../checks/index.js';
import { anyGlobMatches, globMatches } from '../policy/glob.js';
import { REPORTERS } from '../reporters/index.js';
import { runScan, type ScanFlags } from './scan-command.js';

/** `bulwark dockerfile <file...>`: the scan pipeline on Dockerfiles only, with the Dockerfile checks (and suppression hygiene). */
export function registerDockerfileCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('dockerfile')
    .description('Check Dockerfiles (files of any name, directories searched for Dockerfile, *.Dockerfile, Dockerfile.*, Containerfile; `-` for stdin) for insecure image builds.')
    .argument('<paths...>', 'Dockerfiles or directories; `-` reads a Dockerfile from stdin')
    .option('-f, --format <format>', `output format: ${Object.keys(REPORTERS).join(', ')}`, 'text')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('-c, --config <file>', 'config file (default: nearest .bulwark.yaml at or above the first path)')
    .option('--fail-on <severity>', 'exit 1 when an unsuppressed finding is at or above this severity (default: high)')
    .option('--max-file-size <MiB>', 'skip files larger than this', '64')
    .option('--checks <ids>', 'run only these checks (comma-separated)')
    .option('--skip-checks <ids>', 'do not run these checks (comma-separated)')
    .option('--show-suppressed', 'list suppressed findings in text output')
    .option('--no-color', 'disable colors (also off when stdout is not a TTY or NO_COLOR is set)')
    .action(async (paths: string[], flags: ScanFlags) => {
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

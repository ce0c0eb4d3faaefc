#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../policy/config.js';
import { registerChecksCommand } from './checks-command.js';
import { registerCisCommand } from './cis-command.js';
import { registerDockerfileCommand } from './dockerfile-command.js';
import { EXIT_CLEAN, EXIT_USAGE_OR_INPUT, UsageError } from './exit-codes.js';
import { registerNetpolCommand } from './netpol-command.js';
import { registerRbacCommand } from './rbac-command.js';
import { registerScanCommand } from './scan-command.js';
import { TOOL_VERSION } from './version.js';
import { registerWebhookCommand } from './webhook-command.js';
import { registerPolicyCommand } from './policy-command.js';

// `bulwark scan … | head` closes stdout early; that is not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_CLEAN);
});

async function main(argv: string[]): Promise<number> {
  let exitCode = EXIT_CLEAN;
  const program = new Command('bulwark')
    .description('Kubernetes security scanner: workloads, secrets, RBAC, network policies, control plane, images.')
    .version(TOOL_VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerScanCommand(program, (code) => (exitCode = code));
  registerChecksCommand(program);
  registerRbacCommand(program, (code) => (exitCode = code));
  registerNetpolCommand(program, (code) => (exitCode = code));
  registerCisCommand(program, (code) => (exitCode = code));
  registerDockerfileCommand(program, (code) => (exitCode = code));
  registerPolicyCommand(program, (code) => (exitCode = code));
  registerWebhookCommand(program, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit 0; every other parse error is a usage error.
      return err.exitCode === 0 ? EXIT_CLEAN : EXIT_USAGE_OR_INPUT;
    }
    if (err instanceof UsageError || err instanceof ConfigError) {
      process.stderr.write(`bulwark: ${err.message}\n`);
      return EXIT_USAGE_OR_INPUT;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`bulwark: internal error: ${message}${process.env.BULWARK_DEBUG ? `\n${(err as Error).stack}` : ' (set BULWARK_DEBUG=1 for details)'}\n`);
    return EXIT_USAGE_OR_INPUT;
  }
  return exitCode;
}

main(process.argv).then((code) => {
  process.exitCode = code;
});

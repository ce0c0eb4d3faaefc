import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import pc from 'picocolors';
import { BUILTIN_CHECKS } from '../checks/index.js';
import { compilePolicyChecks } from '../policy/custom/index.js';
import { runPolicyTests, type TestCaseResult } from '../policy/custom/policy-test.js';
import { exportVap } from '../policy/vap/export-vap.js';
import { displayPath } from '../sources/read-inputs.js';
import { EXIT_CLEAN, EXIT_FINDINGS, UsageError } from './exit-codes.js';
import { collect } from './inputs.js';
import { loadConfigWithPolicies } from './scan-command.js';

interface PolicyFlags {
  config?: string;
  policies?: string[];
}

export function registerPolicyCommand(program: Command, setExitCode: (code: number) => void): void {
  const policy = program.command('policy').description('Custom CEL policies (kind: BulwarkPolicy): unit tests and export to ValidatingAdmissionPolicy.');

  policy
    .command('test')
    .description('Run BulwarkPolicyTest files: each names policies, resources and the expected result (pass, fail, skip, error) per resource.')
    .argument('<path>', 'a test file, or a directory searched for *.yaml files with kind: BulwarkPolicyTest')
    .option('-c, --config <file>', 'config whose policies are tested when a test file names none (default: nearest .bulwark.yaml)')
    .option('--policies <path>', 'extra policy files or directories (repeatable)', collect, [])
    .option('-f, --format <format>', 'text or json', 'text')
    .option('--no-color', 'disable colors')
    .action(async (path: string, flags: PolicyFlags & { format: string; color?: boolean }) => {
      if (flags.format !== 'text' && flags.format !== 'json') throw new UsageError(`unknown format "${flags.format}" (expected text or json)`);
      const config = loadConfigWithPolicies(flags.config, path, flags.policies ?? []);
      const run = await runPolicyTests(path, config.policies);
      if (run.results.length === 0) throw new UsageError(`no BulwarkPolicyTest found under ${path}`);
      const failed = run.results.filter((r) => !r.ok);
      if (flags.format === 'json') {
        process.stdout.write(`${JSON.stringify({ passed: run.results.length - failed.length, failed: failed.length, results: run.results.map((r) => ({ ...r, testFile: displayPath(r.testFile) })) }, null, 2)}\n`);
      } else {
        const color = flags.color !== false && process.stdout.isTTY === true && !process.env.NO_COLOR;
        process.stdout.write(renderTestResults(run.results, color));
      }
      setExitCode(failed.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN);
    });

  policy
    .command('export')
    .description('Compile custom policies (and built-in checks expressible in CEL) into ValidatingAdmissionPolicy + Binding objects.')
    .option('--format <format>', 'output format (vap: admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy)', 'vap')
    .option('-c, --config <file>', 'config file (default: nearest .bulwark.yaml at or above the current directory)')
    .option('--policies <path>', 'extra policy files or directories (repeatable)', collect, [])
    .option('--no-builtins', 'export only custom policies')
    .option('-o, --output <file>', 'write the YAML to a file instead of stdout')
    .action((flags: PolicyFlags & { format: string; builtins: boolean; output?: string }) => {
      if (flags.format !== 'vap') throw new UsageError(`unknown format "${flags.format}" (expected vap)`);
      const config = loadConfigWithPolicies(flags.config, '.', flags.policies ?? []);
      compilePolicyChecks(config.policies); // compile errors first, with file and line
      // exportVap lists checks disabled in the config among the skipped ones, with that reason.
      const result = exportVap({ policies: config.policies, builtins: BUILTIN_CHECKS, config, includeBuiltins: flags.builtins });
      if (flags.output) writeFileSync(flags.output, result.yaml);
      else process.stdout.write(result.yaml);
      const exported = result.objects.filter((o) => o.kind === 'ValidatingAdmissionPolicy').length;
      process.stderr.write(`bulwark: exported ${exported} ValidatingAdmissionPolicies with their bindings${flags.output ? ` to ${flags.output}` : ''}; ${result.skipped.length} not exportable:\n`);
      for (const s of result.skipped) process.stderr.write(`  ${s.id}: ${s.reason}\n`);
    });
}

export function renderTestResults(results: TestCaseResult[], color: boolean): string {
  const c = color ? pc : { green: (s: string) => s, red: (s: string) => s, dim: (s: string) => s, bold: (s: string) => s };
  const lines: string[] = [];
  let file = '';
  for (const r of results) {
    if (r.testFile !== file) {
      file = r.testFile;
      lines.push(c.bold(displayPath(file)));
    }
    const verdict = r.ok ? c.green('PASS') : c.red('FAIL');
    lines.push(`  ${verdict}  ${r.policy}  ${r.resource}  ${r.expected === r.actual ? r.actual : `expected ${r.expected}, got ${r.actual}`}`);
    if (!r.ok) {
      for (const m of r.missingMessages) lines.push(c.red(`        expected a message containing: ${m}`));
      for (const m of r.messages) lines.push(c.dim(`        ${m}`));
    }
  }
  const failed = results.filter((r) => !r.ok).length;
  lines.push('', `Policy tests: ${results.length - failed} passed, ${failed} failed (${results.length} in all)`);
  return `${lines.join('\n')}\n`;
}

import { defineCheck } from '../define-check.js';
import { dockerfileAnalyzer } from '../../analyzers/dockerfile/dockerfile-analyzer.js';
import type { DockerfileModel } from '../../analyzers/dockerfile/types.js';
import { installedInFinalImage } from './installed-packages.js';
import { hasOption, instructionPath, shippingStages, stageCommands, variablesBefore, type Command } from './instruction-semantics.js';

/** OS package name patterns (apt, apk, rpm, pacman spellings) → what the package is. Extend here. */
const TOOL_PACKAGES: { pattern: RegExp; what: string; kind: 'build' | 'debug' }[] = [
  { pattern: /^(?:gcc|g\+\+|gcc-c\+\+|cpp|clang|clang\+\+|llvm|tcc|gfortran)(?:-\d+(?:\.\d+)*)?$/, what: 'a C/C++ compiler', kind: 'build' },
  { pattern: /^(?:build-essential|build-base|base-devel|alpine-sdk)$/, what: 'a compiler toolchain', kind: 'build' },
  { pattern: /^(?:make|cmake|ninja-build|ninja|autoconf|automake|libtool|bison|flex|meson|scons)$/, what: 'a build tool', kind: 'build' },
  { pattern: /^(?:golang|golang-go|go|golang-\d+(?:\.\d+)*(?:-go)?|golang-bin)$/, what: 'the Go toolchain', kind: 'build' },
  { pattern: /^(?:maven|gradle|ant|sbt)$/, what: 'a Java build tool', kind: 'build' },
  { pattern: /^(?:cargo|rustc|rust|rustup)$/, what: 'the Rust toolchain', kind: 'build' },
  { pattern: /^(?:gdb|gdbserver|lldb|valgrind)$/, what: 'a debugger', kind: 'debug' },
  { pattern: /^(?:strace|ltrace)$/, what: 'a tracer', kind: 'debug' },
  { pattern: /^(?:tcpdump|tshark|wireshark|nmap|nmap-ncat|ncat|netcat|netcat-openbsd|netcat-traditional|nc|socat|telnet|hping3)$/, what: 'a network tool', kind: 'debug' },
];

function toolOf(name: string) {
  return TOOL_PACKAGES.find((t) => t.pattern.test(name));
}

/** `npm install` / `npm ci` that installs devDependencies (no --omit=dev, --production, NODE_ENV=production), unless pruned later. */
function npmDevInstalls(model: DockerfileModel): Command[] {
  const out: Command[] = [];
  for (const stage of shippingStages(model)) {
    for (const cmd of stageCommands(stage)) {
      if (cmd.argv[0] !== 'npm') continue;
      const words = cmd.argv.slice(1);
      const sub = words.find((w) => !w.startsWith('-'));
      const options = words.filter((w) => w.startsWith('-'));
      if (sub === 'prune' && (hasOption(options, ['--production', '--omit']) || cmd.assignments.get('NODE_ENV') === 'production')) {
        out.length = 0;
        continue;
      }
      if (!['install', 'i', 'ci', 'clean-install', 'install-clean', 'ic'].includes(sub ?? '')) continue;
      // Named packages (`npm install -g pm2`) install those, not the project's devDependencies.
      if (words.filter((w) => !w.startsWith('-')).length > 1 || hasOption(options, ['-g', '--global'])) continue;
      const omitsDev =
        options.some((o) => o === '--production' || o === '--omit=dev' || o === '--only=prod' || o === '--only=production' || o === '--production=true') ||
        words.some((w, i) => (w === '--omit' || w === '--only') && /^(?:dev|prod|production)$/.test(words[i + 1] ?? ''));
      if (omitsDev) continue;
      const env = new Map([...variablesBefore(model, stage, cmd.run.instruction.index), ...cmd.assignments]);
      const lower = new Map([...env].map(([k, v]) => [k.toLowerCase(), v.toLowerCase()]));
      if (lower.get('node_env') === 'production' || lower.get('npm_config_omit') === 'dev' || lower.get('npm_config_production') === 'true') continue;
      out.push(cmd);
    }
  }
  return out;
}

export const noBuildToolsInFinalImage = defineCheck({
  meta: {
    id: 'no-build-tools-in-final-image',
    category: 'dockerfile',
    severity: 'low',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: 'The final image must not contain compilers, build tools, debuggers or network tools.',
    rationale:
      'Whatever the final image contains is available to an attacker who gets code execution in the container: a compiler (gcc, go, cargo) builds exploits on the spot, make/cmake/maven/gradle fetch and run arbitrary code, gdb/strace read other processes\' memory and secrets, and netcat/nmap/tcpdump/socat open reverse shells, scan the cluster network and sniff traffic. They also add hundreds of packages of CVEs. Installs are read from apt/apk/yum/dnf/zypper/pacman in the final stage and the stages it is built FROM (a multi-stage build\'s build stages are fine), packages removed again (apt-get purge, apk del of a --virtual group) do not count, and `npm install`/`npm ci` without --omit=dev (or NODE_ENV=production) ships devDependencies.',
    remediation:
      'Build in a separate stage (`FROM golang:1.22 AS build … FROM gcr.io/distroless/static` + `COPY --from=build`), install only runtime packages in the final stage, remove temporary build dependencies in the same RUN (`apk add --virtual .build-deps … && apk del .build-deps`), use `npm ci --omit=dev`, and debug with `kubectl debug` ephemeral containers instead of shipping debuggers.',
    references: [{ url: 'https://docs.docker.com/build/building/multi-stage/' }, { url: 'https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/#ephemeral-container' }],
    messages: {
      buildTool: '"{{pkg}}" ({{what}}) is installed into the final image by {{tool}}.',
      debugTool: '"{{pkg}}" ({{what}}) is installed into the final image by {{tool}}.',
      devDependencies: '`npm {{sub}}` installs devDependencies into the final image (no --omit=dev or NODE_ENV=production).',
    },
  },
  check(obj, ctx) {
    const model = ctx.facts.get(dockerfileAnalyzer).of(obj);
    if (!model) return;
    for (const p of installedInFinalImage(model)) {
      const tool = toolOf(p.name);
      if (!tool) continue;
      ctx.report({ messageId: tool.kind === 'build' ? 'buildTool' : 'debugTool', data: { pkg: p.name, what: tool.what, tool: p.tool }, path: instructionPath(p.command.run.instruction), line: p.line });
    }
    for (const cmd of npmDevInstalls(model)) {
      const sub = cmd.argv.slice(1).find((w) => !w.startsWith('-')) ?? 'install';
      ctx.report({ messageId: 'devDependencies', data: { sub }, path: instructionPath(cmd.run.instruction), line: cmd.line });
    }
  },
});

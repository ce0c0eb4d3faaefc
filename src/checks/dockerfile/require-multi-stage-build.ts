import { defineCheck } from '../define-check.js';
import { dockerfileAnalyzer } from '../../analyzers/dockerfile/dockerfile-analyzer.js';
import { instructionPath, shippingStages, stageCommands, type Command } from './instruction-semantics.js';

/** What a command compiles or packages, or undefined. */
function compileStep(cmd: Command): string | undefined {
  const [prog, ...args] = cmd.argv;
  const sub = args.find((w) => !w.startsWith('-'));
  switch (prog) {
    case 'go':
      return sub === 'build' || sub === 'install' ? `go ${sub}` : undefined;
    case 'mvn':
    case 'mvnw':
      return args.some((a) => /^(?:package|install|verify|compile|deploy|[\w.-]+:(?:repackage|build|compile))$/.test(a)) ? `${prog} ${args.find((a) => /^(?:package|install|verify|compile|deploy)$/.test(a)) ?? 'build'}` : undefined;
    case 'gradle':
    case 'gradlew':
      return args.some((a) => /^(?:build|assemble|jar|bootJar|shadowJar|installDist|distTar|war|compileJava|:?[\w:-]*(?:build|assemble|jar|Jar))$/.test(a)) ? `${prog} ${sub ?? 'build'}` : undefined;
    case 'cargo':
      return sub === 'build' || sub === 'install' ? `cargo ${sub}` : undefined;
    case 'gcc':
    case 'g++':
    case 'cc':
    case 'c++':
    case 'clang':
    case 'clang++':
    case 'javac':
    case 'rustc':
    case 'tsc':
      return prog;
    case 'make':
    case 'cmake':
    case 'ninja':
      return prog === 'cmake' && args.some((a) => a === '--version') ? undefined : prog;
    case 'dotnet':
      return sub === 'publish' || sub === 'build' ? `dotnet ${sub}` : undefined;
    case 'npm':
    case 'yarn':
    case 'pnpm': {
      const script = sub === 'run' || sub === 'run-script' ? args.filter((w) => !w.startsWith('-'))[1] : prog === 'npm' ? undefined : sub;
      return script !== undefined && /^(?:build|compile|dist|bundle)(?::|$)/.test(script) ? `${prog} ${sub === 'run' || sub === 'run-script' ? 'run ' : ''}${script}` : undefined;
    }
    default:
      return undefined;
  }
}

export const requireMultiStageBuild = defineCheck({
  meta: {
    id: 'require-multi-stage-build',
    category: 'dockerfile',
    severity: 'low',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: 'Code must be compiled in a build stage, not in the image that ships.',
    rationale:
      'When the image that runs also compiles (go build, mvn package, gradle build, cargo build, gcc/make, dotnet publish, npm run build), it necessarily ships the compiler, the build tool, the sources, downloaded dependencies and often credentials used to fetch them: a much larger attack surface and CVE count than the artifact alone. A multi-stage build compiles in one stage and copies only the result into a minimal final stage. Compile steps are looked for in the final stage and the stages it is built FROM; a build stage that the final stage only copies from is the fix, not a finding. Reported once, at the first compile step.',
    remediation:
      'Split the Dockerfile: `FROM <sdk image> AS build` runs the compile step, and the final stage starts from a minimal runtime image (distroless, -slim, alpine, scratch) and `COPY --from=build` only the built artifact.',
    references: [{ url: 'https://docs.docker.com/build/building/multi-stage/' }],
    messages: {
      singleStage: 'Single-stage build compiles in the image it ships ({{step}}): use a build stage and copy the artifact.',
      compilesInFinal: 'The final image compiles code ({{step}}) although the Dockerfile has build stages: move it to a build stage.',
    },
  },
  check(obj, ctx) {
    const model = ctx.facts.get(dockerfileAnalyzer).of(obj);
    if (!model) return;
    for (const stage of shippingStages(model)) {
      for (const cmd of stageCommands(stage)) {
        const step = compileStep(cmd);
        if (!step) continue;
        const messageId = model.stages.every((s) => s.shipsInFinalImage) ? 'singleStage' : 'compilesInFinal';
        ctx.report({ messageId, data: { step }, path: instructionPath(cmd.run.instruction), line: cmd.line });
        return;
      }
    }
  },
});

// WP-C's version of src/checks/dockerfile/require-non-root-user.ts (replaced in src/ by another worker
// at 14:05; kept here for the lead to choose). Differences: a third message `backToRoot` naming the
// earlier non-root USER; Chainguard / Bitnami / nginx-unprivileged also default to non-root; variable
// resolution shared with the other checks (instruction-semantics.ts variablesBefore/substitute).
import { defineCheck } from '../define-check.js';
import { dockerfileAnalyzer } from '../../analyzers/dockerfile/dockerfile-analyzer.js';
import type { DockerfileStage, ImageRef } from '../../analyzers/dockerfile/types.js';
import { hasVariable, instructionPath, shippingStages, splitWords, stagePath, substitute, variablesBefore } from './instruction-semantics.js';

/** User names that are root (or the Windows administrator account). */
const ROOT_USERS = new Set(['root', '0', 'containeradministrator']);

/** Base images documented to run as a non-root user by default: a missing USER is then not root. */
function nonRootBase(image: ImageRef): boolean {
  if (image.unresolved) return false;
  const repo = image.repository;
  const tag = image.tag ?? '';
  if (image.registry === 'gcr.io' && repo.startsWith('distroless/')) return /(?:^|-)nonroot$/.test(tag);
  if (image.registry === 'cgr.dev' && repo.startsWith('chainguard/')) return !/(?:^|-)dev$/.test(tag);
  if (repo.startsWith('bitnami/') || repo === 'nginxinc/nginx-unprivileged') return true;
  return false;
}

export const requireNonRootUser = defineCheck({
  meta: {
    id: 'require-non-root-user',
    category: 'dockerfile',
    severity: 'medium',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: 'The final image must switch to a non-root user with USER.',
    rationale:
      'A container runs as the image\'s last USER unless the runtime overrides it; without one (or with USER root, 0 or 0:0) it runs as uid 0, so a compromised process owns everything in the container, can install tools, and is one kernel or runtime bug away from root on the node. Only the final stage and the stages it is built FROM matter: a build stage\'s user never runs. ONBUILD USER applies to child images only. Variables are resolved from ARG/ENV defaults; a USER whose value cannot be known is not reported. Images documented to default to a non-root user (distroless :nonroot, Chainguard, Bitnami, nginx-unprivileged) need no USER. Overlaps hadolint DL3002, Checkov CKV_DOCKER_3/CKV_DOCKER_8 and Trivy DS002 (which also report a missing USER on those non-root base images).',
    remediation:
      'Create an unprivileged user (e.g. `RUN useradd --uid 10001 --no-create-home app`) and end the final stage with `USER 10001` (a numeric uid lets Kubernetes verify runAsNonRoot); do root-only work before it.',
    references: [
      { url: 'https://docs.docker.com/reference/dockerfile/#user' },
      { url: 'https://docs.docker.com/build/building/best-practices/#user' },
      { url: 'https://github.com/hadolint/hadolint/wiki/DL3002' },
    ],
    messages: {
      noUser: 'The final stage (FROM {{image}}) sets no USER: the container runs as root.',
      rootUser: 'The last USER of the final image is "{{user}}": the container runs as root.',
      backToRoot: 'USER "{{user}}" switches back to root after USER "{{previous}}" and is the last USER: the container runs as root.',
    },
  },
  check(obj, ctx) {
    const model = ctx.facts.get(dockerfileAnalyzer).of(obj);
    if (!model?.finalStage) return;
    const stages = shippingStages(model);
    const users: { user: string | undefined; line: number; instr: (typeof model.instructions)[number] }[] = [];
    for (const stage of stages) {
      for (const instr of stage.instructions) {
        if (instr.keyword !== 'USER') continue;
        const raw = splitWords(instr.args, model.escape)[0] ?? '';
        const resolved = hasVariable(raw) ? substitute(raw, variablesBefore(model, stage, instr.index)) : raw;
        users.push({ user: hasVariable(resolved) ? undefined : resolved, line: instr.line, instr });
      }
    }
    const last = users[users.length - 1];
    if (!last) {
      const base: DockerfileStage = stages[0] ?? model.finalStage;
      if (nonRootBase(base.image)) return;
      const final = model.finalStage;
      ctx.report({ messageId: 'noUser', data: { image: final.image.raw }, path: stagePath(final), line: final.from.line });
      return;
    }
    if (last.user === undefined) return;
    const name = last.user.split(':')[0].toLowerCase();
    if (!ROOT_USERS.has(name)) return;
    const previous = [...users].reverse().find((u) => u !== last && u.user !== undefined && !ROOT_USERS.has(u.user.split(':')[0].toLowerCase()));
    if (previous?.user !== undefined) {
      ctx.report({ messageId: 'backToRoot', data: { user: last.user, previous: previous.user }, path: instructionPath(last.instr), line: last.line });
    } else {
      ctx.report({ messageId: 'rootUser', data: { user: last.user }, path: instructionPath(last.instr), line: last.line });
    }
  },
});

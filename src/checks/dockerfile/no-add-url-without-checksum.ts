import { dockerfileAnalyzer } from '../../analyzers/dockerfile/dockerfile-analyzer.js';
import type { DockerfileInstruction } from '../../analyzers/dockerfile/types.js';
import { defineCheck } from '../define-check.js';
import { instructionPath } from './instruction-semantics.js';

/** ADD's sources (every argument but the destination), from the JSON or the plain form. */
function addSources(ins: DockerfileInstruction): string[] {
  const args = ins.args.trim();
  let words: string[] | undefined;
  if (args.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(args);
      if (Array.isArray(parsed) && parsed.every((w) => typeof w === 'string')) words = parsed as string[];
    } catch {
      words = undefined;
    }
  }
  words ??= args.split(/\s+/).filter((w) => w !== '');
  return words.slice(0, -1);
}

/** BuildKit reads a source as a Git repository for git@/ssh:// /git:// addresses and http(s) URLs ending in .git. */
function isGitSource(src: string): boolean {
  if (/^(git@|ssh:\/\/|git:\/\/)/i.test(src)) return true;
  return /^https?:\/\//i.test(src) && /\.git$/i.test(src.replace(/[#?].*$/, ''));
}

export const noAddUrlWithoutChecksum = defineCheck({
  meta: {
    id: 'no-add-url-without-checksum',
    category: 'dockerfile',
    severity: 'medium',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: 'ADD of a remote URL or Git repository must verify what it downloads (--checksum, or a commit pinned by hash).',
    rationale:
      'ADD https://… puts whatever the server returns at build time into the image: a compromised download site, a hijacked release asset or a man-in-the-middle on a plain-http URL changes the image without a change to the Dockerfile. ADD --checksum=sha256:… makes the build fail unless the bytes are the reviewed ones; for a Git source, a branch or tag in the #fragment can move, while --checksum or a full commit hash as the ref cannot.',
    remediation:
      'Add --checksum=sha256:<hash of the file> to the ADD (Dockerfile syntax 1.6 or later), or for a Git repository reference a full commit hash ("ADD https://github.com/org/repo.git#<40-hex commit> /src") or add --checksum=<commit>.',
    references: [{ url: 'https://docs.docker.com/reference/dockerfile/#add---checksum' }, { url: 'https://docs.docker.com/reference/dockerfile/#adding-private-git-repositories' }],
    messages: {
      url: 'ADD downloads "{{source}}" without --checksum.',
      git: 'ADD clones "{{source}}" without --checksum or a ref pinned to a commit hash.',
    },
  },
  check(obj, ctx) {
    const model = ctx.facts.get(dockerfileAnalyzer).of(obj);
    if (!model) return;
    for (const top of model.instructions) {
      const ins = top.keyword === 'ONBUILD' && top.trigger ? top.trigger : top;
      if (ins.keyword !== 'ADD' || (typeof ins.flags.checksum === 'string' && ins.flags.checksum !== '')) continue;
      for (const source of addSources(ins)) {
        if (isGitSource(source)) {
          const ref = /#([^:]*)/.exec(source)?.[1] ?? '';
          if (/^([0-9a-f]{40}|[0-9a-f]{64})$/i.test(ref)) continue;
          ctx.report({ messageId: 'git', data: { source }, path: instructionPath(top), line: top.line });
        } else if (/^https?:\/\//i.test(source)) {
          ctx.report({ messageId: 'url', data: { source }, path: instructionPath(top), line: top.line });
        }
      }
    }
  },
});

import { defineCheck } from '../define-check.js';
import { dockerfileAnalyzer } from '../../analyzers/dockerfile/dockerfile-analyzer.js';
import { copyOperands, hasVariable, instructionPath } from './instruction-semantics.js';

/** Local tar archives ADD extracts (plain or gzip/bzip2/xz/zstd-compressed); a bare .gz/.bz2/.xz may hold a tar too. */
const ARCHIVE = /\.(?:tar|tar\.gz|tgz|taz|tar\.bz2|tbz|tbz2|tb2|tar\.xz|txz|tar\.zst|tzst|tar\.z|tar\.lz|tar\.lzma|tlz|gz|bz2|xz|zst)$/i;
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/)/i;

export const noAddForLocalFiles = defineCheck({
  meta: {
    id: 'no-add-for-local-files',
    category: 'dockerfile',
    severity: 'low',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: 'Use COPY, not ADD, to copy local files and directories.',
    rationale:
      'ADD does more than copy: it fetches URLs and silently unpacks local tar archives, so a file that happens to be (or later becomes) a tarball is extracted into the image instead of copied, and readers cannot tell which behaviour was meant. COPY does only what it says. ADD remains the right tool for what COPY cannot do, which this check leaves alone: extracting a local tar archive (.tar, .tar.gz, .tgz, .tar.xz…; also a bare .gz/.bz2/.xz, since Docker detects tars by content), fetching a URL or a git repository (whose pinning is checked elsewhere), and sources held in variables. Overlaps hadolint DL3020, Trivy DS005 and Checkov CKV_DOCKER_4 (which reports every ADD).',
    remediation: 'Replace `ADD <local files> <dest>` with `COPY <local files> <dest>` (flags such as --chown, --chmod and --link work the same).',
    references: [{ url: 'https://docs.docker.com/build/building/best-practices/#add-or-copy' }, { url: 'https://github.com/hadolint/hadolint/wiki/DL3020' }],
    messages: {
      useCopy: 'ADD copies local "{{source}}": use COPY.',
    },
  },
  check(obj, ctx) {
    const model = ctx.facts.get(dockerfileAnalyzer).of(obj);
    if (!model) return;
    for (const instr of model.instructions) {
      const target = instr.keyword === 'ONBUILD' && instr.trigger ? instr.trigger : instr;
      if (target.keyword !== 'ADD') continue;
      const ops = copyOperands(target, model.escape);
      if (!ops) continue;
      const heredocOnly = ops.sources.length === 0 && target.heredocs.length > 0;
      const local = ops.sources.filter((s) => !REMOTE.test(s) && !ARCHIVE.test(s) && !hasVariable(s));
      // All sources must be plain local files for COPY to be equivalent (ADD of a URL plus a file stays ADD).
      if (heredocOnly) {
        ctx.report({ messageId: 'useCopy', data: { source: `<<${target.heredocs[0].name}` }, path: instructionPath(instr), line: instr.line });
      } else if (local.length > 0 && local.length === ops.sources.length) {
        ctx.report({ messageId: 'useCopy', data: { source: local.join('", "') }, path: instructionPath(instr), line: instr.line });
      }
    }
  },
});

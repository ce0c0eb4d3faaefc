/**
 * The images a Dockerfile pulls: every `FROM` that names an image rather than a stage, and the images
 * named by `COPY --from=<image>` and `RUN --mount=…,from=<image>` (BuildKit pulls those too).
 */
import type { DockerfileInstruction, DockerfileModel, DockerfileStage } from '../../analyzers/dockerfile/types.js';
import { parseImageReference, type ImageReference } from '../../kinds/images.js';

interface PulledImage {
  /** Parsed the way the container runtime reads it (Docker Hub official images keep `library/`). */
  ref: ImageReference;
  instruction: DockerfileInstruction;
  /** How it is pulled, for messages: `FROM`, `COPY --from`, `RUN --mount from`. */
  via: 'FROM' | 'COPY --from' | 'RUN --mount';
  /** For FROM: the stage it starts. */
  stage?: DockerfileStage;
}

/** `COPY --from=x` / `--mount=from=x` name a stage when x is a stage name (any case) or a stage number. */
function namesStage(model: DockerfileModel, value: string): boolean {
  if (/^\d+$/.test(value)) return Number(value) < model.stages.length;
  const lower = value.toLowerCase();
  return model.stages.some((s) => s.name === lower);
}

function mountFrom(mount: string): string | undefined {
  for (const part of mount.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim().toLowerCase() === 'from') return part.slice(eq + 1).trim();
  }
  return undefined;
}

const memo = new WeakMap<DockerfileModel, PulledImage[]>();

/** Every image the build pulls; images hidden behind an unresolved variable are left out (unknown). */
export function pulledImages(model: DockerfileModel): PulledImage[] {
  const cached = memo.get(model);
  if (cached) return cached;
  const out: PulledImage[] = [];
  for (const stage of model.stages) {
    if (stage.baseStage === undefined && !stage.image.scratch && !stage.image.unresolved) {
      const ref = parseImageReference(stage.image.resolved);
      if (ref) out.push({ ref, instruction: stage.from, via: 'FROM', stage });
    }
    for (const ins of stage.instructions) {
      let value: string | undefined;
      let via: PulledImage['via'] | undefined;
      if ((ins.keyword === 'COPY' || ins.keyword === 'ADD') && typeof ins.flags.from === 'string') {
        value = ins.flags.from;
        via = 'COPY --from';
      } else if (ins.keyword === 'RUN') {
        for (const m of ins.mounts) {
          const from = mountFrom(m);
          if (from !== undefined) { value = from; via = 'RUN --mount'; break; }
        }
      }
      if (value === undefined || via === undefined || value === '' || value.includes('$') || value.toLowerCase() === 'scratch' || namesStage(model, value)) continue;
      const ref = parseImageReference(value);
      if (ref) out.push({ ref, instruction: ins, via });
    }
  }
  memo.set(model, out);
  return out;
}

/** The stage whose external image the final image is built on (following `FROM <stage>` links). */
export function finalRootStage(model: DockerfileModel): DockerfileStage | undefined {
  let stage = model.finalStage;
  const seen = new Set<number>();
  while (stage && stage.baseStage !== undefined && !seen.has(stage.index)) {
    seen.add(stage.index);
    stage = model.stages[stage.baseStage];
  }
  return stage;
}

/** The chmod operations of the stages whose files can reach the final image: RUN chmod and COPY/ADD --chmod. */
import type { DockerfileInstruction, DockerfileModel } from '../../analyzers/dockerfile/types.js';
import { chmodMode, chmodModes, reachingStages, stageCommands, type ModeEffect } from './instruction-semantics.js';

export interface ChmodUse {
  mode: string;
  effect: ModeEffect;
  /** `chmod -R 4755 /usr/bin/x` or `COPY --chmod=4755`. */
  via: 'chmod' | 'COPY' | 'ADD';
  /** What it applies to, for messages. */
  target: string;
  instruction: DockerfileInstruction;
  line: number;
}

export function chmodUses(model: DockerfileModel): ChmodUse[] {
  const out: ChmodUse[] = [];
  for (const stage of reachingStages(model)) {
    for (const cmd of stageCommands(stage)) {
      for (const mode of chmodModes(cmd)) {
        const effect = chmodMode(mode);
        if (!effect) continue;
        const targets = cmd.argv.slice(cmd.argv.indexOf(mode) + 1);
        out.push({ mode, effect, via: 'chmod', target: targets.join(' ') || '?', instruction: cmd.run.instruction, line: cmd.line });
      }
    }
    for (const instr of stage.instructions) {
      if (instr.keyword !== 'COPY' && instr.keyword !== 'ADD') continue;
      const mode = instr.flags.chmod;
      if (!mode) continue;
      const effect = chmodMode(mode);
      if (!effect) continue;
      const words = instr.args.trim().split(/\s+/);
      out.push({ mode, effect, via: instr.keyword, target: words[words.length - 1] ?? '?', instruction: instr, line: instr.line });
    }
  }
  return out.sort((a, b) => a.line - b.line);
}

/**
 * OS packages that end up in the final image: installed by apt/apk/yum/dnf/zypper/pacman in the final
 * stage or a stage it is built FROM, and not removed again afterwards (in the same RUN or a later one:
 * a removed package's files are gone from the container's filesystem, even if a lower layer keeps them).
 */
import type { DockerfileModel } from '../../analyzers/dockerfile/types.js';
import { apkVirtualName, packageCommand, packageName, removedPackages, shippingStages, stageCommands, type Command } from './instruction-semantics.js';
import { wordLines } from './shell-words.js';

export interface InstalledPackage {
  /** Package name without version or architecture, lower-case. */
  name: string;
  /** `apt-get`, `apk`, `dnf`… */
  tool: string;
  command: Command;
  /** The line the package is named on (the installing command's line when unknown). */
  line: number;
}

const OS_MANAGERS = new Set(['apt', 'apk', 'yum', 'zypper']);

export function installedInFinalImage(model: DockerfileModel): InstalledPackage[] {
  let installed: (InstalledPackage & { virtual?: string })[] = [];
  for (const stage of shippingStages(model)) {
    for (const cmd of stageCommands(stage)) {
      const removed = removedPackages(cmd);
      if (removed.length > 0) {
        const gone = new Set(removed);
        installed = installed.filter((p) => !gone.has(p.name) && !(p.virtual !== undefined && gone.has(p.virtual)));
        continue;
      }
      if (cmd.argv[0] === 'pacman') {
        const words = cmd.argv.slice(1);
        if (!words.some((w) => /^-S[yu]*$/.test(w) || w === '--sync')) continue;
        const lines = wordLines(cmd.shell);
        const offset = cmd.shell.argv.length - cmd.argv.length;
        words.forEach((w, k) => {
          if (!w.startsWith('-')) installed.push({ name: packageName(w), tool: 'pacman', command: cmd, line: lines[offset + 1 + k] ?? cmd.line });
        });
        continue;
      }
      const pc = packageCommand(cmd);
      if (!pc || pc.action !== 'install' || !OS_MANAGERS.has(pc.manager)) continue;
      const virtual = apkVirtualName(cmd);
      const lines = wordLines(cmd.shell);
      for (const p of pc.packages) {
        const line = p.argIndex >= 0 ? lines[p.argIndex] ?? cmd.line : cmd.line;
        installed.push({ name: pc.manager === 'yum' ? packageName(p.name).replace(/-\d[\w.:~+-]*$/, '') : packageName(p.name), tool: pc.tool, command: cmd, line, ...(virtual ? { virtual } : {}) });
      }
    }
  }
  return installed.map(({ virtual: _virtual, ...p }) => p);
}

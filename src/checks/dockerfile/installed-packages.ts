/**
 * OS packages that end up in the final image: installed by apt/apk/yum/dnf/zypper/pacman in the final
 * stage or a stage it is built FROM, and not removed again afterwards (in the same RUN or a later one:
 * a removed package's files are gone from the container's filesystem, even if a lower layer keeps them).
 */
import type { DockerfileModel } from '../../analyzers/dockerfile/types.js';
import { apkVirtualName, packageCommand, packageName, shippingStages, stageCommands, type Command } from './instruction-semantics.js';
import { wordLines } from './shell-words.js';

interface InstalledPackage {
  /** Package name without version or architecture, lower-case. */
  name: string;
  /** `apt-get`, `apk`, `dnf`… */
  tool: string;
  command: Command;
  /** The line the package is named on (the installing command's line when unknown). */
  line: number;
}

const OS_MANAGERS = new Set(['apt', 'apk', 'yum', 'zypper', 'pacman']);

/** The package a spec names: rpm specs (`gcc-14.1.1`) lose their version too. */
function installedName(manager: string, spec: string): string {
  const name = packageName(spec);
  return manager === 'yum' ? name.replace(/-\d[\w.:~+-]*$/, '') : name;
}

const memo = new WeakMap<DockerfileModel, InstalledPackage[]>();

/** Computed once per Dockerfile model (several checks read it). */
export function installedInFinalImage(model: DockerfileModel): InstalledPackage[] {
  const cached = memo.get(model);
  if (cached) return cached;
  let installed: (InstalledPackage & { virtual?: string })[] = [];
  for (const stage of shippingStages(model)) {
    for (const cmd of stageCommands(stage)) {
      const pc = packageCommand(cmd);
      if (!pc || !OS_MANAGERS.has(pc.manager)) continue;
      if (pc.action === 'remove') {
        const gone = new Set(pc.packages.map((p) => installedName(pc.manager, p.spec)));
        installed = installed.filter((p) => !gone.has(p.name) && !(p.virtual !== undefined && gone.has(p.virtual)));
        continue;
      }
      // Installs, and `pacman -Syu <pkg>…` (an upgrade that installs the packages named).
      if (pc.action !== 'install' && pc.action !== 'upgrade') continue;
      const virtual = apkVirtualName(cmd);
      const lines = wordLines(cmd.shell);
      for (const p of pc.packages) {
        const line = p.argIndex >= 0 ? lines[p.argIndex] ?? cmd.line : cmd.line;
        installed.push({ name: installedName(pc.manager, p.name), tool: pc.tool, command: cmd, line, ...(virtual ? { virtual } : {}) });
      }
    }
  }
  const out = installed.map(({ virtual: _virtual, ...p }) => p);
  memo.set(model, out);
  return out;
}

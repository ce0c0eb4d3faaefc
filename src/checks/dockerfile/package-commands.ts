/**
 * Package-manager invocations in RUN commands, read with each tool's own option syntax: which packages
 * a command installs (and whether each names a version) or removes, and whether it upgrades the whole system.
 * Shared by the Dockerfile checks (pinning, upgrades, and any check that asks "what gets installed").
 */
import { baseName, isOpaqueWord, unwrapCommand } from './shell-words.js';

export type PackageManager = 'apt' | 'apk' | 'yum' | 'zypper' | 'pacman' | 'pip' | 'npm' | 'yarn' | 'pnpm' | 'gem' | 'go' | 'cargo';

interface PackageArg {
  /** The operand as written: `curl=7.88.1-10`, `flask`, `@types/node@20`. */
  spec: string;
  /** The package name alone, for messages. */
  name: string;
  /** True when the operand fixes a version (or is a local file, a pinned VCS ref, a variable version); installs only. */
  pinned: boolean;
  /** Index of the operand in the command's argv. */
  argIndex: number;
}

export interface PackageCommand {
  manager: PackageManager;
  /** How the tool was invoked: `apt-get`, `dnf`, `pip3`, `python3 -m pip`, `npm`. */
  tool: string;
  /** `install`: adds packages; `remove`: removes packages; `upgrade`: upgrades everything installed; `other`: anything else. */
  action: 'install' | 'remove' | 'upgrade' | 'other';
  /** The sub-command as written (`install`, `add`, `dist-upgrade`, `i`). */
  subcommand?: string;
  /** Options as written, attached values included (`-y`, `--no-install-recommends`, `--omit=dev`). */
  options: string[];
  /** Package operands of an install or a removal (none for an upgrade, except `pacman -Syu <pkg>…`, which also installs them). */
  packages: PackageArg[];
  /** Installs also come from files we cannot see (requirements, constraints): unknown pinning. */
  fromFiles: boolean;
  /** For pip: a constraints file governs every version (`-c`), so no named package is unpinned. */
  constrained: boolean;
}

interface Parsed {
  options: string[];
  /** Option name → values (for options with an argument). */
  values: Map<string, string[]>;
  operands: { word: string; index: number }[];
}

/**
 * GNU-style option parsing (options may follow operands, `--` ends them): `argOptions` take a value,
 * either attached (`--opt=v`, `-tv`) or as the next word.
 */
function parseOptions(words: readonly string[], offset: number, argOptions: ReadonlySet<string>, singleDashLong = false): Parsed {
  const options: string[] = [];
  const values = new Map<string, string[]>();
  const operands: { word: string; index: number }[] = [];
  const add = (name: string, value: string) => {
    const list = values.get(name);
    if (list) list.push(value);
    else values.set(name, [value]);
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--') {
      for (let k = i + 1; k < words.length; k++) operands.push({ word: words[k], index: offset + k });
      break;
    }
    if (w.length < 2 || !w.startsWith('-')) {
      operands.push({ word: w, index: offset + i });
      continue;
    }
    options.push(w);
    if (w.startsWith('--') || singleDashLong) {
      const eq = w.indexOf('=');
      const name = eq >= 0 ? w.slice(0, eq) : w;
      if (eq >= 0) add(name, w.slice(eq + 1));
      else if (argOptions.has(name) && i + 1 < words.length) add(name, words[++i]);
      else values.set(name, values.get(name) ?? []);
      continue;
    }
    // A short option cluster: `-yq`, `-t bookworm`, `-tbookworm`, `-o=Dpkg::…`.
    for (let k = 1; k < w.length; k++) {
      const name = `-${w[k]}`;
      if (argOptions.has(name)) {
        const rest = w.slice(k + 1).replace(/^=/, '');
        if (rest !== '') add(name, rest);
        else if (i + 1 < words.length) add(name, words[++i]);
        break;
      }
      values.set(name, values.get(name) ?? []);
    }
  }
  return { options, values, operands };
}

const has = (p: Parsed, ...names: string[]) => names.some((n) => p.values.has(n));

// ── per-manager option tables ─────────────────────────────────────────────────────────────────────
const APT_ARGS = new Set(['-o', '-c', '-t', '-a', '--option', '--config-file', '--target-release', '--default-release', '--host-architecture']);
const APK_ARGS = new Set(['-t', '-X', '-p', '--virtual', '--repository', '--root', '--arch', '--keys-dir', '--repositories-file', '--cache-dir', '--cache-max-age', '--timeout', '--progress-fd']);
const YUM_ARGS = new Set(['-c', '-d', '-e', '-x', '-R', '--config', '--debuglevel', '--errorlevel', '--installroot', '--enablerepo', '--disablerepo', '--repo', '--repoid', '--exclude', '--excludepkgs', '--releasever', '--setopt', '--downloaddir', '--destdir', '--forcearch', '--color', '--rpmverbosity', '--comment', '--advisory', '--advisories', '--bz', '--cve', '--sec-severity', '--secseverity', '--repofrompath', '--setopt', '--nogpgcheck-for']);
const ZYPPER_ARGS = new Set(['-R', '-c', '-D', '-C', '-t', '-r', '--root', '--config', '--reposd-dir', '--cache-dir', '--raw-cache-dir', '--solv-cache-dir', '--pkg-cache-dir', '--userdata', '--type', '--repo', '--from']);
const PIP_ARGS = new Set(['-r', '-c', '-e', '-i', '-f', '-t', '-b', '-C', '--requirement', '--constraint', '--editable', '--index-url', '--extra-index-url', '--find-links', '--target', '--prefix', '--root', '--src', '--platform', '--python-version', '--implementation', '--abi', '--no-binary', '--only-binary', '--progress-bar', '--proxy', '--trusted-host', '--upgrade-strategy', '--cert', '--client-cert', '--cache-dir', '--log', '--log-file', '--timeout', '--retries', '--exists-action', '--global-option', '--install-option', '--config-settings', '--root-user-action', '--report', '--python', '--use-feature', '--use-deprecated', '--build', '--keyring-provider', '--index', '--extra-index', '--default-index', '--pip-args']);
const NPM_ARGS = new Set(['-w', '-C', '--prefix', '--registry', '--cache', '--loglevel', '--workspace', '--userconfig', '--globalconfig', '--tag', '--only', '--also', '--location', '--install-strategy', '--omit', '--include', '--before', '--fetch-retries', '--scope', '--otp', '--cwd', '--network-timeout', '--modules-folder', '--cache-folder', '--mutex', '--global-folder', '--dir', '--filter', '-F', '--store-dir', '--reporter', '--virtual-store-dir']);
const GEM_ARGS = new Set(['-v', '-i', '-n', '-s', '-P', '-g', '-p', '--version', '--install-dir', '--bindir', '--source', '--platform', '--trust-policy', '--build-root', '--file', '--http-proxy', '--target-rbconfig', '--env-shebang-path']);
const GO_ARGS = new Set(['-o', '-p', '-C', '-tags', '-ldflags', '-gcflags', '-asmflags', '-mod', '-modfile', '-overlay', '-pgo', '-pkgdir', '-toolexec', '-buildmode', '-compiler', '-installsuffix', '-gccgoflags', '-coverpkg', '-covermode', '-buildvcs']);
const CARGO_ARGS = new Set(['-F', '-j', '-Z', '--version', '--vers', '--git', '--branch', '--tag', '--rev', '--path', '--root', '--index', '--registry', '--target', '--target-dir', '--features', '--profile', '--jobs', '--config', '--bin', '--example', '--color']);

const NPM_REMOVE = new Set(['uninstall', 'unlink', 'remove', 'rm', 'r', 'un']);
const YARN_REMOVE = new Set(['remove']);
const PNPM_REMOVE = new Set(['remove', 'rm', 'uninstall', 'un']);
const NPM_INSTALL = new Set(['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add']);

/** Reads one simple command; undefined when it is not a package-manager invocation we know. */
export function readPackageCommand(argv: readonly string[]): PackageCommand | undefined {
  const { words, offset } = unwrapCommand(argv);
  if (words.length === 0) return undefined;
  const prog = baseName(words[0]);
  const rest = words.slice(1);
  const restOffset = offset + 1;

  if (prog === 'apt-get' || prog === 'apt' || prog === 'aptitude') return apt(prog, rest, restOffset);
  if (prog === 'apk') return apk(rest, restOffset);
  if (prog === 'yum' || prog === 'dnf' || prog === 'dnf5' || prog === 'microdnf' || prog === 'tdnf') return yum(prog, rest, restOffset);
  if (prog === 'zypper') return zypper(rest, restOffset);
  if (prog === 'pacman') return pacman(rest, restOffset);
  if (/^pip(\d+(\.\d+)?)?$/.test(prog)) return pip(prog, rest, restOffset);
  if (prog === 'pipx' && rest[0] === 'install') return pip('pipx', rest, restOffset);
  if (prog === 'uv' && rest[0] === 'pip') return pip('uv pip', rest.slice(1), restOffset + 1);
  if (/^(python(\d+(\.\d+)?)?|py)$/.test(prog)) {
    // `python -m pip …` (interpreter options such as -I, -u may come first).
    const m = rest.findIndex((w) => w === '-m' || /^-[A-Za-z]*m$/.test(w));
    if (m >= 0 && /^pip\d*(\.\d+)?$/.test(rest[m + 1] ?? '')) return pip(`${prog} -m pip`, rest.slice(m + 2), restOffset + m + 2);
    const attached = rest.findIndex((w) => /^-m(pip\d*)$/.test(w));
    if (attached >= 0) return pip(`${prog} -m pip`, rest.slice(attached + 1), restOffset + attached + 1);
    return undefined;
  }
  if (prog === 'npm' || prog === 'yarn' || prog === 'pnpm') return node(prog, rest, restOffset);
  if (prog === 'gem') return gem(rest, restOffset);
  if (prog === 'go') return go(rest, restOffset);
  if (prog === 'cargo') return cargo(rest, restOffset);
  return undefined;
}

function command(manager: PackageManager, tool: string, p: Parsed, subcommand: string | undefined, action: PackageCommand['action'], packages: PackageArg[] = []): PackageCommand {
  const c: PackageCommand = { manager, tool, action, options: p.options, packages, fromFiles: false, constrained: false };
  if (subcommand !== undefined) c.subcommand = subcommand;
  return c;
}

/** Operands worth judging: a whole-word variable or substitution (`$PACKAGES`) hides the list, so it is skipped. */
function visible(operands: Parsed['operands']) {
  return operands.filter((o) => o.word !== '' && !isOpaqueWord(o.word));
}

/** A removal: every visible operand names a package (or an apk virtual group). */
function removal(manager: PackageManager, tool: string, p: Parsed, subcommand: string | undefined, ops: Parsed['operands']): PackageCommand {
  return command(manager, tool, p, subcommand, 'remove', visible(ops).map((o) => ({ spec: o.word, name: o.word, pinned: false, argIndex: o.index })));
}

const isLocalPath = (w: string) => /^(\.{1,2}(\/|$)|\/|~\/?)/.test(w) || w.startsWith('file:');
const leadingName = (spec: string, stop: RegExp) => {
  const m = stop.exec(spec);
  return m && m.index > 0 ? spec.slice(0, m.index) : spec;
};

const APT_REMOVE = new Set(['remove', 'purge', 'autoremove', 'autopurge']);
const APTITUDE_REMOVE = new Set(['remove', 'purge']);

// ── OS package managers ───────────────────────────────────────────────────────────────────────────
function apt(tool: string, words: string[], offset: number): PackageCommand {
  const p = parseOptions(words, offset, APT_ARGS);
  const [sub, ...ops] = p.operands;
  const subcommand = sub?.word;
  if (subcommand === 'upgrade' || subcommand === 'dist-upgrade' || subcommand === 'full-upgrade' || subcommand === 'safe-upgrade') return command('apt', tool, p, subcommand, 'upgrade');
  if (subcommand && (tool === 'aptitude' ? APTITUDE_REMOVE : APT_REMOVE).has(subcommand)) return removal('apt', tool, p, subcommand, ops);
  if (subcommand !== 'install') return command('apt', tool, p, subcommand, 'other');
  const packages: PackageArg[] = [];
  for (const o of visible(ops)) {
    // `pkg-` removes a package in an install line; `pkg+` installs it.
    if (/-$/.test(o.word) && !o.word.includes('=')) continue;
    const spec = o.word.replace(/\+$/, '');
    const local = spec.endsWith('.deb') || isLocalPath(spec);
    packages.push({ spec: o.word, name: leadingName(spec, /[=/:]/), pinned: local || spec.indexOf('=') > 0, argIndex: o.index });
  }
  return command('apt', tool, p, subcommand, 'install', packages);
}

function apk(words: string[], offset: number): PackageCommand {
  const p = parseOptions(words, offset, APK_ARGS);
  const [sub, ...ops] = p.operands;
  const subcommand = sub?.word;
  if (subcommand === 'upgrade') return command('apk', 'apk', p, subcommand, ops.length === 0 ? 'upgrade' : 'other');
  if (subcommand === 'del') return removal('apk', 'apk', p, subcommand, ops);
  if (subcommand !== 'add') return command('apk', 'apk', p, subcommand, 'other');
  const packages = visible(ops).map((o): PackageArg => {
    const local = o.word.endsWith('.apk') || isLocalPath(o.word);
    // apk's dependency syntax: name=ver, name~ver (fuzzy), name<ver, name>ver; name@tag picks a repository.
    return { spec: o.word, name: leadingName(o.word, /[=~<>@]/), pinned: local || /^[^=~<>]+[=~<>]/.test(o.word), argIndex: o.index };
  });
  return command('apk', 'apk', p, subcommand, 'install', packages);
}

const RPM_REMOVE = new Set(['remove', 'erase', 'autoremove']);
const MICRODNF_REMOVE = new Set(['remove']);
const RPM_UPGRADE = new Set(['update', 'upgrade', 'up', 'distro-sync', 'distrosync', 'dsync', 'upgrade-minimal', 'update-minimal', 'dist-upgrade']);

/** name-version[-release][.arch] or name-epoch:version…: the last dash-separated part starts with a digit. */
function rpmSpecPinned(spec: string): boolean {
  if (/\.rpm$/.test(spec) || spec.includes('://') || isLocalPath(spec)) return true;
  if (/[=<>]/.test(spec)) return true;
  const dash = spec.lastIndexOf('-');
  if (dash <= 0) return false;
  return /^(\d|\$)/.test(spec.slice(dash + 1));
}

function yum(tool: string, words: string[], offset: number): PackageCommand {
  const p = parseOptions(words, offset, YUM_ARGS);
  const [sub, ...ops] = p.operands;
  const subcommand = sub?.word;
  if (subcommand && RPM_UPGRADE.has(subcommand)) return command('yum', tool, p, subcommand, ops.length === 0 ? 'upgrade' : 'other');
  if (subcommand && (tool === 'microdnf' ? MICRODNF_REMOVE : RPM_REMOVE).has(subcommand)) return removal('yum', tool, p, subcommand, ops);
  if (subcommand !== 'install' && subcommand !== 'in' && subcommand !== 'localinstall') return command('yum', tool, p, subcommand, 'other');
  const packages: PackageArg[] = [];
  for (const o of visible(ops)) {
    // Groups (@group, @module:stream) and capabilities (/usr/bin/x, perl(Foo)) name no single package version.
    if (o.word.startsWith('@') || o.word.includes('(') || (o.word.startsWith('/') && !o.word.endsWith('.rpm'))) continue;
    packages.push({ spec: o.word, name: o.word, pinned: rpmSpecPinned(o.word), argIndex: o.index });
  }
  return command('yum', tool, p, subcommand, 'install', packages);
}

function zypper(words: string[], offset: number): PackageCommand {
  const p = parseOptions(words, offset, ZYPPER_ARGS);
  const [sub, ...ops] = p.operands;
  const subcommand = sub?.word;
  if (subcommand === 'dist-upgrade' || subcommand === 'dup') return command('zypper', 'zypper', p, subcommand, 'upgrade');
  if (subcommand === 'update' || subcommand === 'up') return command('zypper', 'zypper', p, subcommand, ops.length === 0 ? 'upgrade' : 'other');
  if (subcommand === 'remove' || subcommand === 'rm') return removal('zypper', 'zypper', p, subcommand, ops);
  if (subcommand !== 'install' && subcommand !== 'in') return command('zypper', 'zypper', p, subcommand, 'other');
  const packages = visible(ops).map((o): PackageArg => ({
    spec: o.word,
    name: leadingName(o.word, /[=<>]/),
    pinned: /[=<>]/.test(o.word) || o.word.endsWith('.rpm') || isLocalPath(o.word) || o.word.includes('://'),
    argIndex: o.index,
  }));
  return command('zypper', 'zypper', p, subcommand, 'install', packages);
}

function pacman(words: string[], offset: number): PackageCommand {
  const p = parseOptions(words, offset, new Set(['-r', '-b', '--root', '--dbpath', '--cachedir', '--config', '--arch', '--hookdir', '--gpgdir', '--logfile', '--overwrite', '--assume-installed', '--ignore', '--ignoregroup']));
  // -R / --remove: removes the packages named (-p / --print only prints what it would do).
  if ((p.values.has('-R') || p.values.has('--remove')) && !has(p, '-p', '--print')) return removal('pacman', 'pacman', p, undefined, p.operands);
  const sync = p.values.has('-S') || p.values.has('--sync');
  // Sync queries and downloads (search, info, list, groups, download only, print, clean) install nothing.
  if (!sync || has(p, ...PACMAN_SYNC_QUERIES)) return command('pacman', 'pacman', p, undefined, 'other');
  // Arch repositories serve one version of each package: a target can only be pinned by a package file or URL.
  const packages = visible(p.operands).map((o): PackageArg => ({ spec: o.word, name: leadingName(o.word, /[=<>]/), pinned: isLocalPath(o.word) || o.word.includes('://') || /\.pkg\.tar(\.\w+)?$/.test(o.word), argIndex: o.index }));
  // -Syu / -Su / --sync --sysupgrade: a full system upgrade (which also installs any package named).
  const sysupgrade = p.values.has('-u') || p.values.has('--sysupgrade');
  return command('pacman', 'pacman', p, undefined, sysupgrade ? 'upgrade' : 'install', packages);
}

const PACMAN_SYNC_QUERIES = ['-s', '-i', '-l', '-g', '-w', '-p', '-c', '--search', '--info', '--list', '--groups', '--downloadonly', '--print', '--clean'];

// ── language package managers ─────────────────────────────────────────────────────────────────────
const PIP_VCS = /^(git|hg|svn|bzr)(\+[a-z-]+)?:/i;

function pipSpecPinned(spec: string): boolean {
  if (isLocalPath(spec) || /\.(whl|tar\.gz|tgz|zip|tar\.bz2)$/.test(spec)) return true;
  const direct = /\s@\s|^[A-Za-z0-9._-]+(\[[^\]]*\])?@/.test(spec) && spec.includes('://');
  const url = direct ? spec.slice(spec.indexOf('@') + 1).trim() : spec;
  if (PIP_VCS.test(url)) {
    // A VCS requirement pins with @<ref> on the repository path: git+https://host/a/b.git@v1.2#egg=b.
    const path = url.replace(/#.*$/, '');
    return path.slice(path.lastIndexOf('/') + 1).includes('@');
  }
  if (url.includes('://')) return true;
  if (!direct && spec.includes('/')) return true;
  const version = spec.replace(/;.*$/, '');
  if (/(===?|~=)/.test(version)) return true;
  // A range pins only when it is bounded on both sides: ">=1.2,<1.3".
  return /[>]/.test(version) && /[<]/.test(version);
}

function pip(tool: string, words: string[], offset: number): PackageCommand {
  const p = parseOptions(words, offset, PIP_ARGS);
  const [sub, ...ops] = p.operands;
  const subcommand = sub?.word;
  if (subcommand === 'uninstall') return removal('pip', tool, p, subcommand, ops);
  if (subcommand !== 'install') return command('pip', tool, p, subcommand, 'other');
  const packages: PackageArg[] = [];
  for (const e of p.values.get('-e') ?? []) packages.push(pipArg(e, -1));
  for (const e of p.values.get('--editable') ?? []) packages.push(pipArg(e, -1));
  for (const o of visible(ops)) packages.push(pipArg(o.word, o.index));
  const c = command('pip', tool, p, subcommand, 'install', packages);
  c.fromFiles = has(p, '-r', '--requirement');
  c.constrained = has(p, '-c', '--constraint');
  return c;
}

function pipArg(spec: string, argIndex: number): PackageArg {
  return { spec, name: leadingName(spec, /[\s[=<>!~;@]/), pinned: pipSpecPinned(spec), argIndex };
}

/** A version of an npm spec pins unless it is absent, a dist-tag (latest, next…), or open-ended. */
function npmVersionPinned(version: string): boolean {
  if (version === '') return false;
  if (version.includes('$')) return true;
  if (/^[A-Za-z][\w.-]*$/.test(version) && !/^v\d/.test(version)) return false;
  if (/^(\*|x|X)$/.test(version) || (/^>/.test(version) && !version.includes('<')) || version.includes('||')) return false;
  return true;
}

function npmSpecPinned(spec: string): boolean {
  if (isLocalPath(spec) || /\.(tgz|tar\.gz|tar)$/.test(spec)) return true;
  if (/^(git\+|git:|github:|gitlab:|bitbucket:|gist:)/.test(spec) || /^[\w.-]+\/[\w.-]+(#.*)?$/.test(spec)) return /#./.test(spec);
  if (/^https?:\/\//.test(spec)) return true;
  const alias = spec.indexOf('@npm:');
  if (alias > 0) return npmSpecPinned(spec.slice(alias + 5));
  const at = spec.lastIndexOf('@');
  return at > 0 && npmVersionPinned(spec.slice(at + 1));
}

function npmName(spec: string): string {
  const at = spec.lastIndexOf('@');
  return at > 0 && !spec.includes('://') ? spec.slice(0, at) : spec;
}

function node(tool: 'npm' | 'yarn' | 'pnpm', words: string[], offset: number): PackageCommand {
  const p = parseOptions(words, offset, NPM_ARGS);
  let ops = p.operands;
  // `yarn global add x`
  if (tool === 'yarn' && ops[0]?.word === 'global') ops = ops.slice(1);
  const [sub, ...rest] = ops;
  const subcommand = sub?.word;
  const installs = tool === 'npm' ? NPM_INSTALL.has(subcommand ?? '') : tool === 'yarn' ? subcommand === 'add' : subcommand === 'add' || subcommand === 'install' || subcommand === 'i';
  if ((tool === 'npm' ? NPM_REMOVE : tool === 'yarn' ? YARN_REMOVE : PNPM_REMOVE).has(subcommand ?? '')) return removal(tool, tool, p, subcommand, rest);
  if (!installs) return command(tool, tool, p, subcommand, 'other');
  const packages = visible(rest).map((o): PackageArg => ({ spec: o.word, name: npmName(o.word), pinned: npmSpecPinned(o.word), argIndex: o.index }));
  return command(tool, tool, p, subcommand, 'install', packages);
}

function gem(words: string[], offset: number): PackageCommand {
  const p = parseOptions(words, offset, GEM_ARGS);
  const [sub, ...ops] = p.operands;
  const subcommand = sub?.word;
  if (subcommand !== 'install' && subcommand !== 'i') return command('gem', 'gem', p, subcommand, 'other');
  // --version applies to the gem named (RubyGems refuses it with several gems); name:version pins one gem.
  const versioned = has(p, '-v', '--version');
  const packages = visible(ops).map((o): PackageArg => ({
    spec: o.word,
    name: leadingName(o.word, /:/),
    pinned: versioned || /^[^:]+:./.test(o.word) || o.word.endsWith('.gem') || isLocalPath(o.word),
    argIndex: o.index,
  }));
  const c = command('gem', 'gem', p, subcommand, 'install', packages);
  c.fromFiles = has(p, '-g', '--file');
  return c;
}

function go(words: string[], offset: number): PackageCommand {
  const p = parseOptions(words, offset, GO_ARGS, true);
  const [sub, ...ops] = p.operands;
  const subcommand = sub?.word;
  if (subcommand !== 'install') return command('go', 'go', p, subcommand, 'other');
  const packages: PackageArg[] = [];
  for (const o of visible(ops)) {
    const at = o.word.lastIndexOf('@');
    // Without @version the version comes from the main module's go.mod (or go refuses to run): pinned.
    if (at < 0) continue;
    const version = o.word.slice(at + 1);
    const pinned = /^(v\d|\$)/.test(version) || /^[0-9a-f]{7,40}$/.test(version);
    packages.push({ spec: o.word, name: o.word.slice(0, at), pinned, argIndex: o.index });
  }
  return command('go', 'go', p, subcommand, 'install', packages);
}

function cargo(words: string[], offset: number): PackageCommand {
  const p = parseOptions(words, offset, CARGO_ARGS);
  const [sub, ...ops] = p.operands;
  const subcommand = sub?.word;
  if (subcommand !== 'install') return command('cargo', 'cargo', p, subcommand, 'other');
  const git = p.values.get('--git')?.[0];
  const pinnedByOption = has(p, '--version', '--vers', '--path') || (git !== undefined && has(p, '--rev', '--tag'));
  const packages = visible(ops).map((o): PackageArg => ({
    spec: o.word,
    name: leadingName(o.word, /@/),
    pinned: pinnedByOption || /^[^@]+@./.test(o.word),
    argIndex: o.index,
  }));
  if (git !== undefined && packages.length === 0 && !pinnedByOption) packages.push({ spec: git, name: git, pinned: false, argIndex: -1 });
  return command('cargo', 'cargo', p, subcommand, 'install', packages);
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readPackageCommand } from './package-commands.js';

const read = (line: string) => readPackageCommand(line.split(' '));
const removal = (line: string) => {
  const pc = read(line);
  return pc?.action === 'remove' ? { manager: pc.manager, subcommand: pc.subcommand, packages: pc.packages.map((p) => [p.spec, p.argIndex]) } : pc?.action;
};

describe('readPackageCommand removals', () => {
  it('apt-get/apt/aptitude remove, purge, autoremove; options with a separate value before the subcommand', () => {
    assert.deepEqual(removal('apt-get -o Dpkg::Use-Pty=0 purge -y gcc'), { manager: 'apt', subcommand: 'purge', packages: [['gcc', 5]] });
    assert.deepEqual(removal('apt-get remove -y --auto-remove build-essential make'), { manager: 'apt', subcommand: 'remove', packages: [['build-essential', 4], ['make', 5]] });
    assert.deepEqual(removal('apt autoremove -y'), { manager: 'apt', subcommand: 'autoremove', packages: [] });
    assert.deepEqual(removal('sudo aptitude purge gdb'), { manager: 'apt', subcommand: 'purge', packages: [['gdb', 3]] });
  });
  it('apk del, including after an option that takes a value', () => {
    assert.deepEqual(removal('apk del .build-deps'), { manager: 'apk', subcommand: 'del', packages: [['.build-deps', 2]] });
    assert.deepEqual(removal('apk -X https://mirror/alpine del --no-cache gcc'), { manager: 'apk', subcommand: 'del', packages: [['gcc', 5]] });
  });
  it('yum/dnf/microdnf remove and erase, zypper remove/rm', () => {
    assert.deepEqual(removal('dnf -c /etc/dnf.conf remove -y gdb'), { manager: 'yum', subcommand: 'remove', packages: [['gdb', 5]] });
    assert.deepEqual(removal('yum erase -y gcc'), { manager: 'yum', subcommand: 'erase', packages: [['gcc', 3]] });
    assert.deepEqual(removal('microdnf remove strace'), { manager: 'yum', subcommand: 'remove', packages: [['strace', 2]] });
    assert.deepEqual(removal('zypper -R /root rm -y make'), { manager: 'zypper', subcommand: 'rm', packages: [['make', 5]] });
  });
  it('pacman -R', () => {
    assert.deepEqual(removal('pacman -Rns --noconfirm gcc'), { manager: 'pacman', subcommand: undefined, packages: [['gcc', 3]] });
    assert.equal(removal('pacman -Rp gcc'), 'other');
  });
  it('pip uninstall, npm/yarn/pnpm uninstall', () => {
    assert.deepEqual(removal('pip uninstall -y flask'), { manager: 'pip', subcommand: 'uninstall', packages: [['flask', 3]] });
    assert.deepEqual(removal('python3 -m pip uninstall -y requests'), { manager: 'pip', subcommand: 'uninstall', packages: [['requests', 5]] });
    assert.deepEqual(removal('npm uninstall -g typescript'), { manager: 'npm', subcommand: 'uninstall', packages: [['typescript', 3]] });
    assert.deepEqual(removal('npm rm left-pad'), { manager: 'npm', subcommand: 'rm', packages: [['left-pad', 2]] });
    assert.deepEqual(removal('yarn remove lodash'), { manager: 'yarn', subcommand: 'remove', packages: [['lodash', 2]] });
    assert.deepEqual(removal('pnpm remove zod'), { manager: 'pnpm', subcommand: 'remove', packages: [['zod', 2]] });
  });
  it('installs and other commands are not removals', () => {
    assert.equal(removal('apt-get install -y gcc'), 'install');
    assert.equal(removal('apk info gcc'), 'other');
    assert.equal(removal('pip download flask'), 'other');
  });
});

describe('readPackageCommand pacman installs', () => {
  const installs = (line: string) => {
    const pc = read(line);
    return pc && { action: pc.action, packages: pc.packages.map((p) => [p.name, p.argIndex]) };
  };
  it('pacman -S names the packages it installs', () => {
    assert.deepEqual(installs('pacman -S --noconfirm --needed gcc make'), { action: 'install', packages: [['gcc', 4], ['make', 5]] });
    assert.deepEqual(installs('pacman -Sy gdb'), { action: 'install', packages: [['gdb', 2]] });
    assert.deepEqual(installs('pacman --sync strace'), { action: 'install', packages: [['strace', 2]] });
  });
  it('pacman -Syu with packages upgrades and installs them; without packages it only upgrades', () => {
    assert.deepEqual(installs('pacman -Syu --noconfirm git'), { action: 'upgrade', packages: [['git', 3]] });
    assert.deepEqual(installs('pacman -Syu --noconfirm'), { action: 'upgrade', packages: [] });
  });
  it('queries and downloads install nothing', () => {
    assert.deepEqual(installs('pacman -Ss gcc'), { action: 'other', packages: [] });
    assert.deepEqual(installs('pacman -Sw gcc'), { action: 'other', packages: [] });
    assert.deepEqual(installs('pacman -Q gcc'), { action: 'other', packages: [] });
  });
});

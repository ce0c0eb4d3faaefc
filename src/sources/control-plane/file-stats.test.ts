import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FileFact } from '../../cis/types.js';
import { formatMode, parseFileStats, parseMode } from './file-stats.js';

describe('parseFileStats', () => {
  const cases: { name: string; text: string; facts: FileFact[]; problemLines?: number[] }[] = [
    {
      name: "stat -c '%a %U:%G %n' lines, comments, blank lines",
      text: '# kubeadm master\n600 root:root /etc/kubernetes/admin.conf\n\n644 root:root /etc/kubernetes/manifests/kube-apiserver.yaml\n700 etcd:etcd /var/lib/etcd\n',
      facts: [
        { path: '/etc/kubernetes/admin.conf', exists: true, mode: 0o600, owner: 'root', group: 'root' },
        { path: '/etc/kubernetes/manifests/kube-apiserver.yaml', exists: true, mode: 0o644, owner: 'root', group: 'root' },
        { path: '/var/lib/etcd', exists: true, mode: 0o700, owner: 'etcd', group: 'etcd' },
      ],
    },
    {
      name: 'owner and group as separate columns, paths with spaces, setuid bits',
      text: '0640 root kube /etc/my dir/file.conf\n4755 root root /usr/bin/x\n',
      facts: [
        { path: '/etc/my dir/file.conf', exists: true, mode: 0o640, owner: 'root', group: 'kube' },
        { path: '/usr/bin/x', exists: true, mode: 0o4755, owner: 'root', group: 'root' },
      ],
    },
    {
      name: 'ls-style symbolic modes',
      text: '-rw------- root root /a\ndrwxr-xr-x root root /d\n-rwsr-x--T root root /s\n',
      facts: [
        { path: '/a', exists: true, mode: 0o600, owner: 'root', group: 'root', isDir: false },
        { path: '/d', exists: true, mode: 0o755, owner: 'root', group: 'root', isDir: true },
        { path: '/s', exists: true, mode: 0o5750, owner: 'root', group: 'root', isDir: false },
      ],
    },
    {
      name: "stat's missing-file message",
      text: "stat: cannot stat '/etc/kubernetes/proxy.conf': No such file or directory\n",
      facts: [{ path: '/etc/kubernetes/proxy.conf', exists: false }],
    },
    {
      name: 'bad lines are problems with their line; the rest is read',
      text: '600 root:root /ok\nhello world\n999 root:root /bad-mode\n',
      facts: [{ path: '/ok', exists: true, mode: 0o600, owner: 'root', group: 'root' }],
      problemLines: [2, 3],
    },
    {
      name: 'JSON array',
      text: '[{"path":"/a","mode":"600","owner":"root","group":"root"},{"path":"/b","mode":644,"owner":"root:root"},{"path":"/c","mode":384},{"path":"/d","exists":false},{"mode":600}]',
      facts: [
        { path: '/a', exists: true, mode: 0o600, owner: 'root', group: 'root' },
        { path: '/b', exists: true, mode: 0o644, owner: 'root', group: 'root' },
        { path: '/c', exists: true, mode: 0o600 },
        { path: '/d', exists: false },
      ],
      problemLines: [1],
    },
    { name: 'broken JSON', text: '[{"path": ', facts: [], problemLines: [1] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const out = parseFileStats(c.text, 'stats.txt');
      assert.deepEqual(out.facts, c.facts);
      assert.deepEqual(out.problems.map((p) => p.line), c.problemLines ?? []);
      for (const p of out.problems) {
        assert.equal(p.file, 'stats.txt');
        assert.ok(!p.message.includes('\n'));
      }
    });
  }
});

describe('modes', () => {
  it('parses and formats like stat %a', () => {
    assert.deepEqual(parseMode('600'), { bits: 0o600 });
    assert.equal(parseMode('rw-'), undefined);
    assert.equal(parseMode('800'), undefined);
    assert.equal(formatMode(0o100644), '644');
    assert.equal(formatMode(0o2755), '2755');
  });
});

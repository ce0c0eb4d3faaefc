import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseArgs } from './flag-parser.js';
import { REMOVED_SETTINGS, findRemovedSettings } from './removed-flags.js';
import type { Component, ComponentInstance, KubeVersion } from './types.js';

function instance(component: Component, argv: string[]): ComponentInstance {
  const pointers = argv.map((_, i) => `/spec/argv/${i}`);
  return { component, label: component, args: parseArgs(argv, pointers, component), env: new Map(), argvPointer: '/spec/argv' };
}
const v = (minor: number): KubeVersion => ({ major: 1, minor, raw: `v1.${minor}.0`, evidence: 'test' });

describe('removed flags and plugins', () => {
  const cases: { name: string; component: Component; argv: string[]; version?: KubeVersion; expected: [string, string, string | undefined][] }[] = [
    { name: 'insecure port on 1.30 is removed', component: 'kube-apiserver', argv: ['kube-apiserver', '--insecure-port=0', '--secure-port=6443'], version: v(30), expected: [['--insecure-port', 'removed', '/spec/argv/1']] },
    { name: 'insecure port on 1.23 is deprecated', component: 'kube-apiserver', argv: ['kube-apiserver', '--insecure-port', '0'], version: v(23), expected: [['--insecure-port', 'deprecated', '/spec/argv/1']] },
    { name: 'unknown version', component: 'kube-apiserver', argv: ['kube-apiserver', '--basic-auth-file=/x.csv'], expected: [['--basic-auth-file', 'removedUnknownVersion', '/spec/argv/1']] },
    { name: 'admission-control is deprecated whatever the version', component: 'kube-apiserver', argv: ['kube-apiserver', '--admission-control=NodeRestriction'], version: v(33), expected: [['--admission-control', 'deprecated', '/spec/argv/1']] },
    {
      name: 'plugins in any of the three list flags',
      component: 'kube-apiserver',
      argv: ['kube-apiserver', '--enable-admission-plugins=NodeRestriction,PodSecurityPolicy', '--disable-admission-plugins', 'SecurityContextDeny'],
      version: v(29),
      expected: [['PodSecurityPolicy in --enable-admission-plugins', 'removed', '/spec/argv/1'], ['SecurityContextDeny in --disable-admission-plugins', 'deprecated', '/spec/argv/3']],
    },
    { name: 'plugin name must match a whole element', component: 'kube-apiserver', argv: ['kube-apiserver', '--enable-admission-plugins=PodSecurity,NodeRestriction'], version: v(30), expected: [] },
    { name: 'flags are per component: --port on the scheduler has no effect', component: 'kube-scheduler', argv: ['kube-scheduler', '--port=0'], version: v(30), expected: [['--port', 'noEffect', '/spec/argv/1']] },
    { name: 'scheduler --port before 1.23 still serves', component: 'kube-scheduler', argv: ['kube-scheduler', '--port=10251'], version: v(22), expected: [['--port', 'deprecated', '/spec/argv/1']] },
    { name: 'controller-manager --address on 1.24', component: 'kube-controller-manager', argv: ['kube-controller-manager', '--address=127.0.0.1'], version: v(24), expected: [['--address', 'removed', '/spec/argv/1']] },
    { name: 'kubelet --allow-privileged', component: 'kubelet', argv: ['/usr/bin/kubelet', '--allow-privileged=true'], version: v(14), expected: [['--allow-privileged', 'deprecated', '/spec/argv/1']] },
    { name: 'etcd has none', component: 'etcd', argv: ['etcd', '--port=1'], version: v(30), expected: [] },
    { name: 'nothing removed', component: 'kube-apiserver', argv: ['kube-apiserver', '--secure-port=6443', '--bind-address=0.0.0.0'], version: v(30), expected: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const hits = findRemovedSettings(instance(c.component, c.argv), c.version);
      assert.deepEqual(hits.map((h) => [h.display, h.status, h.pointer]), c.expected);
    });
  }

  it('every row has a source URL and advice ending with a period', () => {
    for (const s of REMOVED_SETTINGS) {
      assert.ok(s.sources.length > 0 && s.sources.every((u) => u.startsWith('https://')), s.name);
      assert.ok(s.advice.endsWith('.'), s.name);
      assert.ok(s.removedIn || s.deprecatedIn || s.noEffectSince, s.name);
    }
  });
});

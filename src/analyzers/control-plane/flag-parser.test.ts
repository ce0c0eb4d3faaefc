import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Inventory } from '../../inventory/inventory.js';
import { readInputs } from '../../sources/read-inputs.js';
import { oraclesDir } from '../../testing/repo-root.js';
import { parseArgs, shellSplit } from './flag-parser.js';
import { collectInstances } from './instances.js';
import type { Component } from './types.js';

const ptrs = (argv: string[]): string[] => argv.map((_, i) => `/a/${i}`);
const parse = (component: Component, argv: string[]) => parseArgs(argv, ptrs(argv), component);

interface FlagCase {
  name: string;
  component: Component;
  argv: string[];
  flag: string;
  /** undefined = not set */
  value: string | undefined;
  pointers?: string[];
  positional?: string[];
}

const CASES: FlagCase[] = [
  { name: '--f=v', component: 'kube-apiserver', argv: ['kube-apiserver', '--audit-log-maxage=30'], flag: '--audit-log-maxage', value: '30', pointers: ['/a/1'] },
  { name: '--f v (split list items)', component: 'kube-apiserver', argv: ['kube-apiserver', '--audit-log-maxage', '30'], flag: '--audit-log-maxage', value: '30', pointers: ['/a/1', '/a/2'] },
  { name: 'bare boolean', component: 'kube-apiserver', argv: ['kube-apiserver', '--profiling'], flag: '--profiling', value: 'true' },
  { name: 'bare flag followed by another flag', component: 'kube-apiserver', argv: ['kube-apiserver', '--token-auth-file', '--profiling=false'], flag: '--token-auth-file', value: 'true' },
  { name: '--bool value: value stays a stray argument', component: 'kube-apiserver', argv: ['kube-apiserver', '--profiling', 'false'], flag: '--profiling', value: 'true', positional: ['false'] },
  { name: '--bool=false', component: 'kube-scheduler', argv: ['kube-scheduler', '--profiling=false'], flag: '--profiling', value: 'false' },
  { name: 'kubelet boolean with =', component: 'kubelet', argv: ['kubelet', '--anonymous-auth=false'], flag: '--anonymous-auth', value: 'false' },
  { name: 'kubelet non-boolean with space', component: 'kubelet', argv: ['kubelet', '--read-only-port', '0'], flag: '--read-only-port', value: '0' },
  { name: 'repeated scalar: last wins', component: 'kube-apiserver', argv: ['kube-apiserver', '--profiling=true', '--profiling=false'], flag: '--profiling', value: 'false', pointers: ['/a/1', '/a/2'] },
  { name: 'repeated list flag concatenates', component: 'kube-apiserver', argv: ['kube-apiserver', '--enable-admission-plugins=NodeRestriction', '--enable-admission-plugins', 'AlwaysPullImages'], flag: '--enable-admission-plugins', value: 'NodeRestriction,AlwaysPullImages' },
  { name: 'feature gates merge, later key wins', component: 'kubelet', argv: ['kubelet', '--feature-gates=A=true,RotateKubeletServerCertificate=true', '--feature-gates=RotateKubeletServerCertificate=false'], flag: '--feature-gates', value: 'A=true,RotateKubeletServerCertificate=false' },
  { name: 'underscore separator', component: 'kube-apiserver', argv: ['kube-apiserver', '--audit_log_path=/var/log/a.log'], flag: '--audit-log-path', value: '/var/log/a.log' },
  { name: 'name looked up without dashes', component: 'kube-apiserver', argv: ['kube-apiserver', '--secure-port=6443'], flag: 'secure-port', value: '6443' },
  { name: 'etcd single dash', component: 'etcd', argv: ['etcd', '-client-cert-auth=true', '-cert-file', '/p/server.crt'], flag: '--cert-file', value: '/p/server.crt' },
  { name: 'etcd single-dash boolean', component: 'etcd', argv: ['etcd', '-client-cert-auth'], flag: '--client-cert-auth', value: 'true' },
  { name: 'empty value', component: 'kube-apiserver', argv: ['kube-apiserver', '--token-auth-file='], flag: '--token-auth-file', value: '' },
  { name: 'value with = inside', component: 'kube-apiserver', argv: ['kube-apiserver', '--runtime-config=api/all=true'], flag: '--runtime-config', value: 'api/all=true' },
  { name: 'absent flag', component: 'kube-apiserver', argv: ['kube-apiserver', '--profiling=false'], flag: '--audit-log-path', value: undefined },
  { name: 'flag text inside another value is not a flag', component: 'kube-apiserver', argv: ['kube-apiserver', '--x=--profiling'], flag: '--profiling', value: undefined },
  { name: 'hyperkube subcommand', component: 'kube-apiserver', argv: ['/hyperkube', 'apiserver', '--secure-port=443'], flag: '--secure-port', value: '443' },
  { name: 'args-only (no binary)', component: 'kube-scheduler', argv: ['--profiling=false', '--bind-address=127.0.0.1'], flag: '--bind-address', value: '127.0.0.1' },
  { name: 'after -- everything is positional', component: 'kube-apiserver', argv: ['kube-apiserver', '--', '--profiling=false'], flag: '--profiling', value: undefined, positional: ['--profiling=false'] },
  { name: 'path binary', component: 'kube-apiserver', argv: ['/usr/local/bin/kube-apiserver', '--secure-port', '6443'], flag: '--secure-port', value: '6443' },
];

describe('parseArgs', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const args = parse(c.component, c.argv);
      assert.equal(args.get(c.flag)?.value, c.value);
      assert.equal(args.has(c.flag), c.value !== undefined);
      if (c.pointers) assert.deepEqual(args.get(c.flag)?.occurrences.map((o) => o.pointer), c.pointers);
      if (c.positional) assert.deepEqual(args.positional.map((p) => p.value), c.positional);
      assert.equal(args.text, c.argv.join(' '));
    });
  }

  it('names the binary and lists flags in first-seen order with dashes', () => {
    const args = parse('kube-apiserver', ['/usr/local/bin/kube-apiserver', '--b=1', '--a', '--b=2']);
    assert.equal(args.binary, '/usr/local/bin/kube-apiserver');
    assert.deepEqual(args.names(), ['--b', '--a']);
    assert.equal(args.get('--b')?.name, '--b');
  });
});

describe('shellSplit', () => {
  const table: [string, string[]][] = [
    ['kube-apiserver --a=b  --c d', ['kube-apiserver', '--a=b', '--c', 'd']],
    ['--flag="a b" --x=\'c d\'', ['--flag=a b', '--x=c d']],
    ['--e=a\\ b "q\\"x"', ['--e=a b', 'q"x']],
    ['', []],
  ];
  for (const [line, words] of table) it(JSON.stringify(line), () => assert.deepEqual(shellSplit(line).map((w) => w.word), words));
});

const MINIKUBE = join(oraclesDir(), 'netpol-analyzer', 'tests', 'minikube_resources', 'pods.yaml');

describe('the real minikube v1.23.1 control plane', { skip: !existsSync(MINIKUBE) && 'oracles not present' }, () => {
  it('parses all 27 kube-apiserver flags (28 command items) with per-item pointers', async () => {
    const inputs = await readInputs([MINIKUBE]);
    const instances = collectInstances(new Inventory(inputs.objects));
    const api = instances.filter((i) => i.component === 'kube-apiserver');
    assert.equal(api.length, 1);
    const args = api[0].args;
    assert.equal(args.names().length, 27);
    assert.equal(args.get('--authorization-mode')?.value, 'Node,RBAC');
    assert.equal(args.get('--enable-admission-plugins')?.value.split(',').length, 9);
    assert.equal(args.get('--secure-port')?.value, '8443');
    assert.equal(args.has('--profiling'), false);
    assert.equal(args.get('--tls-cert-file')?.occurrences[0].pointer, '/spec/containers/0/command/26');
    assert.equal(api[0].image, 'k8s.gcr.io/kube-apiserver:v1.23.1');
    assert.deepEqual([api[0].version?.major, api[0].version?.minor, api[0].version?.patch], [1, 23, 1]);
    assert.deepEqual(
      [...new Set(instances.map((i) => i.component))].sort(),
      ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-proxy', 'kube-scheduler'],
    );
    const proxy = instances.find((i) => i.component === 'kube-proxy');
    assert.equal(proxy?.args.get('--config')?.value, '/var/lib/kube-proxy/config.conf');
    assert.equal(proxy?.args.get('--hostname-override')?.value, '$(NODE_NAME)');
  });
});

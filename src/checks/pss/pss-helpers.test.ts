import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { podContainers, podTemplate } from '../../kinds/workloads.js';
import type { K8sObject } from '../../model/types.js';
import { capabilityList, normalizeCapability, pointerSegment, securityContextSites } from './pss-helpers.js';

describe('pss-helpers', () => {
  it('normalizes capability names', () => {
    for (const [input, expected] of [['CAP_SYS_ADMIN', 'SYS_ADMIN'], ['sys_admin', 'SYS_ADMIN'], [' cap_chown ', 'CHOWN'], ['ALL', 'ALL']]) {
      assert.equal(normalizeCapability(input), expected);
    }
  });

  it('escapes pointer segments', () => {
    assert.equal(pointerSegment('container.apparmor.security.beta.kubernetes.io/app'), 'container.apparmor.security.beta.kubernetes.io~1app');
    assert.equal(pointerSegment('a~b'), 'a~0b');
  });

  it('lists pod and container security contexts, and capability items with pointers', () => {
    const obj: K8sObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        template: {
          spec: {
            securityContext: { runAsUser: 1 },
            initContainers: [{ name: 'init' }],
            containers: [{ name: 'app', securityContext: { capabilities: { add: ['CHOWN', 7, 'cap_kill'] } } }],
          },
        },
      },
    };
    const t = podTemplate(obj);
    assert.ok(t);
    assert.deepEqual(securityContextSites(t).map((s) => [s.where, s.pointer]), [
      ['pod', '/spec/template/spec/securityContext'],
      ['container "app"', '/spec/template/spec/containers/0/securityContext'],
    ]);
    const c = podContainers(t)[1];
    assert.equal(c.pointer, '/spec/template/spec/containers/0');
    const add = capabilityList(c, 'add');
    assert.equal(add.present, true);
    assert.deepEqual(add.entries.map((e) => [e.normalized, e.pointer]), [
      ['CHOWN', '/spec/template/spec/containers/0/securityContext/capabilities/add/0'],
      ['KILL', '/spec/template/spec/containers/0/securityContext/capabilities/add/2'],
    ]);
    assert.equal(capabilityList(c, 'drop').present, false);
  });
});

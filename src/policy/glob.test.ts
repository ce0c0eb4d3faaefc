import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anyGlobMatches, globMatches, pathGlobMatches } from './glob.js';

describe('globMatches', () => {
  const cases: [pattern: string, value: string, expected: boolean][] = [
    ['kube-system', 'kube-system', true],
    ['kube-system', 'kube-system-2', false], // whole string, never a prefix
    ['kube-*', 'kube-system', true],
    ['kube-*', 'kube-', true],
    ['kube-*', 'kub', false],
    ['*-canary', 'web-canary', true],
    ['*-canary', 'web-canary-2', false],
    ['*', '', true],
    ['', '', true],
    ['', 'a', false],
    ['?', 'a', true],
    ['?', '', false],
    ['team-?', 'team-a', true],
    ['team-?', 'team-ab', false],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'abcbc', true],
    ['a*b*c', 'aXbY', false],
    ['**', 'anything', true],
    ['*a', 'aaa', true],
    ['a.b', 'axb', false], // regular-expression characters are literal
    ['a.b', 'a.b', true],
    ['(x)+[y]', '(x)+[y]', true],
    ['*-*-*-*-*-prod', 'a-b-c-d-e-prod', true],
    ['*-*-*-*-*-prod', 'a-b-prod', false],
  ];
  for (const [pattern, value, expected] of cases) {
    it(`${JSON.stringify(pattern)} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(value)}`, () => {
      assert.equal(globMatches(pattern, value), expected);
    });
  }

  it('takes at most pattern × value steps on a name chosen to defeat it', () => {
    // As a backtracking RegExp this took about a minute (Node 20).
    const started = performance.now();
    assert.equal(globMatches('*-*-*-*-*-prod', '-'.repeat(253)), false);
    assert.equal(globMatches('*a*a*a*a*a*a*b', 'a'.repeat(253)), false);
    assert.ok(performance.now() - started < 100, `${(performance.now() - started).toFixed(1)} ms`);
  });

  it('anyGlobMatches: no list matches everything, an empty one nothing', () => {
    assert.equal(anyGlobMatches(undefined, 'x'), true);
    assert.equal(anyGlobMatches([], 'x'), false);
    assert.equal(anyGlobMatches(['y', 'x*'], 'xz'), true);
  });
});

describe('pathGlobMatches', () => {
  const cases: [pattern: string, path: string, expected: boolean][] = [
    ['Dockerfile*', 'services/api/Dockerfile.prod', true],
    ['services/**', 'services/api/Dockerfile', true],
    ['services/', 'services/api/Dockerfile', true],
    ['services/*/Dockerfile', 'services/api/Dockerfile', true],
    ['services/*/Dockerfile', 'services/api/v2/Dockerfile', false],
    ['./build/**', 'build\\x\\Dockerfile', true],
  ];
  for (const [pattern, path, expected] of cases) {
    it(`${JSON.stringify(pattern)} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(path)}`, () => {
      assert.equal(pathGlobMatches(pattern, path), expected);
    });
  }
});

/**
 * Conformance with Polaris' webhook test cases (`../shared/oracles/polaris/test/webhook_cases/`): every
 * `passing_test.*` file must be admitted and every `failing_test.*` file denied by Bulwark's webhook with
 * the default configuration. Each YAML document is wrapped in an AdmissionReview CREATE (namespace
 * `default`, as kubectl sends it for a manifest without one) and answered by the same parse → decide path
 * the server runs; a file is admitted when every one of its documents is.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import yaml from 'js-yaml';
import { defaultAdmissionPolicy, type AdmissionPolicy } from '../../src/server/admission-evaluator.js';
import { parseAdmissionReview } from '../../src/server/admission-review.js';
import { CASES_DIR, DELIBERATE_DIFFERENCES } from './polaris-webhook-expectations.js';

function policy(): AdmissionPolicy {
  return defaultAdmissionPolicy();
}

interface FileVerdict {
  file: string;
  expected: 'admitted' | 'denied';
  actual: 'admitted' | 'denied';
  /** The checks that denied, per document. */
  denying: string[];
}

function judge(p: AdmissionPolicy, file: string): FileVerdict {
  const docs = yaml.loadAll(readFileSync(join(CASES_DIR, file), 'utf8')).filter((d): d is Record<string, unknown> => d !== null && typeof d === 'object');
  assert.ok(docs.length > 0, `${file}: no documents`);
  const denying: string[] = [];
  let admitted = true;
  docs.forEach((doc, i) => {
    const [group, version] = String(doc.apiVersion).includes('/') ? String(doc.apiVersion).split('/') : ['', String(doc.apiVersion)];
    const body = JSON.stringify({
      apiVersion: 'admission.k8s.io/v1',
      kind: 'AdmissionReview',
      request: {
        uid: `${file}#${i}`,
        kind: { group, version, kind: doc.kind },
        operation: 'CREATE',
        namespace: 'default',
        userInfo: { username: 'conformance' },
        object: doc,
      },
    });
    const decision = p.decide(parseAdmissionReview(body));
    if (!decision.review.response.allowed) {
      admitted = false;
      denying.push(...decision.denying);
    }
  });
  return { file, expected: file.startsWith('passing_test.') ? 'admitted' : 'denied', actual: admitted ? 'admitted' : 'denied', denying: [...new Set(denying)].sort() };
}

describe('Polaris webhook cases', { skip: existsSync(CASES_DIR) ? false : `oracle not found at ${CASES_DIR} (skipped)` }, () => {
  it('admits every passing_test.* and denies every failing_test.* (deliberate differences excepted)', () => {
    const files = readdirSync(CASES_DIR).filter((f) => /^(passing|failing)_test\..+\.ya?ml$/.test(f)).sort();
    assert.ok(files.length >= 20, `expected the Polaris webhook cases, found ${files.length} files`);
    const p = policy();
    const verdicts = files.map((f) => judge(p, f));
    const agree = verdicts.filter((v) => v.actual === (DELIBERATE_DIFFERENCES[v.file]?.bulwark ?? v.expected));
    const lines = verdicts.map((v) => {
      const mark = v.actual === v.expected ? 'agree ' : DELIBERATE_DIFFERENCES[v.file]?.bulwark === v.actual ? 'differ' : 'WRONG ';
      return `  ${mark} ${v.file.padEnd(45)} expected ${v.expected.padEnd(8)} bulwark ${v.actual.padEnd(8)} ${v.denying.join(', ')}`;
    });
    const strict = verdicts.filter((v) => v.actual === v.expected).length;
    console.log(`Polaris webhook cases: ${agree.length}/${verdicts.length} agree (${strict}/${verdicts.length} identical, ${Object.keys(DELIBERATE_DIFFERENCES).length} deliberate difference)`);
    console.log(lines.join('\n'));
    for (const [file, d] of Object.entries(DELIBERATE_DIFFERENCES)) console.log(`  deliberate: ${file}: ${d.reason}`);

    const wrong = verdicts.filter((v) => v.actual !== (DELIBERATE_DIFFERENCES[v.file]?.bulwark ?? v.expected));
    assert.deepEqual(wrong.map((v) => `${v.file}: expected ${v.expected}, got ${v.actual} (${v.denying.join(', ')})`), []);
    for (const file of Object.keys(DELIBERATE_DIFFERENCES)) assert.ok(files.includes(file), `deliberate difference for a missing file: ${file}`);
  });

  it('the annotated Deployment is denied for privilege escalation, not for the annotation', () => {
    const v = judge(policy(), 'passing_test.deployment.annotations.yaml');
    assert.equal(v.actual, 'denied');
    assert.deepEqual(v.denying, ['no-privilege-escalation']);
  });
});

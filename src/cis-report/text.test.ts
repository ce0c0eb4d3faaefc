import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SAMPLE_OPTIONS, assertCisGolden, sampleCisReport } from './sample-cis-report.js';
import { renderCisText } from './text.js';

describe('cis text report', () => {
  it('matches the golden report', () => {
    assertCisGolden('report.txt', renderCisText(sampleCisReport(), SAMPLE_OPTIONS));
  });

  it('has the kube-bench shape: section and group headers, one status line per id, summaries', () => {
    const lines = renderCisText(sampleCisReport(), SAMPLE_OPTIONS).split('\n');
    const table: [string, RegExp][] = [
      ['section header', /^\[INFO\] 1 Control Plane Security Configuration$/],
      ['group header', /^\[INFO\] 1\.2 API Server$/],
      ['etcd group', /^\[INFO\] 2 Etcd Node Configuration$/],
      ['fail line', /^\[FAIL\] 1\.2\.15 Ensure that the --profiling argument is set to false \(Automated\)$/],
      ['failing instance only', /^ {7}expected --profiling=false · found not set \(Kubernetes default: true\) · kube-apiserver \(manifests-cp2\/kube-apiserver\.yaml:1\)$/],
      ['manual with hint', /^\[MANUAL\] 1\.2\.1 .* \(Manual\) {2}— likely fails: not set \(Kubernetes default: true\)$/],
      ['manual with reason', /^\[MANUAL\] 2\.7 .* — likely passes: etcd has its own CA file/],
      ['info with reason', /^\[INFO\] 4\.1\.1 .* — needs --node or --file-stats$/],
      ['remediation with location', /^1\.2\.15 Add --profiling=false to the kube-apiserver command\. \(in manifests-cp2\/kube-apiserver\.yaml:20, \/spec\/containers\/0\/command\)$/],
      ['remediation of a process', /^4\.2\.2 Set authorization\.mode to Webhook in the KubeletConfiguration\. \(in node\/ps\.txt:4\)$/],
      ['file remediation', /^1\.1\.1 Run chmod 600 .* \(in \/etc\/kubernetes\/manifests\/kube-apiserver\.yaml\)$/],
      ['section summary', /^== Summary master ==$/],
      ['version', /^Kubernetes version: 1\.30\.2 \(image registry\.k8s\.io\/kube-apiserver:v1\.30\.2\)$/],
      ['removed flag note', /^kube-apiserver \(manifests-cp2\/kube-apiserver\.yaml:1\): --insecure-port was removed/],
      ['input problem', /^error +manifests\/broken\.yaml:3: invalid YAML/],
      ['total', /^== Summary total ==$/],
    ];
    for (const [what, re] of table) assert.ok(lines.some((l) => re.test(l)), `${what}: ${re}`);
    assert.ok(!lines.some((l) => l.includes('manifests/kube-apiserver.yaml:1) ') && l.includes('expected --profiling')), 'the passing instance is not listed under FAIL');
    const total = lines.slice(lines.indexOf('== Summary total ==') + 1).filter(Boolean);
    assert.deepEqual(total, ['3 checks PASS', '3 checks FAIL', '0 checks WARN', '2 checks MANUAL', '1 checks INFO']);
    const master = lines.slice(lines.indexOf('== Summary master ==') + 1, lines.indexOf('== Summary master ==') + 6);
    assert.deepEqual(master, ['1 checks PASS', '2 checks FAIL', '0 checks WARN', '1 checks MANUAL', '0 checks INFO']);
  });

  it('--kube-bench-states shows kube-bench states and its four summary lines', () => {
    const text = renderCisText(sampleCisReport(), { ...SAMPLE_OPTIONS, kubeBenchStates: true });
    assert.match(text, /^\[WARN\] 1\.2\.1 /m);
    assert.doesNotMatch(text, /\[MANUAL\]/);
    const total = text.split('== Summary total ==\n')[1].trim().split('\n');
    assert.deepEqual(total, ['3 checks PASS', '3 checks FAIL', '2 checks WARN', '1 checks INFO']);
  });

  it('--no-remediations drops the remediation sections only', () => {
    const text = renderCisText(sampleCisReport(), { ...SAMPLE_OPTIONS, remediations: false });
    assert.doesNotMatch(text, /== Remediations/);
    assert.match(text, /== Summary master ==/);
  });

  it('colours only when asked', () => {
    assert.doesNotMatch(renderCisText(sampleCisReport(), SAMPLE_OPTIONS), /\u001b\[/);
    const coloured = renderCisText(sampleCisReport(), { ...SAMPLE_OPTIONS, color: true });
    assert.match(coloured, /\u001b\[31m\[FAIL\]/);
    assert.match(coloured, /\u001b\[36m\[MANUAL\]/);
  });

  it('says so when the version is unknown and prints no empty sections', () => {
    const report = { ...sampleCisReport(), version: undefined, notes: [], problems: [] };
    const text = renderCisText(report, SAMPLE_OPTIONS);
    assert.match(text, /^Kubernetes version: unknown .*--k8s-version\)$/m);
    assert.doesNotMatch(text, /Input problems/);
    assert.doesNotMatch(text, /\[INFO\] 3 Control Plane Configuration/);
  });
});

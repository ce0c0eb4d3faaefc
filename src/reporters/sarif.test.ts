import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ScanResult } from '../engine/run.js';
import { assertValidSarif, isValidSarif } from '../testing/sarif-schema.js';
import { FINGERPRINT_KEY, pascalCase, renderSarif } from './sarif.js';
import { FIXTURE_OPTIONS, assertGolden, fixtureResult } from './sample-scan-result.js';

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: { id: string; name: string; helpUri: string; defaultConfiguration: { level: string }; properties: Record<string, unknown> }[] } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications?: { level: string; message: { text: string }; locations?: unknown[] }[] }[];
    originalUriBaseIds: Record<string, { uri: string }>;
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation?: { artifactLocation: { uri: string; uriBaseId?: string }; region?: { startLine: number; startColumn?: number } }; logicalLocations: { name: string; kind: string; fullyQualifiedName: string }[] }[];
      partialFingerprints: Record<string, string>;
      suppressions?: { kind: string; justification: string }[];
    }[];
  }[];
}

describe('sarif reporter', () => {
  it('matches the golden report', () => {
    assertGolden('report.sarif', renderSarif(fixtureResult(), FIXTURE_OPTIONS));
  });

  it('validates against the official SARIF 2.1.0 JSON schema', () => {
    assertValidSarif(renderSarif(fixtureResult(), FIXTURE_OPTIONS));
  });

  it('validates with no findings and no problems, and still lists every rule', () => {
    const empty: ScanResult = { ...fixtureResult(), findings: [], problems: [] };
    const text = renderSarif(empty, FIXTURE_OPTIONS);
    assertValidSarif(text);
    const log = JSON.parse(text) as SarifLog;
    assert.deepEqual(log.runs[0].results, []);
    assert.equal(log.runs[0].tool.driver.rules.length, 7);
    assert.equal(log.runs[0].invocations[0].toolExecutionNotifications, undefined);
  });

  it('rejects what the schema forbids (the validator is not vacuous)', () => {
    const log = JSON.parse(renderSarif(fixtureResult(), FIXTURE_OPTIONS)) as SarifLog;
    (log.runs[0].results[1] as { level: string }).level = 'critical';
    assert.equal(isValidSarif(log), false);
    const relativeHelp = JSON.parse(renderSarif(fixtureResult(), FIXTURE_OPTIONS)) as SarifLog;
    relativeHelp.runs[0].tool.driver.rules[0].helpUri = 'docs/checks/no-privileged-container.md';
    assert.equal(isValidSarif(relativeHelp), false);
  });

  it('maps checks to rules with GitHub code scanning metadata', () => {
    const log = JSON.parse(renderSarif(fixtureResult(), FIXTURE_OPTIONS)) as SarifLog;
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.version, '2.1.0');
    const driver = log.runs[0].tool.driver;
    assert.equal(driver.name, 'bulwark');
    assert.equal(driver.version, '1.2.3');
    const rule = driver.rules[0];
    assert.equal(rule.id, 'no-privileged-container');
    assert.equal(rule.name, 'NoPrivilegedContainer');
    assert.equal(rule.helpUri, 'https://github.com/bulwark-sec/bulwark/blob/main/docs/checks/no-privileged-container.md');
    assert.equal(rule.defaultConfiguration.level, 'error');
    assert.deepEqual(rule.properties, { tags: ['workload', 'deploy', 'security'], 'security-severity': '8.0', precision: 'high' });
    assert.deepEqual(driver.rules.map((r) => r.defaultConfiguration.level), ['error', 'warning', 'note', 'error', 'note', 'error', 'error']);
    assert.equal(pascalCase('no-run-as-root-2'), 'NoRunAsRoot2');
  });

  it('maps findings to results with relative locations, logical locations and suppressions', () => {
    const run = (JSON.parse(renderSarif(fixtureResult(), FIXTURE_OPTIONS)) as SarifLog).runs[0];
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///srv/demo/' } });
    const [cluster, , dbPrivileged, , , , latest] = run.results;
    assert.equal(cluster.locations[0].physicalLocation, undefined);
    assert.deepEqual(cluster.locations[0].logicalLocations, [
      { name: 'ClusterRoleBinding/ops-admin', kind: 'resource', fullyQualifiedName: 'prod-eu:rbac.authorization.k8s.io/v1/ClusterRoleBinding/ops-admin' },
    ]);
    assert.deepEqual(dbPrivileged.locations[0].physicalLocation, {
      artifactLocation: { uri: 'deploy/db.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 28, startColumn: 23 },
    });
    assert.equal(dbPrivileged.locations[0].logicalLocations[0].name, 'StatefulSet/prod/db');
    assert.equal(run.tool.driver.rules[dbPrivileged.ruleIndex].id, dbPrivileged.ruleId);
    assert.deepEqual(dbPrivileged.suppressions, [{ kind: 'external', justification: 'Legacy storage driver needs it until Q3 (OPS-123).' }]);
    assert.deepEqual(latest.suppressions, [{ kind: 'inSource', justification: 'Rebuilt nightly & pinned by digest at deploy time.' }]);
    for (const r of run.results) assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
  });

  it('reports input problems as tool execution notifications', () => {
    const run = (JSON.parse(renderSarif(fixtureResult(), FIXTURE_OPTIONS)) as SarifLog).runs[0];
    assert.equal(run.invocations[0].executionSuccessful, true);
    assert.deepEqual(run.invocations[0].toolExecutionNotifications, [
      {
        level: 'error',
        message: { text: 'invalid YAML: bad indentation of a mapping entry' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'deploy/broken.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 4 } } }],
      },
      {
        level: 'note',
        message: { text: 'document 2 has no apiVersion/kind; skipped' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'deploy/notes.yaml', uriBaseId: '%SRCROOT%' } } }],
      },
    ]);
  });

  it('fingerprints findings stably: same check, object and path → same hash, whatever file or line', () => {
    const a = JSON.parse(renderSarif(fixtureResult(), FIXTURE_OPTIONS)) as SarifLog;
    const moved = fixtureResult();
    for (const f of moved.findings) if ('file' in f.location) f.location = { file: '/elsewhere/x.yaml', line: f.location.line + 7, column: 1 };
    const b = JSON.parse(renderSarif(moved, FIXTURE_OPTIONS)) as SarifLog;
    const prints = (log: SarifLog) => log.runs[0].results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]);
    assert.deepEqual(prints(a), prints(b));
    assert.equal(new Set(prints(a)).size, prints(a).length, 'distinct findings, distinct fingerprints');
    for (const p of prints(a)) assert.match(p, /^[0-9a-f]{64}$/);
  });

  it('uses an absolute file URI for files outside cwd, percent-encodes odd names, and stays valid', () => {
    const result = fixtureResult();
    result.findings[1].location = { file: '/other/place/app.yaml', line: 3, column: 5 };
    result.findings[2].location = { file: '/srv/demo/my dir/ü#1.yaml', line: 3, column: 5 };
    const text = renderSarif(result, FIXTURE_OPTIONS);
    assertValidSarif(text);
    const results = (JSON.parse(text) as SarifLog).runs[0].results;
    assert.deepEqual(results[1].locations[0].physicalLocation?.artifactLocation, { uri: 'file:///other/place/app.yaml' });
    assert.deepEqual(results[2].locations[0].physicalLocation?.artifactLocation, { uri: 'my%20dir/%C3%BC%231.yaml', uriBaseId: '%SRCROOT%' });
  });
});

import type { ScanResult } from '../engine/run.js';
import type { Finding } from '../model/types.js';
import { compareFindings, locationLabel, resourceLabel } from './paths.js';
import type { ReportOptions, Reporter } from './reporter.js';
import { xmlAttr, xmlText } from './xml.js';

interface Suite {
  id: string;
  findings: Finding[];
}

/**
 * JUnit XML for CI test tabs: one <testsuite> per check that ran, one <testcase> per finding
 * (a failure, or skipped when suppressed); a check without findings gets one passing "no findings" case.
 */
export const renderJunit: Reporter = (result: ScanResult, options: ReportOptions): string => {
  const byCheck = new Map<string, Finding[]>(result.checks.map((m) => [m.id, []]));
  for (const f of [...result.findings].sort(compareFindings)) {
    let list = byCheck.get(f.checkId);
    if (!list) byCheck.set(f.checkId, (list = []));
    list.push(f);
  }
  const suites: Suite[] = [...byCheck].map(([id, findings]) => ({ id, findings }));

  const total = { tests: 0, failures: 0, skipped: 0 };
  const body: string[] = [];
  for (const suite of suites) {
    const failures = suite.findings.filter((f) => !f.suppressed).length;
    const skipped = suite.findings.length - failures;
    const tests = Math.max(1, suite.findings.length);
    total.tests += tests;
    total.failures += failures;
    total.skipped += skipped;
    body.push(`  <testsuite name="${xmlAttr(suite.id)}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}">`);
    if (suite.findings.length === 0) body.push(`    <testcase name="no findings" classname="${xmlAttr(suite.id)}"/>`);
    for (const f of suite.findings) body.push(...testcase(f, options.cwd));
    body.push('  </testsuite>');
  }

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="bulwark" tests="${total.tests}" failures="${total.failures}" errors="0" skipped="${total.skipped}">`,
    ...body,
    '</testsuites>',
    '',
  ].join('\n');
};

function testcase(f: Finding, cwd: string): string[] {
  const name = `${resourceLabel(f.resource)} ${f.path}`;
  const open = `    <testcase name="${xmlAttr(name)}" classname="${xmlAttr(f.checkId)}">`;
  if (f.suppressed) {
    return [open, `      <skipped message="${xmlAttr(`suppressed: ${f.suppressed.reason}`)}"/>`, '    </testcase>'];
  }
  const details = [
    f.message,
    `Location: ${locationLabel(f.location, cwd)}`,
    `Path: ${f.path}`,
    `Severity: ${f.severity}`,
    `Remediation: ${f.remediation}`,
  ].join('\n');
  return [
    open,
    `      <failure message="${xmlAttr(f.message)}" type="${xmlAttr(f.severity)}">${xmlText(details)}</failure>`,
    '    </testcase>',
  ];
}

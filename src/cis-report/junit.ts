import type { CisReport, CisResult } from '../cis/types.js';
import { xmlAttr, xmlText } from '../reporters/xml.js';
import { decisiveInstances, expectedResultOf, shownStatus, type CisReportOptions } from './common.js';

/**
 * JUnit XML for CI test tabs: one <testsuite> per benchmark group (1.1, 1.2 …), one <testcase> per control.
 * FAIL → <failure>; MANUAL, WARN and INFO → <skipped> with the hint or reason; PASS → a plain test case.
 */
export function renderCisJunit(report: CisReport, options: CisReportOptions): string {
  const groupTitles = new Map(report.groups.map((g) => [g.id, g.title]));
  const byGroup = new Map<string, CisResult[]>();
  for (const r of report.results) {
    let list = byGroup.get(r.control.group);
    if (!list) byGroup.set(r.control.group, (list = []));
    list.push(r);
  }

  const total = { tests: 0, failures: 0, skipped: 0 };
  const body: string[] = [];
  for (const [group, results] of byGroup) {
    const failures = results.filter((r) => shownStatus(r, options) === 'FAIL').length;
    const skipped = results.filter((r) => !['PASS', 'FAIL'].includes(shownStatus(r, options))).length;
    total.tests += results.length;
    total.failures += failures;
    total.skipped += skipped;
    const name = `${report.benchmark} ${group} ${groupTitles.get(group) ?? ''}`.trimEnd();
    body.push(`  <testsuite name="${xmlAttr(name)}" tests="${results.length}" failures="${failures}" errors="0" skipped="${skipped}">`);
    for (const r of results) body.push(...testcase(r, report.benchmark, options));
    body.push('  </testsuite>');
  }

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="bulwark cis" tests="${total.tests}" failures="${total.failures}" errors="0" skipped="${total.skipped}">`,
    ...body,
    '</testsuites>',
    '',
  ].join('\n');
}

function testcase(r: CisResult, benchmark: string, options: CisReportOptions): string[] {
  const open = `    <testcase name="${xmlAttr(`${r.control.id} ${r.control.title}`)}" classname="${xmlAttr(`${benchmark}.${r.control.group}`)}"`;
  const status = shownStatus(r, options);
  if (status === 'PASS') return [`${open}/>`];
  if (status === 'FAIL') {
    const message = `expected ${r.expected}; found ${r.found}`;
    const details = [
      message,
      ...decisiveInstances(r).map((i) => `${i.instance}: ${i.found}${i.pointer ? ` (${i.pointer})` : ''}`),
      `kube-bench test: ${expectedResultOf(r)}`,
      `Remediation: ${r.control.remediation}`,
    ].join('\n');
    return [`${open}>`, `      <failure message="${xmlAttr(message)}" type="${xmlAttr(r.control.severity)}">${xmlText(details)}</failure>`, '    </testcase>'];
  }
  const why = [status === 'INFO' ? 'no input' : 'manual review', r.hint, r.reason ?? r.found].filter((s) => s !== undefined && s !== '').join(': ');
  return [`${open}>`, `      <skipped message="${xmlAttr(why)}"/>`, '    </testcase>'];
}

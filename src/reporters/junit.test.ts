import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ScanResult } from '../engine/run.js';
import { renderJunit } from './junit.js';
import { FIXTURE_OPTIONS, assertGolden, fixtureResult } from './sample-scan-result.js';
import { xmlAttr, xmlText } from './xml.js';

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const XML_CHAR = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const REFERENCE = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/y;

function decode(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/g, (_, e: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (e in named) return named[e];
    return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

/** Checks character data: only legal XML 1.0 characters, no raw '<', every '&' a well-formed reference. */
function checkCharData(s: string, where: string): void {
  assert.match(s, XML_CHAR, `illegal XML character in ${where}`);
  assert.ok(!s.includes('<'), `raw '<' in ${where}`);
  for (let i = s.indexOf('&'); i !== -1; i = s.indexOf('&', i + 1)) {
    REFERENCE.lastIndex = i;
    assert.ok(REFERENCE.test(s), `bare '&' in ${where}: ${s.slice(i, i + 12)}`);
  }
}

/** A small well-formedness checker for the XML subset the reporter writes (prolog, elements, attributes, text). */
function parseXml(xml: string): XmlElement {
  const prolog = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/.exec(xml);
  assert.ok(prolog, 'XML declaration');
  let i = prolog[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const NAME = '[A-Za-z_][A-Za-z0-9_.-]*';
  const openTag = new RegExp(`<(${NAME})((?:\\s+${NAME}="[^"]*")*)\\s*(/?)>`, 'y');
  const closeTag = new RegExp(`</(${NAME})\\s*>`, 'y');
  while (i < xml.length) {
    if (xml[i] !== '<') {
      const end = xml.indexOf('<', i) === -1 ? xml.length : xml.indexOf('<', i);
      const text = xml.slice(i, end);
      checkCharData(text, `text at ${i}`);
      if (stack.length === 0) assert.match(text, /^\s*$/, 'text outside the root element');
      else stack[stack.length - 1].text += decode(text);
      i = end;
      continue;
    }
    closeTag.lastIndex = i;
    const close = closeTag.exec(xml);
    if (close) {
      const top = stack.pop();
      assert.equal(top?.name, close[1], `mismatched </${close[1]}> at ${i}`);
      i = closeTag.lastIndex;
      continue;
    }
    openTag.lastIndex = i;
    const open = openTag.exec(xml);
    assert.ok(open, `malformed tag at ${i}: ${xml.slice(i, i + 40)}`);
    const element: XmlElement = { name: open[1], attributes: {}, children: [], text: '' };
    for (const m of open[2].matchAll(new RegExp(`(${NAME})="([^"]*)"`, 'g'))) {
      assert.ok(!(m[1] in element.attributes), `duplicate attribute ${m[1]}`);
      checkCharData(m[2], `attribute ${m[1]}`);
      element.attributes[m[1]] = decode(m[2]);
    }
    if (stack.length > 0) stack[stack.length - 1].children.push(element);
    else {
      assert.equal(root, undefined, 'more than one root element');
      root = element;
    }
    if (open[3] !== '/') stack.push(element);
    i = openTag.lastIndex;
  }
  assert.equal(stack.length, 0, 'unclosed elements');
  assert.ok(root, 'no root element');
  return root;
}

describe('junit reporter', () => {
  it('matches the golden report', () => {
    assertGolden('report.junit.xml', renderJunit(fixtureResult(), FIXTURE_OPTIONS));
  });

  it('is well-formed, with one suite per check and consistent counts', () => {
    const root = parseXml(renderJunit(fixtureResult(), FIXTURE_OPTIONS));
    assert.equal(root.name, 'testsuites');
    assert.deepEqual(root.attributes, { name: 'bulwark', tests: '8', failures: '5', errors: '0', skipped: '2' });
    assert.deepEqual(root.children.map((s) => [s.attributes.name, s.attributes.tests, s.attributes.failures, s.attributes.skipped]), [
      ['no-privileged-container', '2', '1', '1'],
      ['require-run-as-non-root', '1', '1', '0'],
      ['no-latest-image-tag', '1', '0', '1'],
      ['no-secret-in-env', '1', '1', '0'],
      ['require-resource-limits', '1', '1', '0'],
      ['no-cluster-admin-binding', '1', '1', '0'],
      ['no-host-path', '1', '0', '0'],
    ]);
    const hostPath = root.children[6].children;
    assert.deepEqual(hostPath.map((c) => [c.name, c.attributes.name, c.children.length]), [['testcase', 'no findings', 0]]);
    const [suppressed, failing] = root.children[0].children;
    assert.equal(failing.attributes.name, 'Deployment prod/web /spec/template/spec/containers/0/securityContext/privileged');
    assert.equal(failing.attributes.classname, 'no-privileged-container');
    assert.deepEqual(failing.children[0].attributes, { message: 'Container "app" runs privileged.', type: 'high' });
    assert.match(failing.children[0].text, /Location: deploy\/web\.yaml:20:23/);
    assert.match(failing.children[0].text, /Remediation: Set securityContext\.privileged to false/);
    assert.deepEqual(suppressed.children.map((c) => [c.name, c.attributes.message]), [['skipped', 'suppressed: Legacy storage driver needs it until Q3 (OPS-123).']]);
  });

  it('escapes markup characters and replaces characters XML 1.0 cannot carry', () => {
    const nasty = 'a <b> & "c" \'d\' \u0001 \u0000 \uFFFE \uD800 ]]> end';
    const result: ScanResult = fixtureResult();
    const f = result.findings[4];
    f.message = nasty;
    f.remediation = `Fix ${nasty}.`;
    f.resource = { ...f.resource, name: `web${nasty}` };
    f.checkId = `check-${nasty}`;
    result.findings[6].suppressed = { by: 'annotation', reason: `multi\nline\t${nasty}` };
    const xml = renderJunit(result, FIXTURE_OPTIONS);
    assert.ok(!xml.includes('\u0001') && !xml.includes('\u0000'));
    const root = parseXml(xml);
    const suite = root.children.find((s) => s.attributes.name.startsWith('check-'));
    assert.ok(suite);
    assert.equal(suite.attributes.name, 'check-a <b> & "c" \'d\' \\u0001 \\u0000 \\uFFFE \\uD800 ]]> end');
    const failure = suite.children[0].children[0];
    assert.equal(failure.attributes.message, 'a <b> & "c" \'d\' \\u0001 \\u0000 \\uFFFE \\uD800 ]]> end');
    assert.match(failure.text, /^a <b> & "c" 'd' \\u0001/);
    const skipped = root.children[2].children[0].children[0];
    assert.equal(skipped.attributes.message, 'suppressed: multi\nline\ta <b> & "c" \'d\' \\u0001 \\u0000 \\uFFFE \\uD800 ]]> end');
  });

  it('escape helpers', () => {
    assert.equal(xmlText(`<&"'>\u0001`), `&lt;&amp;"'&gt;\\u0001`);
    assert.equal(xmlAttr(`<&"'>`), '&lt;&amp;&quot;&apos;&gt;');
    assert.equal(xmlAttr('a\nb\tc\rd'), 'a&#10;b&#9;c&#13;d');
    assert.equal(xmlText('😀 ok'), '😀 ok');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DURATION_BUCKETS, escapeLabel, WebhookMetrics } from './metrics.js';

describe('WebhookMetrics', () => {
  it('renders counters, a cumulative histogram and the start time in the text format', () => {
    const m = new WebhookMetrics(1700000000);
    m.countRequest('denied', 'CREATE');
    m.countRequest('denied', 'CREATE');
    m.countRequest('allowed', 'DELETE');
    m.countFinding('no-privileged-container', 'deny');
    m.observeDuration(0.0004);
    m.observeDuration(0.003);
    m.observeDuration(2);
    const text = m.render();
    const lines = text.trimEnd().split('\n');
    assert.ok(text.endsWith('\n'));
    assert.ok(lines.includes('# TYPE bulwark_admission_requests_total counter'));
    assert.ok(lines.includes('bulwark_admission_requests_total{verdict="denied",operation="CREATE"} 2'));
    assert.ok(lines.includes('bulwark_admission_requests_total{verdict="allowed",operation="DELETE"} 1'));
    assert.ok(lines.includes('# TYPE bulwark_admission_duration_seconds histogram'));
    assert.ok(lines.includes('bulwark_admission_duration_seconds_bucket{le="0.0005"} 1'));
    assert.ok(lines.includes('bulwark_admission_duration_seconds_bucket{le="0.0025"} 1'));
    assert.ok(lines.includes('bulwark_admission_duration_seconds_bucket{le="0.005"} 2'));
    assert.ok(lines.includes('bulwark_admission_duration_seconds_bucket{le="1"} 2'));
    assert.ok(lines.includes('bulwark_admission_duration_seconds_bucket{le="+Inf"} 3'));
    assert.ok(lines.includes('bulwark_admission_duration_seconds_count 3'));
    assert.ok(lines.includes('bulwark_admission_duration_seconds_sum 2.0034'));
    assert.ok(lines.includes('bulwark_admission_findings_total{check="no-privileged-container",enforcement="deny"} 1'));
    assert.ok(lines.includes('# TYPE process_start_time_seconds gauge'));
    assert.ok(lines.includes('process_start_time_seconds 1700000000'));
    // Every sample line is `name{labels} value` or `name value`; every family has HELP and TYPE.
    for (const line of lines) {
      if (line.startsWith('#')) assert.match(line, /^# (HELP|TYPE) [a-z_]+ .+$/);
      else assert.match(line, /^[a-z_]+(\{[a-z]+="[^"]*"(,[a-z]+="[^"]*")*\})? [0-9.e+-]+$/);
    }
    assert.equal(lines.filter((l) => l.startsWith('bulwark_admission_duration_seconds_bucket')).length, DURATION_BUCKETS.length + 1);
  });

  it('starts at the process start time by default', () => {
    const start = Number(/process_start_time_seconds (\d+)/.exec(new WebhookMetrics().render())?.[1]);
    assert.ok(Math.abs(start - (Date.now() / 1000 - process.uptime())) < 2);
  });

  it('escapes label values', () => {
    assert.equal(escapeLabel('a"b\\c\nd'), 'a\\"b\\\\c\\nd');
  });
});

/**
 * The webhook's Prometheus metrics, written by hand in the text exposition format 0.0.4: request counts by
 * verdict and operation, a latency histogram, findings by check and enforcement, and the process start time.
 * Label values are bounded (verdicts, operations, registered check ids), so cardinality is too.
 */

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Seconds; the issue's latency target (5 ms) falls between two buckets' edges, so it can be read off. */
export const DURATION_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] as const;

export class WebhookMetrics {
  private readonly requests = new Map<string, number>();
  private readonly findings = new Map<string, number>();
  private readonly bucketCounts = new Array<number>(DURATION_BUCKETS.length).fill(0);
  private durationSum = 0;
  private durationCount = 0;
  /** Decision workers replaced after a crash or an overrun deadline. */
  private workersReplaced = 0;

  constructor(private readonly startTimeSeconds = Math.floor(Date.now() / 1000 - process.uptime())) {}

  countRequest(verdict: string, operation: string): void {
    const key = `verdict="${escapeLabel(verdict)}",operation="${escapeLabel(operation)}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
  }

  countFinding(check: string, enforcement: string): void {
    const key = `check="${escapeLabel(check)}",enforcement="${escapeLabel(enforcement)}"`;
    this.findings.set(key, (this.findings.get(key) ?? 0) + 1);
  }

  countWorkerReplaced(): void {
    this.workersReplaced++;
  }

  observeDuration(seconds: number): void {
    this.durationSum += seconds;
    this.durationCount++;
    for (let i = 0; i < DURATION_BUCKETS.length; i++) if (seconds <= DURATION_BUCKETS[i]) this.bucketCounts[i]++;
  }

  render(): string {
    const lines: string[] = [];
    const family = (name: string, type: string, help: string): void => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    };
    family('bulwark_admission_requests_total', 'counter', 'Admission requests answered, by verdict and operation.');
    for (const [labels, n] of sorted(this.requests)) lines.push(`bulwark_admission_requests_total{${labels}} ${n}`);

    family('bulwark_admission_duration_seconds', 'histogram', 'Time from the complete request body to the response, in seconds.');
    DURATION_BUCKETS.forEach((le, i) => lines.push(`bulwark_admission_duration_seconds_bucket{le="${le}"} ${this.bucketCounts[i]}`));
    lines.push(`bulwark_admission_duration_seconds_bucket{le="+Inf"} ${this.durationCount}`);
    lines.push(`bulwark_admission_duration_seconds_sum ${this.durationSum}`);
    lines.push(`bulwark_admission_duration_seconds_count ${this.durationCount}`);

    family('bulwark_admission_findings_total', 'counter', 'Unsuppressed findings in admission requests, by check and enforcement.');
    for (const [labels, n] of sorted(this.findings)) lines.push(`bulwark_admission_findings_total{${labels}} ${n}`);

    family('bulwark_decision_workers_replaced_total', 'counter', 'Decision workers replaced after a crash or a decision past its deadline.');
    lines.push(`bulwark_decision_workers_replaced_total ${this.workersReplaced}`);

    family('process_start_time_seconds', 'gauge', 'Start time of the process since unix epoch in seconds.');
    lines.push(`process_start_time_seconds ${this.startTimeSeconds}`);
    return `${lines.join('\n')}\n`;
  }
}

function sorted(map: Map<string, number>): [string, number][] {
  return [...map].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** Label values escape backslash, double quote and line feed (exposition format 0.0.4). */
export function escapeLabel(value: string): string {
  return value.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

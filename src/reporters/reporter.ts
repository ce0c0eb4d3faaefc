import type { ScanResult } from '../engine/run.js';

export interface ReportOptions {
  /** ANSI colors in the text report; machine formats ignore it. */
  color: boolean;
  /** Paths in reports are shown relative to this directory (and SARIF's %SRCROOT% is this directory). */
  cwd: string;
  /** Bulwark's own version, written into JSON and SARIF. */
  toolVersion: string;
  /** List suppressed findings in the text report (they are always in json, sarif and junit, marked). */
  showSuppressed?: boolean;
}

/** A reporter turns a scan result into the complete text of one report. Pure: no I/O. */
export type Reporter = (result: ScanResult, options: ReportOptions) => string;

export type {
  CheckMeta, Finding, InputProblem, K8sObject, ObjectRef, Reference, Severity, SourceLocation, Stage, Category,
} from './model/types.js';
export { SEVERITIES, severityRank } from './model/types.js';
export { scan, type ScanOptions } from './scan.js';
export type { ScanResult } from './engine/run.js';
export { BUILTIN_CHECKS } from './checks/index.js';
export { defineCheck, type Check, type CheckContext } from './checks/define-check.js';
export { loadConfig, findConfig, ConfigError, type BulwarkConfig } from './policy/config.js';
export { runCis, type CisOptions, type CisRun } from './cis-scan.js';
export { compareOp } from './cis/semantics/compare-op.js';
export { evaluateTestsOnText } from './cis/semantics/evaluate-tests.js';
export type {
  CisControl, CisInstanceResult, CisReport, CisResult, CisStatus, FileFact, KubeBenchState, NodeType, VersionNote,
} from './cis/types.js';
export { renderCisReport, CIS_FORMATS, type CisFormat, type CisReportOptions } from './cis-report/index.js';

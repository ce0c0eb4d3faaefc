export type {
  CheckMeta, Finding, InputProblem, K8sObject, ObjectRef, Reference, Severity, SourceLocation, Stage, Category,
} from './model/types.js';
export { SEVERITIES, severityRank } from './model/types.js';
export { scan, type ScanOptions } from './scan.js';
export type { ScanResult } from './engine/run.js';
export { BUILTIN_CHECKS } from './checks/index.js';
export { defineCheck, type Check, type CheckContext } from './checks/define-check.js';
export { loadConfig, findConfig, ConfigError, type BulwarkConfig } from './policy/config.js';

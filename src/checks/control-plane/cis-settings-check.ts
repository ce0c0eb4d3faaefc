/**
 * Template for `bulwark scan` checks backed by CIS Kubernetes Benchmark controls: the verdicts come from the CIS
 * evaluator (`controlPlaneAnalyzer`'s memoised `cis()` report); a check reports the FAILed instances of its controls
 * that are anchored on the object being checked, each with that control's id and remediation. Manual controls never
 * produce findings here.
 */
import { controlPlaneAnalyzer } from '../../analyzers/control-plane/control-plane-analyzer.js';
import type { ComponentInstance, ControlPlaneFacts } from '../../analyzers/control-plane/types.js';
import type { CisResult } from '../../cis/types.js';
import type { CheckMeta, K8sObject, Reference, Severity } from '../../model/types.js';
import { defineCheck, type Check, type CheckContext } from '../define-check.js';

export interface CisSettingsCheckSpec {
  id: string;
  severity: Severity;
  /** CIS control ids, e.g. ['1.2.6', '1.2.7']. */
  cis: string[];
  kinds: string[];
  summary: string;
  rationale: string;
  /** General remediation (each finding carries its control's own). Ends with a period. */
  remediation: string;
  /** Extra references after the CIS ids. */
  references?: Reference[];
  /** Messages of `extra` (besides `cisFailed`). */
  messages?: Record<string, string>;
  /** A Bulwark rule beyond the CIS verdicts, run on the instances anchored on the object. */
  extra?: (obj: K8sObject, ctx: CheckContext, instances: ComponentInstance[], facts: ControlPlaneFacts) => void;
}

export const CIS_FAILED_MESSAGE = 'CIS {{cis}}: {{component}} {{found}}; expected {{expected}}.';

export function defineCisSettingsCheck(spec: CisSettingsCheckSpec): Check {
  const wanted = new Set(spec.cis);
  const meta: CheckMeta = {
    id: spec.id,
    category: 'control-plane',
    severity: spec.severity,
    kinds: spec.kinds,
    stage: 'deploy',
    summary: spec.summary,
    rationale: spec.rationale,
    remediation: spec.remediation,
    references: [...spec.cis.map((cis) => ({ cis })), ...(spec.references ?? [])],
    messages: { cisFailed: CIS_FAILED_MESSAGE, ...(spec.messages ?? {}) },
  };
  // The same report serves every object of a scan: keep this check's results per report.
  const resultsOf = new WeakMap<object, CisResult[]>();
  return defineCheck({
    meta,
    check(obj, ctx) {
      const facts = ctx.facts.get(controlPlaneAnalyzer);
      const instances = facts.forAnchor(obj);
      const anchoredHere = instances.length > 0 || facts.forConfigAnchor(obj).length > 0;
      if (anchoredHere) {
        const report = facts.cis();
        let results = resultsOf.get(report);
        if (!results) resultsOf.set(report, (results = report.results.filter((r) => wanted.has(r.control.id) && r.control.automated)));
        for (const result of results) {
          for (const inst of result.instances) {
            if (inst.status !== 'FAIL' || inst.anchor?.object !== obj) continue;
            ctx.report({
              messageId: 'cisFailed',
              data: { cis: result.control.id, title: result.control.title, expected: result.control.expected, found: inst.found, component: inst.component ?? '' },
              path: inst.pointer ?? inst.argvPointer ?? '',
              references: [{ cis: result.control.id }],
              remediation: result.control.remediation,
            });
          }
        }
      }
      if (spec.extra && instances.length > 0) spec.extra(obj, ctx, instances, facts);
    },
  });
}

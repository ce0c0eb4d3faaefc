/**
 * The admission decision for one AdmissionReview: exclusions, the engine on the one object, the verdict
 * (deny / warn / allow, audit mode, break-glass) and the response. Everything that does not depend on the
 * request (check list, configured metas, custom policy reasons) is prepared once, in the constructor.
 */
import type { Check } from '../checks/define-check.js';
import { noExpiredException } from '../checks/config/no-expired-exception.js';
import { noUnusedException } from '../checks/config/no-unused-exception.js';
import { runEngine } from '../engine/run.js';
import { Inventory } from '../inventory/inventory.js';
import { severityRank, type Finding, type K8sObject, type Severity } from '../model/types.js';
import { EMPTY_CONFIG, type BulwarkConfig } from '../policy/config.js';
import { BUILTIN_CHECKS } from '../checks/index.js';
import type { CustomPolicy } from '../policy/custom/policy-types.js';
import { enforcementOf, severityOf } from '../policy/enforcement.js';
import type { AdmissionRequestInfo } from './admission-review.js';
import {
  AUDIT_PREFIX,
  BREAK_GLASS_PREFIX,
  capWarnings,
  denialMessage,
  reviewResponse,
  warningText,
  type AdmissionResponseBody,
  type AdmissionReviewResponse,
} from './admission-response.js';

export type AdmissionMode = 'enforce' | 'audit';
export type AdmissionVerdict = 'allowed' | 'denied' | 'warned' | 'excluded' | 'break_glass' | 'error';

export const DEFAULT_EXCLUDED_NAMESPACES = ['kube-system'];
export const DEFAULT_BREAK_GLASS_ANNOTATION = 'bulwark.dev/break-glass';

export interface AdmissionPolicyOptions {
  config: BulwarkConfig;
  /** Built-in and custom checks. Config-file hygiene checks (unused/expired exceptions) are dropped: they are not about the object. */
  checks: readonly Check[];
  mode: AdmissionMode;
  /** Findings with enforcement `deny` at or above this severity deny the request. */
  denyOn: Severity;
  excludeNamespaces: readonly string[];
  breakGlassAnnotation: string;
  /** Who may break glass: requests from a user in one of these groups (default system:masters). */
  breakGlassGroups?: readonly string[];
  /** Honour `ignore.bulwark.dev/*` annotations (off by default: the workload's author controls them). */
  allowAnnotationSuppressions: boolean;
  /** For tests: the engine's clock. */
  now?: () => Date;
}

/** The webhook as `bulwark webhook serve` runs it without flags: built-in checks, enforce, deny at medium. */
export function defaultAdmissionPolicy(overrides: Partial<AdmissionPolicyOptions> = {}): AdmissionPolicy {
  return new AdmissionPolicy({
    config: EMPTY_CONFIG,
    checks: BUILTIN_CHECKS,
    mode: 'enforce',
    denyOn: 'medium',
    excludeNamespaces: DEFAULT_EXCLUDED_NAMESPACES,
    breakGlassAnnotation: DEFAULT_BREAK_GLASS_ANNOTATION,
    allowAnnotationSuppressions: false,
    ...overrides,
  });
}

export interface AdmissionDecision {
  review: AdmissionReviewResponse;
  verdict: AdmissionVerdict;
  /** Unsuppressed findings (empty when not evaluated). */
  findings: Finding[];
  /** Check ids of the findings that deny (or would deny, in audit mode or under break-glass). */
  denying: string[];
  /** Set when the break-glass annotation let the object in. */
  breakGlassReason?: string;
}

const CONFIG_HYGIENE = new Set([noUnusedException.meta.id, noExpiredException.meta.id]);

export class AdmissionPolicy {
  readonly checks: Check[];
  private readonly excluded: ReadonlySet<string>;
  /** Custom policies whose validations all share one non-default status reason. */
  private readonly policyReasons: Map<string, string>;
  /** Checks that may deny, after config (for the startup line). */
  readonly denyCheckCount: number;

  constructor(readonly options: AdmissionPolicyOptions) {
    this.checks = options.checks.filter((c) => !CONFIG_HYGIENE.has(c.meta.id));
    this.excluded = new Set(options.excludeNamespaces);
    this.policyReasons = policyReasons(options.config.policies ?? []);
    this.denyCheckCount = this.checks.filter(
      (c) =>
        (options.config.checks[c.meta.id]?.enabled ?? true) &&
        enforcementOf(c.meta, options.config) === 'deny' &&
        severityRank(severityOf(c.meta, options.config)) >= severityRank(options.denyOn),
    ).length;
  }

  decide(info: AdmissionRequestInfo): AdmissionDecision {
    const { apiVersion, uid } = info;
    const allow = (verdict: AdmissionVerdict): AdmissionDecision => ({
      review: reviewResponse(apiVersion, { uid, allowed: true }),
      verdict,
      findings: [],
      denying: [],
    });
    if (info.namespace !== '' && this.excluded.has(info.namespace)) return allow('excluded');
    if (info.object === null) return allow('allowed');

    const object = info.object;
    const findings = this.evaluate(object, info);
    // UPDATE: what the stored object already violated is not the author's doing now (a controller scaling an
    // old ReplicaSet down, a finalizer removed, a label added): it is reported, never denied. Objects being
    // deleted are only finishing, as Pod Security Admission also lets them.
    const existing = new Set<string>();
    if (info.operation === 'UPDATE' && info.oldObject) {
      const terminating = object.metadata.deletionTimestamp !== undefined && object.metadata.deletionTimestamp !== null;
      for (const f of terminating ? findings : this.evaluate(info.oldObject, info)) existing.add(findingKey(f));
    }
    const denyRank = severityRank(this.options.denyOn);
    // CREATE (and most UPDATEs) have no pre-existing findings: no key to build then.
    const denies = (f: Finding): boolean => f.enforcement === 'deny' && severityRank(f.severity) >= denyRank && (existing.size === 0 || !existing.has(findingKey(f)));
    const wouldDeny = findings.filter(denies);
    const others = findings.filter((f) => !denies(f));
    const denying = [...new Set(wouldDeny.map((f) => f.checkId))];

    const annotations = object.metadata.annotations;
    const glass = annotations && typeof annotations === 'object' ? annotations[this.options.breakGlassAnnotation] : undefined;
    const reason = typeof glass === 'string' && glass.trim() !== '' ? glass.trim() : undefined;
    const groups = Array.isArray((info.request.userInfo as { groups?: unknown } | undefined)?.groups) ? ((info.request.userInfo as { groups: unknown[] }).groups) : [];
    const allowedGroups = this.options.breakGlassGroups ?? DEFAULT_BREAK_GLASS_GROUPS;
    const mayBreakGlass = groups.some((g) => typeof g === 'string' && allowedGroups.includes(g));
    const breakGlassReason = reason !== undefined && mayBreakGlass ? reason : undefined;

    const warnings: string[] = [];
    let response: AdmissionResponseBody;
    let verdict: AdmissionVerdict;
    if (breakGlassReason !== undefined) {
      for (const f of wouldDeny) warnings.push(warningText(f, BREAK_GLASS_PREFIX));
      verdict = 'break_glass';
      response = { uid, allowed: true, auditAnnotations: { 'break-glass-reason': breakGlassReason.slice(0, 1024), 'would-deny': denying.join(',') } };
    } else if (wouldDeny.length > 0 && this.options.mode === 'enforce') {
      verdict = 'denied';
      response = { uid, allowed: false, status: { code: 403, reason: this.reasonFor(wouldDeny), message: denialMessage(wouldDeny) } };
    } else {
      for (const f of wouldDeny) warnings.push(warningText(f, AUDIT_PREFIX));
      verdict = findings.length > 0 ? 'warned' : 'allowed';
      response = { uid, allowed: true };
    }
    if (typeof glass === 'string' && reason === undefined) {
      warnings.push(`${this.options.breakGlassAnnotation}: ignored, the annotation needs a reason`);
    } else if (reason !== undefined && !mayBreakGlass) {
      warnings.push(`${this.options.breakGlassAnnotation}: ignored, only members of ${allowedGroups.join(', ')} may break glass`);
    }
    for (const f of others) warnings.push(existing.size > 0 && existing.has(findingKey(f)) && f.enforcement === 'deny' ? warningText(f, EXISTING_PREFIX) : warningText(f));
    if (warnings.length > 0) response.warnings = capWarnings(warnings);
    return { review: reviewResponse(apiVersion, response), verdict, findings, denying, breakGlassReason };
  }

  private evaluate(object: K8sObject, info: AdmissionRequestInfo): Finding[] {
    const uid = info.uid;
    const inventory = new Inventory([{ object, source: { cluster: 'admission', uid }, pointerPrefix: '' }]);
    // The engine keeps its set-up (configured checks, kind index, checks that need the whole cluster) per
    // registry and config, so each request only runs the checks for the object's kind.
    const result = runEngine(inventory, this.checks, {
      config: this.options.config,
      annotationSuppressions: this.options.allowAnnotationSuppressions,
      isolated: true,
      now: this.options.now?.(),
      admission: { request: info.request, oldObject: info.oldObject, namespaceObject: info.namespaceObject ?? null },
    });
    const problem = result.problems.find((p) => p.level === 'error');
    if (problem) throw new Error(problem.message);
    return result.findings.filter((f) => !f.suppressed);
  }

  /** Forbidden, or the status reason of the custom policy that denies (the first one with a reason of its own). */
  private reasonFor(denying: readonly Finding[]): string {
    for (const f of denying) {
      const reason = this.policyReasons.get(f.checkId);
      if (reason) return reason;
    }
    return 'Forbidden';
  }
}

/** Prefix of warnings about what the stored object already violated (UPDATE). */
export const EXISTING_PREFIX = '[already present] ';

/** Who may use the break-glass annotation unless configured: cluster administrators. */
export const DEFAULT_BREAK_GLASS_GROUPS: readonly string[] = ['system:masters'];

/** A finding's identity across the old and the new object of an UPDATE. */
function findingKey(f: Finding): string {
  return `${f.checkId}\u0000${f.messageId}\u0000${f.path}`;
}

function policyReasons(policies: readonly CustomPolicy[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const p of policies) {
    const reasons = new Set((p.validations ?? []).map((v) => v.reason));
    if (reasons.size === 1) {
      const [reason] = reasons;
      if (reason && reason !== 'Forbidden') map.set(p.id, reason);
    }
  }
  return map;
}

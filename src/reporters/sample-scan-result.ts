/**
 * A fixed ScanResult shared by the reporter tests (golden files under test/fixtures/reporters/):
 * two files, every severity, one finding suppressed by annotation and one by config, a live-cluster
 * finding, a check without findings, and input problems (an error with a line, a notice without).
 */
import { assertGoldenFile } from '../testing/golden.js';
import type { ScanResult } from '../engine/run.js';
import type { CheckMeta, Finding } from '../model/types.js';
import type { ReportOptions } from './reporter.js';

/** The (fictional) directory the fixture was scanned from; files below are absolute under it. */
export const FIXTURE_CWD = '/srv/demo';
const WEB = `${FIXTURE_CWD}/deploy/web.yaml`;
const DB = `${FIXTURE_CWD}/deploy/db.yaml`;

export const FIXTURE_OPTIONS: ReportOptions = { color: false, cwd: FIXTURE_CWD, toolVersion: '1.2.3' };

const privileged: CheckMeta = {
  id: 'no-privileged-container',
  category: 'workload',
  severity: 'high',
  kinds: ['Workload'],
  stage: 'deploy',
  summary: 'Containers must not run privileged.',
  rationale: 'A privileged container has all host capabilities and device access; escaping to the node is trivial.',
  remediation: 'Set securityContext.privileged to false or remove it.',
  references: [{ pss: 'baseline' }, { cis: '5.2.2' }, { nsa: 'C-0057' }],
  messages: { privileged: 'Container "{{container}}" runs privileged.' },
};

const nonRoot: CheckMeta = {
  id: 'require-run-as-non-root',
  category: 'workload',
  severity: 'medium',
  kinds: ['Workload'],
  stage: 'deploy',
  summary: 'Containers must run as a non-root user.',
  rationale: 'A process running as root in a container is root on the node once it escapes.',
  remediation: 'Set securityContext.runAsNonRoot to true and runAsUser to a non-zero UID.',
  references: [{ pss: 'restricted' }],
  messages: { root: 'Container "{{container}}" may run as root.' },
};

const latestTag: CheckMeta = {
  id: 'no-latest-image-tag',
  category: 'workload',
  severity: 'low',
  kinds: ['Workload'],
  stage: 'build',
  summary: 'Images must be pinned to a tag other than latest, or a digest.',
  rationale: 'A floating tag makes deployments unreproducible and lets a pushed image change what runs.',
  remediation: 'Pin the image to a version tag or, better, a digest.',
  references: [{ url: 'https://kubernetes.io/docs/concepts/containers/images/' }],
  messages: { latest: 'Container "{{container}}" uses image "{{image}}" with the latest tag.' },
};

const secretEnv: CheckMeta = {
  id: 'no-secret-in-env',
  category: 'secrets',
  severity: 'critical',
  kinds: ['Workload'],
  stage: 'deploy',
  summary: 'Secrets must not be written literally into environment variables.',
  rationale: 'A literal secret in a manifest is readable by everyone who can read the manifest or the object.',
  remediation: 'Move the value into a Secret and reference it with valueFrom.secretKeyRef.',
  references: [{ cis: '5.4.1' }],
  messages: { literal: 'Environment variable "{{name}}" of container "{{container}}" holds a literal secret ({{masked}}).' },
};

const limits: CheckMeta = {
  id: 'require-resource-limits',
  category: 'workload',
  severity: 'info',
  kinds: ['Workload'],
  stage: 'deploy',
  summary: 'Containers should declare CPU and memory limits.',
  rationale: 'Without limits one container can starve its neighbours on the node.',
  remediation: 'Set resources.limits.cpu and resources.limits.memory.',
  references: [],
  messages: { missing: 'Container "{{container}}" has no {{resource}} limit.' },
};

const clusterAdmin: CheckMeta = {
  id: 'no-cluster-admin-binding',
  category: 'rbac',
  severity: 'critical',
  kinds: ['ClusterRoleBinding', 'RoleBinding'],
  stage: 'runtime',
  summary: 'Nobody but the control plane should be bound to cluster-admin.',
  rationale: 'cluster-admin can do anything to any object in any namespace, including reading every Secret.',
  remediation: 'Bind a narrower role that grants only the verbs and resources needed.',
  references: [{ cis: '5.1.1' }],
  messages: { bound: 'Subject {{subject}} is bound to cluster-admin.' },
};

const hostPath: CheckMeta = {
  id: 'no-host-path',
  category: 'workload',
  severity: 'high',
  kinds: ['Workload'],
  stage: 'deploy',
  summary: 'Pods must not mount host paths.',
  rationale: 'A hostPath volume exposes the node file system to the container.',
  remediation: 'Use a persistentVolumeClaim, configMap, secret or emptyDir volume instead.',
  references: [{ pss: 'baseline' }],
  messages: { hostPath: 'Volume "{{volume}}" mounts host path {{path}}.' },
};

const web = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'prod', name: 'web' };
const db = { apiVersion: 'apps/v1', kind: 'StatefulSet', namespace: 'prod', name: 'db' };
const opsAdmin = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', name: 'ops-admin' };

function finding(meta: CheckMeta, messageId: string, message: string, resource: Finding['resource'], path: string, location: Finding['location']): Finding {
  return {
    checkId: meta.id,
    messageId,
    severity: meta.severity,
    category: meta.category,
    message,
    resource,
    path,
    location,
    remediation: meta.remediation,
    references: meta.references,
    enforcement: 'fail-build',
  };
}

export function fixtureResult(): ScanResult {
  // In the engine's order: live-cluster findings (no file) first, then by file and line.
  const findings: Finding[] = [
    finding(clusterAdmin, 'bound', 'Subject Group "ops" is bound to cluster-admin.', opsAdmin,
      '/subjects/0', { cluster: 'prod-eu', uid: '6f1c2a9e-3b7d-4c1e-9a55-0d8f2b4e7c11' }),
    finding(limits, 'missing', 'Container "db" has no memory limit.', db,
      '/spec/template/spec/containers/0/resources', { file: DB, line: 25, column: 11 }),
    {
      ...finding(privileged, 'privileged', 'Container "db" runs privileged.', db,
        '/spec/template/spec/containers/0/securityContext/privileged', { file: DB, line: 28, column: 23 }),
      suppressed: { by: 'config', reason: 'Legacy storage driver needs it until Q3 (OPS-123).' },
    },
    finding(secretEnv, 'literal', 'Environment variable "DB_PASSWORD" of container "db" holds a literal secret (value masked).', db,
      '/spec/template/spec/containers/0/env/1/value', { file: DB, line: 31, column: 20 }),
    finding(nonRoot, 'root', 'Container "app" may run as root.', web,
      '/spec/template/spec/containers/0/securityContext', { file: WEB, line: 19, column: 11 }),
    finding(privileged, 'privileged', 'Container "app" runs privileged.', web,
      '/spec/template/spec/containers/0/securityContext/privileged', { file: WEB, line: 20, column: 23 }),
    {
      ...finding(latestTag, 'latest', 'Container "sidecar" uses image "envoy:latest" with the latest tag.', web,
        '/spec/template/spec/containers/1/image', { file: WEB, line: 24, column: 16 }),
      suppressed: { by: 'annotation', reason: 'Rebuilt nightly & pinned by digest at deploy time.' },
    },
  ];
  return {
    findings,
    problems: [
      { level: 'error', file: `${FIXTURE_CWD}/deploy/broken.yaml`, line: 4, message: 'invalid YAML: bad indentation of a mapping entry' },
      { level: 'notice', file: `${FIXTURE_CWD}/deploy/notes.yaml`, message: 'document 2 has no apiVersion/kind; skipped' },
    ],
    checks: [privileged, nonRoot, latestTag, secretEnv, limits, clusterAdmin, hostPath],
    objectCount: 6,
    fileCount: 4,
  };
}

/** Compares with test/fixtures/reporters/<name>; see assertGoldenFile. */
export function assertGolden(name: string, actual: string): void {
  assertGoldenFile('reporters', name, actual);
}

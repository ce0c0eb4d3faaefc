/**
 * A fixed CisReport shared by the cis-report tests (golden files under test/fixtures/cis-report/): every
 * status, a control with two instances (one failing), a process instance (pid + ps file line), a file check,
 * manual hints, version notes and an input problem. Built by hand so the reporters are tested on their own.
 */
import type { CisControl, CisGroup, CisInstanceResult, CisReport, CisResult, CisStatus, KubeBenchState, NodeType } from '../cis/types.js';
import type { ParsedObject } from '../sources/parsed-object.js';
import { assertGoldenFile } from '../testing/golden.js';
import type { CisReportOptions } from './common.js';

export const SAMPLE_CWD = '/srv/cluster';
const APISERVER = `${SAMPLE_CWD}/manifests/kube-apiserver.yaml`;
const APISERVER_2 = `${SAMPLE_CWD}/manifests-cp2/kube-apiserver.yaml`;
const PS = `${SAMPLE_CWD}/node/ps.txt`;

export const SAMPLE_OPTIONS: CisReportOptions = { color: false, cwd: SAMPLE_CWD, toolVersion: '1.2.3' };

function control(id: string, nodeType: NodeType, title: string, extra: Partial<CisControl> = {}): CisControl {
  return {
    id,
    group: id.split('.').slice(0, nodeType === 'etcd' ? 1 : 2).join('.'),
    title,
    nodeType,
    automated: title.endsWith('(Automated)'),
    target: 'kube-apiserver',
    expected: 'see title',
    remediation: `Fix ${id} as the title says.`,
    severity: 'medium',
    ...extra,
  };
}

function result(c: CisControl, status: CisStatus, kubeBenchState: KubeBenchState, found: string, instances: CisInstanceResult[], extra: Partial<CisResult> = {}): CisResult {
  return { control: c, status, kubeBenchState, found, expected: c.expected, instances, ...extra };
}

const podAt = (file: string): ParsedObject => ({
  object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'kube-apiserver', namespace: 'kube-system' } },
  source: { file, docIndex: 0, startLine: 1 },
  pointerPrefix: '',
});

const apiserverA = (status: CisStatus, found: string, expectedResult: string, pointer?: string): CisInstanceResult => ({
  instance: 'kube-apiserver (manifests/kube-apiserver.yaml:1)',
  status,
  found,
  expectedResult,
  location: { file: APISERVER, line: pointer ? 14 : 1 },
  anchor: podAt(APISERVER),
  ...(pointer ? { pointer } : {}),
});
const apiserverB = (status: CisStatus, found: string, expectedResult: string, pointer?: string): CisInstanceResult => ({
  instance: 'kube-apiserver (manifests-cp2/kube-apiserver.yaml:1)',
  status,
  found,
  expectedResult,
  location: { file: APISERVER_2, line: pointer ? 20 : 1 },
  anchor: podAt(APISERVER_2),
  ...(pointer ? { pointer } : {}),
});

export function sampleCisReport(): CisReport {
  const c111 = control('1.1.1', 'master', 'Ensure that the API server pod specification file permissions are set to 600 or more restrictive (Automated)', {
    target: 'files',
    file: { target: 'apiserver-manifest', render: 'permissions', missing: 'empty' },
    expected: 'permissions 600 or stricter',
    remediation: 'Run chmod 600 on the kube-apiserver manifest on every control-plane node.',
    severity: 'high',
  });
  const c121 = control('1.2.1', 'master', 'Ensure that the --anonymous-auth argument is set to false (Manual)', {
    expected: '--anonymous-auth=false',
    defaultValue: 'true',
    remediation: 'Add --anonymous-auth=false to the kube-apiserver command, unless health probes rely on anonymous access.',
  });
  const c122 = control('1.2.2', 'master', 'Ensure that the --token-auth-file parameter is not set (Automated)', {
    expected: '--token-auth-file not set',
    remediation: 'Remove --token-auth-file and authenticate with certificates, OIDC or webhooks.',
    severity: 'high',
  });
  const c1215 = control('1.2.15', 'master', 'Ensure that the --profiling argument is set to false (Automated)', {
    expected: '--profiling=false',
    defaultValue: 'true',
    remediation: 'Add --profiling=false to the kube-apiserver command.',
    severity: 'low',
  });
  const c21 = control('2.1', 'etcd', 'Ensure that the --cert-file and --key-file arguments are set as appropriate (Automated)', {
    target: 'etcd',
    expected: '--cert-file and --key-file set',
    remediation: 'Serve etcd clients over TLS: set --cert-file and --key-file.',
    severity: 'high',
  });
  const c27 = control('2.7', 'etcd', 'Ensure that a unique Certificate Authority is used for etcd (Manual)', {
    target: 'etcd',
    expected: '--trusted-ca-file set to a CA used only by etcd',
    remediation: 'Give etcd its own CA and point --trusted-ca-file at it.',
  });
  const c411 = control('4.1.1', 'node', 'Ensure that the kubelet service file permissions are set to 600 or more restrictive (Automated)', {
    target: 'files',
    file: { target: 'kubelet-service', render: 'permissions', missing: 'empty' },
    expected: 'permissions 600 or stricter',
    remediation: 'Run chmod 600 on the kubelet systemd unit and its drop-ins.',
  });
  const c421 = control('4.2.1', 'node', 'Ensure that the --anonymous-auth argument is set to false (Automated)', {
    target: 'kubelet',
    hasConfig: true,
    expected: 'anonymous auth disabled (--anonymous-auth=false or authentication.anonymous.enabled: false)',
    remediation: 'Set authentication.anonymous.enabled to false in the KubeletConfiguration.',
    severity: 'critical',
  });
  const c422 = control('4.2.2', 'node', 'Ensure that the --authorization-mode argument is not set to AlwaysAllow (Automated)', {
    target: 'kubelet',
    hasConfig: true,
    expected: 'authorization mode other than AlwaysAllow',
    remediation: 'Set authorization.mode to Webhook in the KubeletConfiguration.',
    severity: 'critical',
  });

  const results: CisResult[] = [
    result(c111, 'FAIL', 'FAIL', 'permissions=644', [
      {
        instance: '/etc/kubernetes/manifests/kube-apiserver.yaml',
        status: 'FAIL',
        found: 'permissions=644',
        expectedResult: "permissions has permissions 644, expected 600 or more restrictive",
        location: { path: '/etc/kubernetes/manifests/kube-apiserver.yaml' },
      },
    ]),
    result(c121, 'MANUAL', 'WARN', 'not set (Kubernetes default: true)', [apiserverA('FAIL', 'not set (Kubernetes default: true)', "'--anonymous-auth' is present")], {
      hint: 'likely-fail',
    }),
    result(c122, 'PASS', 'PASS', 'not set', [apiserverA('PASS', 'not set', "'--token-auth-file' is not present"), apiserverB('PASS', 'not set', "'--token-auth-file' is not present")]),
    result(c1215, 'FAIL', 'FAIL', 'not set (Kubernetes default: true) in 1 of 2 instances', [
      apiserverA('PASS', '--profiling=false', "'--profiling' is equal to 'false'", '/spec/containers/0/command/9'),
      apiserverB('FAIL', 'not set (Kubernetes default: true)', "'--profiling' is present", '/spec/containers/0/command'),
    ]),
    result(c21, 'PASS', 'PASS', '--cert-file=/etc/kubernetes/pki/etcd/server.crt, --key-file=/etc/kubernetes/pki/etcd/server.key', [
      {
        instance: 'etcd (pid 901)',
        status: 'PASS',
        found: '--cert-file=/etc/kubernetes/pki/etcd/server.crt, --key-file=/etc/kubernetes/pki/etcd/server.key',
        expectedResult: "'--cert-file' is present AND '--key-file' is present",
        location: { pid: 901 },
      },
    ]),
    result(c27, 'MANUAL', 'WARN', '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt', [], { hint: 'likely-pass', reason: 'etcd has its own CA file (/etc/kubernetes/pki/etcd/ca.crt), distinct from the cluster CA' }),
    result(c411, 'INFO', 'INFO', 'no stat data', [], { reason: 'needs --node or --file-stats' }),
    result(c421, 'PASS', 'PASS', 'authentication.anonymous.enabled: false', [
      {
        instance: 'kubelet (node/ps.txt:4)',
        status: 'PASS',
        found: 'authentication.anonymous.enabled: false',
        expectedResult: "'{.authentication.anonymous.enabled}' is equal to 'false'",
        location: { file: PS, line: 4 },
      },
    ]),
    result(c422, 'FAIL', 'FAIL', '--authorization-mode=AlwaysAllow', [
      {
        instance: 'kubelet (node/ps.txt:4)',
        status: 'FAIL',
        found: '--authorization-mode=AlwaysAllow (overrides authorization.mode: Webhook in the config file)',
        expectedResult: "'--authorization-mode' does not have 'AlwaysAllow'",
        location: { file: PS, line: 4 },
      },
    ]),
  ];

  const groups: CisGroup[] = [
    { id: '1.1', title: 'Control Plane Node Configuration Files', nodeType: 'master' },
    { id: '1.2', title: 'API Server', nodeType: 'master' },
    { id: '2', title: 'Etcd Node Configuration', nodeType: 'etcd' },
    { id: '4.1', title: 'Worker Node Configuration Files', nodeType: 'node' },
    { id: '4.2', title: 'Kubelet', nodeType: 'node' },
  ];
  const zero = (): Record<CisStatus, number> => ({ PASS: 0, FAIL: 0, WARN: 0, MANUAL: 0, INFO: 0 });
  const totals = zero();
  const totalsByNodeType: Record<NodeType, Record<CisStatus, number>> = { master: zero(), etcd: zero(), controlplane: zero(), node: zero(), policies: zero() };
  for (const r of results) {
    totals[r.status]++;
    totalsByNodeType[r.control.nodeType][r.status]++;
  }
  return {
    benchmark: 'cis-1.12',
    version: { major: 1, minor: 30, patch: 2, raw: 'v1.30.2', evidence: 'image registry.k8s.io/kube-apiserver:v1.30.2' },
    groups,
    results,
    notes: [
      { kind: 'removed-flag', message: '--insecure-port was removed in Kubernetes 1.24 (cluster runs 1.30): remove it; only --secure-port serves.', instance: 'kube-apiserver (manifests-cp2/kube-apiserver.yaml:1)' },
      { kind: 'eol', message: 'Kubernetes 1.30 reached end of life on 2025-07-15.' },
      { kind: 'benchmark-range', message: 'CIS 1.12 covers Kubernetes 1.32–1.34; this cluster runs 1.30.' },
    ],
    totals,
    totalsByNodeType,
    problems: [{ level: 'error', file: `${SAMPLE_CWD}/manifests/broken.yaml`, line: 3, message: 'invalid YAML: bad indentation of a mapping entry' }],
  };
}

/** Compares with test/fixtures/cis-report/<name>; see assertGoldenFile. */
export function assertCisGolden(name: string, actual: string): void {
  assertGoldenFile('cis-report', name, actual);
}

import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import yaml from 'js-yaml';
import { scan } from '../scan.js';
import { generateWebhookTls } from './tls-files.js';
import {
  DEFAULT_WEBHOOK_CONFIG,
  renderWebhookManifests,
  webhookManifestOptions,
  type WebhookManifestOptions,
} from './webhook-manifests.js';

// Parsed YAML, read field by field in assertions.
type Obj = Record<string, any>;

const IMAGE = `ghcr.io/bulwark-dev/bulwark:0.1.0@sha256:${'0123456789abcdef'.repeat(4)}`;

/** A real CA bundle (openssl), generated once; a fixed fake would not exercise the PEM check. */
let tlsCache: ReturnType<typeof generateWebhookTls> | undefined;
function caBundle(): string {
  tlsCache ??= generateWebhookTls({ serviceName: 'bulwark-webhook', namespace: 'bulwark-system' });
  return tlsCache.caBundle;
}

function options(tls: WebhookManifestOptions['tls'], extra: Partial<WebhookManifestOptions> = {}): WebhookManifestOptions {
  return webhookManifestOptions({ image: IMAGE, tls, ...(tls === 'generated' ? { caBundle: caBundle() } : {}), ...extra });
}

function docs(text: string): Obj[] {
  return (yaml.loadAll(text) as Obj[]).filter((d) => d !== null && d !== undefined);
}

function one(list: Obj[], kind: string, name?: string): Obj {
  const found = list.filter((d) => d.kind === kind && (name === undefined || d.metadata.name === name));
  assert.equal(found.length, 1, `expected one ${kind}${name ? ` "${name}"` : ''}, found ${found.length}`);
  return found[0];
}

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function findingsOf(text: string): Promise<{ findings: string[]; objectCount: number; problems: unknown[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-webhook-manifests-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'bulwark-webhook.yaml'), text);
  const result = await scan([dir]);
  return {
    findings: result.findings.filter((f) => !f.suppressed).map((f) => `${f.checkId} ${f.resource.kind}/${f.resource.name} ${f.path}: ${f.message}`),
    objectCount: result.objectCount,
    problems: result.problems,
  };
}

describe('renderWebhookManifests: Bulwark finds nothing in its own webhook', () => {
  for (const tls of ['cert-manager', 'generated'] as const) {
    for (const mode of ['enforce', 'audit'] as const) {
      it(`zero findings with all built-in checks (tls ${tls}, ${mode})`, async () => {
        const { yaml: text } = renderWebhookManifests(options(tls, { mode }));
        const result = await findingsOf(text);
        assert.deepEqual(result.problems, []);
        assert.equal(result.objectCount, docs(text).length);
        assert.deepEqual(result.findings, [], `findings:\n${result.findings.join('\n')}`);
      });
    }
  }

  it('zero findings with one replica, Ignore, a custom config and more excluded namespaces', async () => {
    const { yaml: text } = renderWebhookManifests(
      options('generated', { replicas: 1, failurePolicy: 'Ignore', excludedNamespaces: ['kube-system', 'monitoring'], config: 'failOn: critical\n', namespace: 'policy', name: 'guard' }),
    );
    const result = await findingsOf(text);
    assert.deepEqual(result.findings, [], `findings:\n${result.findings.join('\n')}`);
  });

  it('the scan is not vacuous: an image without digest is reported', async () => {
    const { yaml: text } = renderWebhookManifests(options('cert-manager', { image: 'ghcr.io/bulwark-dev/bulwark:0.1.0' }));
    const result = await findingsOf(text);
    assert.equal(result.findings.length, 1, result.findings.join('\n'));
    assert.match(result.findings[0], /^require-image-digest Deployment\/bulwark-webhook \/spec\/template\/spec\/containers\/0\/image/);
  });
});

describe('renderWebhookManifests: structure', () => {
  it('emits the objects in a fixed order (cert-manager)', () => {
    const list = docs(renderWebhookManifests(options('cert-manager')).yaml);
    assert.deepEqual(
      list.map((d) => `${d.kind}/${d.metadata.name}`),
      [
        'Namespace/bulwark-system',
        'ServiceAccount/bulwark-webhook',
        'ClusterRole/bulwark-webhook',
        'ClusterRoleBinding/bulwark-webhook',
        'ConfigMap/bulwark-webhook-config',
        'Issuer/bulwark-webhook-selfsigned',
        'Certificate/bulwark-webhook-ca',
        'Issuer/bulwark-webhook-ca',
        'Certificate/bulwark-webhook-tls',
        'Service/bulwark-webhook',
        'Deployment/bulwark-webhook',
        'PodDisruptionBudget/bulwark-webhook',
        'NetworkPolicy/default-deny-all',
        'NetworkPolicy/bulwark-webhook',
        'ValidatingWebhookConfiguration/bulwark-webhook',
      ],
    );
  });

  it('is deterministic', () => {
    const a = renderWebhookManifests(options('generated'));
    const b = renderWebhookManifests(options('generated'));
    assert.equal(a.yaml, b.yaml);
    assert.deepEqual(a.notes, b.notes);
  });

  it('generated TLS: no cert-manager objects, no Secret (the key never appears), caBundle set', () => {
    const { yaml: text } = renderWebhookManifests(options('generated'));
    const list = docs(text);
    assert.equal(list.filter((d) => String(d.apiVersion).startsWith('cert-manager.io/')).length, 0);
    assert.equal(list.filter((d) => d.kind === 'Secret').length, 0);
    assert.doesNotMatch(text, /PRIVATE KEY/);
    const vwc = one(list, 'ValidatingWebhookConfiguration');
    assert.equal(vwc.webhooks[0].clientConfig.caBundle, caBundle());
    assert.equal(vwc.metadata.annotations, undefined);
    const ca = new X509Certificate(Buffer.from(vwc.webhooks[0].clientConfig.caBundle, 'base64'));
    assert.equal(ca.ca, true);
  });

  it('cert-manager TLS: CA chain, serving certificate for the Service, CA injected into the webhook configuration', () => {
    const list = docs(renderWebhookManifests(options('cert-manager')).yaml);
    const selfSigned = one(list, 'Issuer', 'bulwark-webhook-selfsigned');
    assert.deepEqual(selfSigned.spec, { selfSigned: {} });
    const caCert = one(list, 'Certificate', 'bulwark-webhook-ca');
    assert.equal(caCert.spec.isCA, true);
    assert.equal(caCert.spec.issuerRef.name, 'bulwark-webhook-selfsigned');
    const caIssuer = one(list, 'Issuer', 'bulwark-webhook-ca');
    assert.equal(caIssuer.spec.ca.secretName, caCert.spec.secretName);
    const serving = one(list, 'Certificate', 'bulwark-webhook-tls');
    assert.equal(serving.spec.issuerRef.name, 'bulwark-webhook-ca');
    assert.deepEqual(serving.spec.dnsNames, ['bulwark-webhook.bulwark-system.svc', 'bulwark-webhook.bulwark-system.svc.cluster.local']);
    assert.ok(serving.spec.usages.includes('server auth'));
    const deployment = one(list, 'Deployment');
    const tlsVolume = deployment.spec.template.spec.volumes.find((v: Obj) => v.name === 'tls');
    assert.equal(tlsVolume.secret.secretName, serving.spec.secretName);
    const vwc = one(list, 'ValidatingWebhookConfiguration');
    assert.equal(vwc.metadata.annotations['cert-manager.io/inject-ca-from'], 'bulwark-system/bulwark-webhook-tls');
    assert.equal(vwc.webhooks[0].clientConfig.caBundle, undefined);
  });

  it('Namespace enforces restricted and carries the label the namespaceSelector uses', () => {
    const ns = one(docs(renderWebhookManifests(options('cert-manager')).yaml), 'Namespace');
    assert.equal(ns.metadata.labels['pod-security.kubernetes.io/enforce'], 'restricted');
    assert.equal(ns.metadata.labels['pod-security.kubernetes.io/audit'], 'restricted');
    assert.equal(ns.metadata.labels['pod-security.kubernetes.io/warn'], 'restricted');
    assert.equal(ns.metadata.labels['kubernetes.io/metadata.name'], 'bulwark-system');
  });

  it('RBAC: namespaces get only, bound to the webhook ServiceAccount', () => {
    const list = docs(renderWebhookManifests(options('cert-manager')).yaml);
    const role = one(list, 'ClusterRole');
    assert.deepEqual(role.rules, [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get'] }]);
    const binding = one(list, 'ClusterRoleBinding');
    assert.deepEqual(binding.roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role.metadata.name });
    assert.deepEqual(binding.subjects, [{ kind: 'ServiceAccount', name: 'bulwark-webhook', namespace: 'bulwark-system' }]);
    assert.equal(one(list, 'ServiceAccount').automountServiceAccountToken, false);
  });

  it('ConfigMap holds the config, default or given, verbatim; the pod template carries its hash', () => {
    const byDefault = docs(renderWebhookManifests(options('cert-manager')).yaml);
    assert.equal(one(byDefault, 'ConfigMap').data['.bulwark.yaml'], DEFAULT_WEBHOOK_CONFIG);
    const config = 'failOn: medium\nchecks:\n  no-ssh-port: off\n';
    const custom = docs(renderWebhookManifests(options('cert-manager', { config })).yaml);
    assert.equal(one(custom, 'ConfigMap').data['.bulwark.yaml'], config);
    const hash = (list: Obj[]) => one(list, 'Deployment').spec.template.metadata.annotations['bulwark.dev/config-sha256'];
    assert.match(hash(custom), /^[0-9a-f]{64}$/);
    assert.notEqual(hash(custom), hash(byDefault));
  });

  it('Deployment: replicas, rolling update, spreading, hardened container, probes, mounts', () => {
    const deployment = one(docs(renderWebhookManifests(options('cert-manager', { replicas: 3 })).yaml), 'Deployment');
    assert.equal(deployment.spec.replicas, 3);
    assert.deepEqual(deployment.spec.strategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });
    const pod = deployment.spec.template.spec;
    assert.deepEqual(deployment.spec.selector.matchLabels, { 'app.kubernetes.io/name': 'bulwark', 'app.kubernetes.io/instance': 'bulwark-webhook' });
    for (const [k, v] of Object.entries(deployment.spec.selector.matchLabels)) assert.equal(deployment.spec.template.metadata.labels[k], v);
    assert.equal(pod.serviceAccountName, 'bulwark-webhook');
    assert.equal(pod.automountServiceAccountToken, true);
    assert.equal(pod.priorityClassName, undefined);
    assert.equal(pod.hostNetwork, undefined);
    assert.deepEqual(pod.securityContext.seccompProfile, { type: 'RuntimeDefault' });
    assert.equal(pod.securityContext.runAsNonRoot, true);
    assert.equal(pod.securityContext.runAsUser, 65532);
    const anti = pod.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0];
    assert.equal(anti.podAffinityTerm.topologyKey, 'kubernetes.io/hostname');
    assert.deepEqual(anti.podAffinityTerm.labelSelector.matchLabels, deployment.spec.selector.matchLabels);
    assert.equal(pod.topologySpreadConstraints[0].topologyKey, 'topology.kubernetes.io/zone');
    assert.equal(pod.containers.length, 1);
    const c = pod.containers[0];
    assert.equal(c.image, IMAGE);
    assert.deepEqual(c.args, [
      'webhook', 'serve', '--tls-cert', '/etc/bulwark/tls/tls.crt', '--tls-key', '/etc/bulwark/tls/tls.key',
      '--config', '/etc/bulwark/config/.bulwark.yaml', '--port', '8443', '--decision-timeout', '4',
      '--exclude-namespace', 'bulwark-system', '--exclude-namespace', 'kube-system',
    ]);
    assert.deepEqual(c.ports, [{ name: 'https', containerPort: 8443, protocol: 'TCP' }]);
    assert.deepEqual(c.securityContext, {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: 65532,
      runAsGroup: 65532,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    for (const kind of ['requests', 'limits']) {
      assert.ok(c.resources[kind].cpu, `${kind}.cpu`);
      assert.ok(c.resources[kind].memory, `${kind}.memory`);
    }
    assert.deepEqual(c.livenessProbe.httpGet, { path: '/healthz', port: 'https', scheme: 'HTTPS' });
    assert.deepEqual(c.readinessProbe.httpGet, { path: '/readyz', port: 'https', scheme: 'HTTPS' });
    const mounts = Object.fromEntries(c.volumeMounts.map((m: Obj) => [m.name, m]));
    assert.deepEqual(mounts.tls, { name: 'tls', mountPath: '/etc/bulwark/tls', readOnly: true });
    assert.deepEqual(mounts.config, { name: 'config', mountPath: '/etc/bulwark/config', readOnly: true });
    assert.equal(mounts.tmp.mountPath, '/tmp');
    const volumes = Object.fromEntries(pod.volumes.map((v: Obj) => [v.name, v]));
    assert.equal(volumes.tls.secret.defaultMode, 0o440);
    assert.equal(volumes.config.configMap.name, 'bulwark-webhook-config');
    assert.ok(volumes.tmp.emptyDir);
  });

  it('the decision deadline is a second under the webhook timeout, so the server answers (and logs) before the API server gives up', () => {
    const args = (timeoutSeconds: number): string[] => one(docs(renderWebhookManifests(options('cert-manager', { timeoutSeconds })).yaml), 'Deployment').spec.template.spec.containers[0].args;
    for (const [timeout, deadline] of [[1, '0.8'], [2, '1'], [10, '9'], [30, '29']] as const) {
      const a = args(timeout);
      assert.equal(a[a.indexOf('--decision-timeout') + 1], deadline, `timeoutSeconds ${timeout}`);
    }
  });

  it('audit mode starts the server with --mode audit', () => {
    const deployment = one(docs(renderWebhookManifests(options('cert-manager', { mode: 'audit' })).yaml), 'Deployment');
    const args = deployment.spec.template.spec.containers[0].args as string[];
    assert.deepEqual(args.slice(args.indexOf('--mode'), args.indexOf('--mode') + 2), ['--mode', 'audit']);
  });

  it('PodDisruptionBudget with 2+ replicas; none with one replica, and a note says why', () => {
    const two = renderWebhookManifests(options('cert-manager'));
    const pdb = one(docs(two.yaml), 'PodDisruptionBudget');
    assert.equal(pdb.spec.minAvailable, 1);
    assert.deepEqual(pdb.spec.selector.matchLabels, one(docs(two.yaml), 'Deployment').spec.selector.matchLabels);
    assert.ok(!two.notes.some((n) => n.includes('PodDisruptionBudget')));
    const single = renderWebhookManifests(options('cert-manager', { replicas: 1 }));
    assert.equal(docs(single.yaml).filter((d) => d.kind === 'PodDisruptionBudget').length, 0);
    assert.ok(single.notes.some((n) => n.startsWith('replicas is 1')));
  });

  it('Service: ClusterIP 443 -> the https container port', () => {
    const service = one(docs(renderWebhookManifests(options('cert-manager')).yaml), 'Service');
    assert.equal(service.spec.type, 'ClusterIP');
    assert.deepEqual(service.spec.ports, [{ name: 'https', protocol: 'TCP', port: 443, targetPort: 'https' }]);
  });

  it('NetworkPolicies: default deny both ways; webhook gets 8443 in, API server and DNS out', () => {
    const list = docs(renderWebhookManifests(options('cert-manager')).yaml);
    const deny = one(list, 'NetworkPolicy', 'default-deny-all');
    assert.deepEqual(deny.spec, { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const allow = one(list, 'NetworkPolicy', 'bulwark-webhook');
    assert.deepEqual(allow.spec.policyTypes, ['Ingress', 'Egress']);
    assert.deepEqual(allow.spec.ingress, [{ ports: [{ protocol: 'TCP', port: 8443 }] }]);
    assert.deepEqual(allow.spec.egress[0].to, [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }]);
    assert.deepEqual(allow.spec.egress[0].ports.map((p: Obj) => p.port), [443, 6443]);
    assert.deepEqual(allow.spec.egress[1].ports.map((p: Obj) => `${p.protocol}/${p.port}`), ['UDP/53', 'TCP/53']);
  });

  it('ValidatingWebhookConfiguration: policy, timeout, selector, rules, client config', () => {
    const text = renderWebhookManifests(options('cert-manager', { failurePolicy: 'Ignore', timeoutSeconds: 10, excludedNamespaces: ['kube-system', 'istio-system'] })).yaml;
    const vwc = one(docs(text), 'ValidatingWebhookConfiguration');
    assert.equal(vwc.apiVersion, 'admissionregistration.k8s.io/v1');
    assert.equal(vwc.webhooks.length, 1);
    const w = vwc.webhooks[0];
    assert.equal(w.failurePolicy, 'Ignore');
    assert.equal(w.timeoutSeconds, 10);
    assert.equal(w.sideEffects, 'None');
    assert.deepEqual(w.admissionReviewVersions, ['v1']);
    assert.equal(w.matchPolicy, 'Equivalent');
    assert.deepEqual(w.clientConfig.service, { name: 'bulwark-webhook', namespace: 'bulwark-system', path: '/validate', port: 443 });
    assert.deepEqual(w.namespaceSelector, {
      matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['bulwark-system', 'istio-system', 'kube-system'] }],
    });
    const resources = w.rules.flatMap((r: Obj) => r.resources).sort();
    assert.deepEqual(resources, [
      'clusterrolebindings', 'clusterroles', 'configmaps', 'cronjobs', 'daemonsets', 'deployments', 'jobs', 'networkpolicies', 'pods',
      'pods/ephemeralcontainers', 'replicasets', 'replicationcontrollers', 'rolebindings', 'roles', 'services', 'statefulsets',
    ]);
    for (const r of w.rules) assert.deepEqual(r.operations, ['CREATE', 'UPDATE']);
    assert.deepEqual(w.rules.map((r: Obj) => r.apiGroups[0]), ['', 'apps', 'batch', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'rbac.authorization.k8s.io']);
    // failurePolicy and timeout are explained where they are set.
    assert.match(text, /# failurePolicy Ignore: .*ADMITS/);
    assert.match(text, /# timeoutSeconds 10: /);
    const failText = renderWebhookManifests(options('cert-manager')).yaml;
    assert.match(failText, /# failurePolicy Fail: .*REJECTS/);
    assert.equal(one(docs(failText), 'ValidatingWebhookConfiguration').webhooks[0].failurePolicy, 'Fail');
    assert.equal(one(docs(failText), 'ValidatingWebhookConfiguration').webhooks[0].timeoutSeconds, 5);
  });

  it('the comment and notes say whether kube-system is excluded', () => {
    const cases: [string[], boolean][] = [[['kube-system'], true], [['kube-system', 'monitoring'], true], [['monitoring'], false], [[], false]];
    for (const [excludedNamespaces, kubeSystemExcluded] of cases) {
      const { yaml: text, notes } = renderWebhookManifests(options('cert-manager', { excludedNamespaces }));
      const label = `excludedNamespaces ${JSON.stringify(excludedNamespaces)}`;
      assert.equal(/and kube-system, whose pods the cluster needs to recover/.test(text), kubeSystemExcluded, label);
      assert.equal(/kube-system is NOT excluded/.test(text), !kubeSystemExcluded, label);
      assert.equal(notes.some((n) => n.startsWith('kube-system is not excluded')), !kubeSystemExcluded, label);
      // The server skips exactly what the API server does not send: else its default (kube-system) would
      // admit unchecked what the configuration sends it.
      const args = one(docs(text), 'Deployment').spec.template.spec.containers[0].args as string[];
      const serverExcludes = args.flatMap((a, i) => (args[i - 1] === '--exclude-namespace' ? [a] : [])).sort();
      const vwc = one(docs(text), 'ValidatingWebhookConfiguration');
      const configExcludes = (vwc.webhooks[0].namespaceSelector.matchExpressions[0].values as string[]).slice().sort();
      assert.deepEqual(serverExcludes, configExcludes, label);
    }
  });

  it('the webhook namespace is excluded even when excludedNamespaces is empty', () => {
    const vwc = one(docs(renderWebhookManifests(options('cert-manager', { excludedNamespaces: [], namespace: 'sec' })).yaml), 'ValidatingWebhookConfiguration');
    assert.deepEqual(vwc.webhooks[0].namespaceSelector.matchExpressions[0].values, ['sec']);
  });

  it('names derive from options.name and namespace', () => {
    const list = docs(renderWebhookManifests(options('cert-manager', { name: 'guard', namespace: 'policy' })).yaml);
    for (const d of list) {
      if (d.kind === 'Namespace') assert.equal(d.metadata.name, 'policy');
      else if (!['ClusterRole', 'ClusterRoleBinding', 'ValidatingWebhookConfiguration'].includes(d.kind)) assert.equal(d.metadata.namespace, 'policy', `${d.kind}`);
    }
    assert.equal(one(list, 'Deployment', 'guard').spec.template.spec.serviceAccountName, 'guard');
    assert.deepEqual(one(list, 'Certificate', 'guard-tls').spec.dnsNames, ['guard.policy.svc', 'guard.policy.svc.cluster.local']);
    assert.equal(one(list, 'ValidatingWebhookConfiguration', 'guard').webhooks[0].clientConfig.service.name, 'guard');
  });

  it('notes: image without digest, generated TLS secret command', () => {
    const { notes } = renderWebhookManifests(options('generated', { image: 'ghcr.io/bulwark-dev/bulwark:0.1.0' }));
    assert.ok(notes.some((n) => n.includes('not pinned by digest')));
    assert.ok(notes.some((n) => n.includes('kubectl -n bulwark-system create secret tls bulwark-webhook-tls --cert=tls.crt --key=tls.key')));
    assert.ok(!renderWebhookManifests(options('generated')).notes.some((n) => n.includes('not pinned by digest')));
  });
});

describe('renderWebhookManifests: invalid options are rejected', () => {
  const cases: [string, Partial<WebhookManifestOptions>, RegExp][] = [
    ['bad namespace', { namespace: 'Bulwark_System' }, /namespace "Bulwark_System"/],
    ['name starting with a digit', { name: '1webhook' }, /name "1webhook"/],
    ['image with a space', { image: 'ghcr.io/x y' }, /image/],
    ['zero replicas', { replicas: 0 }, /replicas/],
    ['timeout above 30', { timeoutSeconds: 31 }, /timeoutSeconds/],
    ['timeout 0', { timeoutSeconds: 0 }, /timeoutSeconds/],
    ['unknown failure policy', { failurePolicy: 'Retry' as 'Fail' }, /failurePolicy/],
    ['unknown mode', { mode: 'warn' as 'audit' }, /mode/],
    ['bad excluded namespace', { excludedNamespaces: ['ok', 'Not OK'] }, /excluded namespace "Not OK"/],
    ['invalid config', { config: 'nonsense: true\n' }, /config is not a valid \.bulwark\.yaml/],
    // A default-deny NetworkPolicy and Pod Security restricted in these would break the cluster's own pods.
    ['namespace kube-system', { namespace: 'kube-system' }, /namespace "kube-system" is one the cluster runs on/],
    ['namespace default', { namespace: 'default' }, /namespace "default" is one the cluster runs on/],
    ['namespace kube-public', { namespace: 'kube-public' }, /namespace "kube-public" is one the cluster runs on/],
    ['namespace kube-node-lease', { namespace: 'kube-node-lease' }, /namespace "kube-node-lease" is one the cluster runs on/],
    // Only the config text is shipped; the server exits on a missing policy path, so the pods would crash-loop.
    ['config with policyPaths', { config: 'policyPaths: [./policies]\n' }, /policyPaths \(\.\/policies\).*inline under "policies:"/],
  ];
  for (const [name, extra, message] of cases) {
    it(name, () => assert.throws(() => renderWebhookManifests(options('cert-manager', extra)), message));
  }
  it('generated TLS without caBundle', () => {
    assert.throws(() => renderWebhookManifests(webhookManifestOptions({ image: IMAGE, tls: 'generated' })), /needs caBundle/);
  });
  it('generated TLS with a caBundle that is not a base64 PEM certificate', () => {
    assert.throws(() => renderWebhookManifests(options('generated', { caBundle: Buffer.from('hello').toString('base64') })), /caBundle must be/);
  });
  it('generated TLS with an unpadded caBundle (Node decodes it, the API server refuses it)', () => {
    // A PEM whose length is not a multiple of 3 encodes with '=' padding; drop it.
    let pem = Buffer.from(caBundle(), 'base64').toString('utf8');
    if (pem.length % 3 === 0) pem += '\n';
    const unpadded = Buffer.from(pem).toString('base64').replace(/=+$/, '');
    assert.notEqual(unpadded.length % 4, 0);
    assert.throws(() => renderWebhookManifests(options('generated', { caBundle: unpadded })), /caBundle must be/);
  });
  it('accepted: an empty policyPaths list, a wrapped caBundle', () => {
    assert.doesNotThrow(() => renderWebhookManifests(options('cert-manager', { config: 'policyPaths: []\n' })));
    const wrapped = caBundle().replace(/(.{76})/g, '$1\n');
    const vwc = one(docs(renderWebhookManifests(options('generated', { caBundle: wrapped })).yaml), 'ValidatingWebhookConfiguration');
    assert.equal(vwc.webhooks[0].clientConfig.caBundle, caBundle());
  });
});

describe('webhookManifestOptions', () => {
  it('fills the defaults and keeps given values', () => {
    const o = webhookManifestOptions({ image: IMAGE, tls: 'cert-manager', replicas: undefined, timeoutSeconds: 7 });
    assert.deepEqual(o, {
      namespace: 'bulwark-system',
      name: 'bulwark-webhook',
      replicas: 2,
      failurePolicy: 'Fail',
      timeoutSeconds: 7,
      mode: 'enforce',
      excludedNamespaces: ['kube-system'],
      image: IMAGE,
      tls: 'cert-manager',
    });
  });
});

import type { Command } from 'commander';
import { isSeverity, type Severity } from '../model/types.js';
import { EMPTY_CONFIG, loadConfig } from '../policy/config.js';
import { DEFAULT_BREAK_GLASS_ANNOTATION, DEFAULT_EXCLUDED_NAMESPACES, type AdmissionMode } from '../server/admission-evaluator.js';
import { stdoutLogger, WebhookServer } from '../server/webhook-server.js';
import { buildAdmissionPolicy, type AdmissionSettings } from '../server/admission-settings.js';
import { DecisionPool, defaultWorkerCount } from '../server/decision-pool.js';
import { WebhookMetrics } from '../server/metrics.js';
import { ApiNamespaceLookup, inClusterAccess } from '../server/namespace-lookup.js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { renderWebhookManifests, webhookManifestOptions, webhookObjectNames, WEBHOOK_MANIFEST_DEFAULTS } from '../server/webhook-manifests.js';
import { generateWebhookTls, writeTlsFiles } from '../server/tls-files.js';
import { UsageError } from './exit-codes.js';
import { collect } from './inputs.js';

export interface ServeFlags {
  tlsCert: string;
  tlsKey: string;
  config?: string;
  port: string;
  host: string;
  mode: string;
  denyOn: string;
  excludeNamespace?: string[];
  breakGlassAnnotation: string;
  breakGlassGroup?: string[];
  drainDelay: string;
  allowAnnotationSuppressions?: boolean;
  requestTimeout: string;
  workers: string;
  decisionTimeout: string;
}

/** `bulwark webhook …`: the admission webhook. `serve` runs the server. */
export function registerWebhookCommand(program: Command, setExitCode: (code: number) => void): Command {
  const webhook = program.command('webhook').description('Kubernetes validating admission webhook: deny or warn about insecure objects as they are created.');
  webhook
    .command('serve')
    .description('Serve AdmissionReviews over HTTPS (POST /validate), with /healthz, /readyz and /metrics.')
    .requiredOption('--tls-cert <file>', 'serving certificate (PEM); re-read when it changes')
    .requiredOption('--tls-key <file>', 'private key of the certificate (PEM); re-read when it changes')
    .option('-c, --config <file>', 'config file (.bulwark.yaml): checks, severities, enforcement, exceptions, policies')
    .option('--port <port>', 'port to listen on', '8443')
    .option('--host <address>', 'address to listen on', '0.0.0.0')
    .option('--mode <mode>', 'enforce: deny objects with deny findings; audit: only warn', 'enforce')
    .option('--deny-on <severity>', 'deny for findings with enforcement deny at or above this severity', 'medium')
    .option(
      '--exclude-namespace <namespace>',
      `admit objects in this namespace without evaluation (repeatable; default: ${DEFAULT_EXCLUDED_NAMESPACES.join(', ')})`,
      collect,
    )
    .option('--break-glass-annotation <key>', 'an object with this annotation and a non-empty reason is admitted (and logged)', DEFAULT_BREAK_GLASS_ANNOTATION)
    .option('--break-glass-group <group>', 'only users in this group may break glass (repeatable; default system:masters)', collect)
    .option('--drain-delay <seconds>', 'after SIGTERM, keep answering this long (readyz 503) before closing, while endpoints update', '5')
    .option('--allow-annotation-suppressions', 'honour ignore.bulwark.dev/<check-id> annotations (off: the workload author controls them)')
    .option('--request-timeout <seconds>', 'time a client has to send a whole request', '10')
    .option('--workers <n>', 'decision worker threads (auto: one per CPU of the container, at most 4; 0: decide on the server thread, without a deadline)', 'auto')
    .option('--decision-timeout <seconds>', 'answer 500 (the API server applies failurePolicy) when an object is not judged in time; keep below the webhook timeoutSeconds', '4')
    .action(async (flags: ServeFlags) => {
      setExitCode(await serve(flags));
    });
  webhook
    .command('manifests')
    .description('Print the manifests that deploy the webhook: Namespace, RBAC, ConfigMap, Deployment, PDB, Service, NetworkPolicies, ValidatingWebhookConfiguration and TLS.')
    .requiredOption('--image <ref>', 'webhook image, pinned by digest (e.g. ghcr.io/acme/bulwark:0.1.0@sha256:…)')
    .option('--tls <mode>', 'cert-manager (Issuers + Certificates, CA injected) or generated (a CA and serving certificate written to --tls-dir)', 'cert-manager')
    .option('--tls-dir <dir>', 'with --tls generated: where ca.crt, tls.crt and tls.key are written', 'bulwark-webhook-tls')
    .option('--namespace <ns>', 'namespace of the webhook', WEBHOOK_MANIFEST_DEFAULTS.namespace)
    .option('--name <name>', 'name of the Deployment, Service and webhook configuration', WEBHOOK_MANIFEST_DEFAULTS.name)
    .option('--replicas <n>', 'replicas (2+ keeps admission up during drains; 1 drops the PodDisruptionBudget)', String(WEBHOOK_MANIFEST_DEFAULTS.replicas))
    .option('--failure-policy <policy>', 'Fail (deny when the webhook is down) or Ignore', WEBHOOK_MANIFEST_DEFAULTS.failurePolicy)
    .option('--timeout <seconds>', 'webhook timeoutSeconds (1-30)', String(WEBHOOK_MANIFEST_DEFAULTS.timeoutSeconds))
    .option('--mode <mode>', 'enforce or audit', WEBHOOK_MANIFEST_DEFAULTS.mode)
    .option('--exclude-namespace <ns>', 'namespace the webhook never sees (repeatable; default kube-system; its own namespace always)', collect)
    .option('-c, --config <file>', '.bulwark.yaml to ship in the ConfigMap (default: a minimal one)')
    .option('-o, --output <file>', 'write the YAML to a file instead of stdout')
    .action((flags: ManifestFlags) => {
      writeManifests(flags);
    });
  return webhook;
}

interface ManifestFlags {
  image: string;
  tls: string;
  tlsDir: string;
  namespace: string;
  name: string;
  replicas: string;
  failurePolicy: string;
  timeout: string;
  mode: string;
  excludeNamespace?: string[];
  config?: string;
  output?: string;
}

function writeManifests(flags: ManifestFlags): void {
  if (flags.tls !== 'cert-manager' && flags.tls !== 'generated') throw new UsageError(`--tls must be cert-manager or generated, not "${flags.tls}"`);
  if (flags.failurePolicy !== 'Fail' && flags.failurePolicy !== 'Ignore') throw new UsageError('--failure-policy must be Fail or Ignore');
  if (flags.mode !== 'enforce' && flags.mode !== 'audit') throw new UsageError('--mode must be enforce or audit');
  const replicas = Number(flags.replicas);
  const timeout = Number(flags.timeout);
  if (!Number.isInteger(replicas) || replicas < 1) throw new UsageError('--replicas must be a positive integer');
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 30) throw new UsageError('--timeout must be 1 to 30 seconds');
  let config: string | undefined;
  let policyFiles: { name: string; text: string }[] | undefined;
  if (flags.config) {
    const loaded = loadConfig(flags.config); // fail here, with file and line, rather than in the cluster
    config = readFileSync(flags.config, 'utf8');
    // Policies the config loads from the policies/ directory beside it go into the ConfigMap with it.
    const configPath = resolve(flags.config);
    const policiesDir = join(dirname(configPath), 'policies');
    const files = [...new Set(loaded.policies.map((p) => resolve(p.file)))].filter((f) => f !== configPath);
    policyFiles = files.map((f) => ({ name: relative(policiesDir, f), text: readFileSync(f, 'utf8') }));
  }
  const tls = flags.tls === 'generated' ? generateWebhookTls({ serviceName: webhookObjectNames(flags.name).service, namespace: flags.namespace }) : undefined;
  let rendered: { yaml: string; notes: string[] };
  try {
    rendered = renderWebhookManifests(
      webhookManifestOptions({
        image: flags.image,
        tls: flags.tls,
        caBundle: tls?.caBundle,
        namespace: flags.namespace,
        name: flags.name,
        replicas,
        failurePolicy: flags.failurePolicy,
        timeoutSeconds: timeout,
        mode: flags.mode,
        config,
        policyFiles,
        excludedNamespaces: flags.excludeNamespace,
      }),
    );
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const notes: string[] = [];
  if (tls) {
    // Written only once the options are known to be good. The renderer's own note says how to create the
    // Secret from these files; the key never enters the manifests.
    mkdirSync(flags.tlsDir, { recursive: true });
    notes.push(`wrote ${writeTlsFiles(flags.tlsDir, tls).join(', ')}`);
  }
  if (flags.output) writeFileSync(flags.output, rendered.yaml);
  else process.stdout.write(rendered.yaml);
  for (const note of [...notes, ...rendered.notes]) process.stderr.write(`bulwark: ${note}\n`);
}

async function serve(flags: ServeFlags): Promise<number> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${flags.port}"`);
  if (flags.mode !== 'enforce' && flags.mode !== 'audit') throw new UsageError(`--mode must be enforce or audit, not "${flags.mode}"`);
  if (!isSeverity(flags.denyOn)) throw new UsageError('--deny-on must be one of info, low, medium, high, critical');
  const timeout = Number(flags.requestTimeout);
  if (!Number.isFinite(timeout) || timeout <= 0) throw new UsageError(`--request-timeout must be a positive number of seconds`);
  if (flags.breakGlassAnnotation.trim() === '') throw new UsageError('--break-glass-annotation must not be empty');
  const drainDelayMs = Number(flags.drainDelay) * 1000;
  if (!Number.isFinite(drainDelayMs) || drainDelayMs < 0) throw new UsageError('--drain-delay must be a number of seconds');

  const workers = flags.workers === 'auto' ? defaultWorkerCount() : Number(flags.workers);
  if (!Number.isInteger(workers) || workers < 0 || workers > 64) throw new UsageError(`--workers must be auto or a number from 0 to 64, not "${flags.workers}"`);
  const decisionTimeoutMs = Number(flags.decisionTimeout) * 1000;
  // 30 s is the longest an API server waits for a webhook (timeoutSeconds' maximum).
  if (!Number.isFinite(decisionTimeoutMs) || decisionTimeoutMs <= 0 || decisionTimeoutMs > 30_000) throw new UsageError('--decision-timeout must be a positive number of seconds, at most 30');

  const settings: AdmissionSettings = {
    config: flags.config ? loadConfig(flags.config) : EMPTY_CONFIG,
    mode: flags.mode as AdmissionMode,
    denyOn: flags.denyOn as Severity,
    excludeNamespaces: flags.excludeNamespace ?? DEFAULT_EXCLUDED_NAMESPACES,
    breakGlassAnnotation: flags.breakGlassAnnotation,
    breakGlassGroups: flags.breakGlassGroup,
    allowAnnotationSuppressions: flags.allowAnnotationSuppressions === true,
  };
  // Built here too: custom policies that do not compile stop the start with file and line, before any worker.
  const policy = buildAdmissionPolicy(settings);
  // In a cluster, policies get the request's Namespace (namespaceObject) from the API server.
  const access = inClusterAccess();
  const namespaceLookup = access ? new ApiNamespaceLookup(access, (message) => stdoutLogger({ level: 'warn', msg: 'namespace lookup failed', error: message })) : undefined;
  const metrics = new WebhookMetrics();
  let pool: DecisionPool | undefined;
  if (workers > 0) {
    pool = new DecisionPool({ settings, workers, deadlineMs: decisionTimeoutMs, namespaceLookup, log: stdoutLogger, onReplaced: () => metrics.countWorkerReplaced() });
    try {
      await pool.start();
    } catch (err) {
      throw new UsageError(`cannot start the decision workers: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  let server: WebhookServer;
  try {
    server = new WebhookServer({ policy, judge: pool, workers, metrics, tlsCertFile: flags.tlsCert, tlsKeyFile: flags.tlsKey, host: flags.host, port, requestTimeoutMs: timeout * 1000, namespaceLookup });
  } catch (err) {
    await pool?.close();
    throw new UsageError(`cannot load the TLS key pair: ${(err as Error).message.split('\n')[0]}`);
  }

  // A bug must not take admission down with it: log and keep serving (kube-apiserver retries per failurePolicy).
  process.on('uncaughtException', (err) => stdoutLogger({ level: 'error', msg: 'uncaught exception', error: err.message }));
  process.on('unhandledRejection', (err) => stdoutLogger({ level: 'error', msg: 'unhandled rejection', error: err instanceof Error ? err.message : String(err) }));

  try {
    await server.listen();
  } catch (err) {
    await pool?.close();
    throw new UsageError(`cannot listen on ${flags.host}:${port}: ${(err as Error).message}`);
  }
  await new Promise<void>((resolveStop) => {
    const stop = (signal: string): void => {
      stdoutLogger({ level: 'info', msg: 'draining', signal });
      void server.drain(20_000, drainDelayMs).then(() => {
        stdoutLogger({ level: 'info', msg: 'stopped' });
        resolveStop();
      });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  return 0;
}

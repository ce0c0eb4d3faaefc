import type { Command } from 'commander';
import { Facts } from '../analyzers/facts.js';
import { rbacAnalyzer } from '../analyzers/rbac/rbac-analyzer.js';
import type { AccessRequest, RbacFacts } from '../analyzers/rbac/rbac-types.js';
import { parseSubjectKey } from '../analyzers/rbac/subjects.js';
import {
  RequestError,
  parseAccessRequest,
  renderExplainJson,
  renderExplainText,
  renderGraphDot,
  renderGraphJson,
  renderWhoCanJson,
  renderWhoCanText,
} from '../rbac-report/index.js';
import { EXIT_CLEAN, EXIT_USAGE_OR_INPUT, UsageError } from './exit-codes.js';
import { loadInventory, withInputOptions } from './inputs.js';

interface InputFlags {
  helm: string[];
  maxFileSize: string;
}

interface WhoCanFlags extends InputFlags {
  namespace?: string;
  name?: string;
  group?: string;
  format: string;
}

interface ExplainFlags extends InputFlags {
  format: string;
}

interface GraphFlags extends InputFlags {
  format: string;
  includeBootstrap?: boolean;
}

const PATHS_HELP = 'manifest files or directories (default: .); `-` reads stdin';

export function registerRbacCommand(program: Command, setExitCode: (code: number) => void): void {
  const rbac = program
    .command('rbac')
    .description("Query the RBAC of manifests (with Kubernetes' 1.26 bootstrap roles and bindings): who-can, explain, graph.");

  withInputOptions(
    rbac
      .command('who-can')
      .description('List the subjects allowed a request, each with the binding → role → rule that allows it (like kubectl who-can).')
      .argument('<verb>', 'verb: get, list, create, update, patch, delete, escalate, bind, impersonate, …')
      .argument('<resource>', 'RESOURCE[.GROUP][/SUBRESOURCE] (pods, deployments.apps, pods/exec) or a non-resource URL (/metrics)')
      .argument('[paths...]', PATHS_HELP)
      .option('-n, --namespace <namespace>', 'ask about this namespace (RoleBindings in it apply); without it only ClusterRoleBindings apply')
      .option('--name <name>', 'ask about the object with this name (rules with resourceNames)')
      .option('--group <group>', "the resource's API group (default: from RESOURCE.GROUP, else the built-in resource's group, else core)")
      .option('-f, --format <format>', 'text or json', 'text'),
  ).action(async (verb: string, resource: string, paths: string[], flags: WhoCanFlags) => {
    const render = pick({ text: renderWhoCanText, json: renderWhoCanJson }, flags.format);
    const request = accessRequest(verb, resource, flags);
    setExitCode(await respond(paths, flags, (facts) => render(facts, request)));
  });

  withInputOptions(
    rbac
      .command('explain')
      .description('Show what a subject may do, per namespace (cluster-wide first), and the binding → role each rule comes from.')
      .argument('<subject>', 'serviceaccount:NAMESPACE:NAME, user:NAME or group:NAME')
      .argument('[paths...]', PATHS_HELP)
      .option('-f, --format <format>', 'text or json', 'text'),
  ).action(async (subjectText: string, paths: string[], flags: ExplainFlags) => {
    const render = pick({ text: renderExplainText, json: renderExplainJson }, flags.format);
    const subject = parseSubjectKey(subjectText);
    if (!subject) throw new UsageError(`unknown subject "${subjectText}" (expected serviceaccount:NAMESPACE:NAME, user:NAME or group:NAME)`);
    setExitCode(await respond(paths, flags, (facts) => render(facts, subject)));
  });

  withInputOptions(
    rbac
      .command('graph')
      .description('Draw subjects → bindings → roles (and aggregation) as Graphviz DOT or JSON.')
      .argument('[paths...]', PATHS_HELP)
      .option('-f, --format <format>', 'dot or json', 'dot')
      .option('--include-bootstrap', "also draw Kubernetes' bootstrap bindings (default: input bindings and the roles they reference)"),
  ).action(async (paths: string[], flags: GraphFlags) => {
    const render = pick({ dot: renderGraphDot, json: renderGraphJson }, flags.format);
    setExitCode(await respond(paths, flags, (facts) => render(facts, { includeBootstrap: flags.includeBootstrap === true })));
  });
}

function accessRequest(verb: string, resource: string, flags: WhoCanFlags): AccessRequest {
  try {
    return parseAccessRequest(verb, resource, { namespace: flags.namespace, name: flags.name, group: flags.group });
  } catch (err) {
    if (err instanceof RequestError) throw new UsageError(err.message);
    throw err;
  }
}


function pick<T>(renderers: Record<string, T>, format: string): T {
  if (!Object.hasOwn(renderers, format)) throw new UsageError(`unknown format "${format}" (expected ${Object.keys(renderers).join(', ')})`);
  return renderers[format];
}

/** Reads the inputs, answers on stdout; input errors go to stderr and make the exit code 2. */
async function respond(paths: string[], flags: InputFlags, answer: (facts: RbacFacts) => string): Promise<number> {
  const { inventory, errors } = await loadInventory(paths.length === 0 && flags.helm.length === 0 ? ['.'] : paths, flags, flags.helm);
  process.stdout.write(answer(new Facts(inventory).get(rbacAnalyzer)));
  return errors ? EXIT_USAGE_OR_INPUT : EXIT_CLEAN;
}

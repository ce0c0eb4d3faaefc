/**
 * Component instances: every container (of a static/mirror Pod or any workload) that runs a control-plane
 * component, and every ComponentProcess read from process lists or `--node`. Each instance carries its parsed
 * argv with a JSON pointer per element, its environment and where it came from.
 */
import type { Inventory } from '../../inventory/inventory.js';
import { asArray, isRecord, podContainers, podTemplate, type ContainerRef } from '../../kinds/workloads.js';
import type { ParsedObject } from '../../sources/parsed-object.js';
import { componentOfImage, componentOfSubcommand, findComponentCommand, isHyperkubeImage } from './component-specs.js';
import { fileOf } from './config-docs.js';
import { parseArgs, shellSplit, type ArgvStart } from './flag-parser.js';
import { isComponent, type Component, type ComponentInstance } from './types.js';
import { versionFromImage } from './version.js';

const SHELLS = /^(ba|da|a|z)?sh$/;

function strings(value: unknown): { value: string; index: number }[] {
  return asArray<unknown>(value).flatMap((v, index) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? [{ value: String(v), index }] : []));
}

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Where an instance is: `kube-apiserver (manifests/kube-apiserver.yaml:14)`, with the object's name for List items. */
function describe(component: Component, o: ParsedObject, extra?: string): { label: string; location?: ComponentInstance['location'] } {
  if ('file' in o.source) {
    const where = `${o.source.file}:${o.source.startLine}`;
    const name = o.pointerPrefix !== '' || extra ? `${o.object.kind} ${o.object.metadata.name ?? ''}${extra ? ` ${extra}` : ''}, ` : '';
    return { label: `${component} (${name}${where})`, location: { file: o.source.file, line: o.source.startLine } };
  }
  const ns = o.object.metadata.namespace ? `${o.object.metadata.namespace}/` : '';
  return { label: `${component} (${o.object.kind} ${ns}${o.object.metadata.name ?? ''}${extra ? ` ${extra}` : ''})` };
}

interface Argv {
  component: Component;
  argv: string[];
  pointers: string[];
  start: ArgvStart;
}

/** The component a container runs and its argv: `command ++ args`, an args-only container of a component image, or `sh -c "…"`. */
function containerArgv(c: ContainerRef): Argv | undefined {
  const command = strings(c.container.command);
  const args = strings(c.container.args);
  const argv = [...command.map((x) => x.value), ...args.map((x) => x.value)];
  const pointers = [...command.map((x) => `${c.pointer}/command/${x.index}`), ...args.map((x) => `${c.pointer}/args/${x.index}`)];
  const image = typeof c.container.image === 'string' ? c.container.image : '';

  const found = findComponentCommand(argv);
  if (found) return { component: found.component, argv, pointers, start: { binary: argv[found.binaryIndex], argsStart: found.argsStart } };

  // sh -c "exec kube-apiserver --a=b …": the script's words all point at the script element.
  const shellIndex = command.length > 0 && SHELLS.test(baseNameOf(command[0].value)) ? argv.indexOf('-c') : -1;
  if (shellIndex >= 0 && shellIndex + 1 < argv.length) {
    const scriptPointer = pointers[shellIndex + 1];
    const words = shellSplit(argv[shellIndex + 1]).map((w) => w.word);
    for (let i = 0; i < words.length; i++) {
      if (['&&', '||', ';', '|'].includes(words[i])) continue;
      const rest = words.slice(i);
      const cut = rest.findIndex((w) => ['&&', '||', ';', '|'].includes(w) || w.endsWith(';'));
      const cmd = cut >= 0 ? rest.slice(0, cut) : rest;
      const inner = findComponentCommand(cmd);
      if (inner) {
        return { component: inner.component, argv: cmd, pointers: cmd.map(() => scriptPointer), start: { binary: cmd[inner.binaryIndex], argsStart: inner.argsStart } };
      }
    }
    return undefined;
  }

  // No command: the image's entrypoint runs; the args are the component's arguments.
  if (command.length === 0) {
    const byImage = componentOfImage(image);
    if (byImage) return { component: byImage, argv, pointers, start: leadingSubcommand(argv, byImage) };
    if (isHyperkubeImage(image) && argv.length > 0) {
      const sub = componentOfSubcommand(argv[0]);
      if (sub) return { component: sub, argv, pointers, start: { binary: argv[0], argsStart: 1 } };
    }
  }
  return undefined;
}

function baseNameOf(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

function leadingSubcommand(argv: string[], component: Component): ArgvStart {
  if (argv.length > 0 && componentOfSubcommand(argv[0]) === component) return { binary: argv[0], argsStart: 1 };
  return { binary: component, argsStart: 0 };
}

/** Instances from Pods and workloads: one per container running a component. */
export function workloadInstances(o: ParsedObject): ComponentInstance[] {
  const t = podTemplate(o.object);
  if (!t) return [];
  const out: ComponentInstance[] = [];
  const running = podContainers(t).flatMap((c) => {
    const a = containerArgv(c);
    return a ? [{ c, a }] : [];
  });
  const multi = running.length > 1;
  for (const { c, a } of running) {
    const env = new Map<string, { value: string; pointer: string }>();
    asArray<unknown>(c.container.env).forEach((e, i) => {
      if (isRecord(e) && typeof e.name === 'string' && (typeof e.value === 'string' || typeof e.value === 'number' || typeof e.value === 'boolean')) {
        env.set(e.name, { value: String(e.value), pointer: `${c.pointer}/env/${i}/value` });
      }
    });
    const image = typeof c.container.image === 'string' ? c.container.image : undefined;
    const { label, location } = describe(a.component, o, multi ? `container ${c.name}` : undefined);
    const commandPresent = asArray<unknown>(c.container.command).length > 0;
    const inst: ComponentInstance = {
      component: a.component,
      label,
      args: parseArgs(a.argv, a.pointers, a.component, a.start),
      env,
      anchor: o,
      argvPointer: `${c.pointer}/${commandPresent ? 'command' : 'args'}`,
    };
    if (location) inst.location = location;
    if (image) {
      inst.image = image;
      const v = versionFromImage(image, a.component);
      if (v) inst.version = v;
    }
    out.push(inst);
  }
  return out;
}

/** The instance of a ComponentProcess object (process lists, `--node`). */
export function processInstance(o: ParsedObject): ComponentInstance | undefined {
  const spec = isRecord(o.object.spec) ? o.object.spec : undefined;
  if (!spec) return undefined;
  const argv = strings(spec.argv);
  const words = argv.map((x) => x.value);
  const pointers = argv.map((x) => `/spec/argv/${x.index}`);
  const found = findComponentCommand(words);
  const component = isComponent(spec.component) ? spec.component : found?.component;
  if (!component) return undefined;
  const start: ArgvStart | undefined = found && found.component === component ? { binary: words[found.binaryIndex], argsStart: found.argsStart } : undefined;
  const env = new Map<string, { value: string; pointer: string }>();
  if (isRecord(spec.env)) {
    for (const [k, v] of Object.entries(spec.env)) if (typeof v === 'string') env.set(k, { value: v, pointer: `/spec/env/${escape(k)}` });
  }
  const pid = typeof spec.pid === 'number' ? spec.pid : undefined;
  let label: string;
  let location: ComponentInstance['location'];
  if (pid !== undefined && fileOf(o).startsWith('/proc/')) {
    label = `${component} (pid ${pid})`;
    location = { pid };
  } else {
    const d = describe(component, o);
    label = pid !== undefined ? d.label.replace(/\)$/, `, pid ${pid})`) : d.label;
    location = d.location;
  }
  const inst: ComponentInstance = {
    component,
    label,
    args: parseArgs(words, pointers, component, start),
    env,
    anchor: o,
    argvPointer: '/spec/argv',
  };
  if (location) inst.location = location;
  return inst;
}

/** Every instance in the inventory, in inventory order. */
export function collectInstances(inv: Inventory): ComponentInstance[] {
  const out: ComponentInstance[] = [];
  for (const o of inv.objects) {
    if (o.object.kind === 'ComponentProcess') {
      const inst = processInstance(o);
      if (inst) out.push(inst);
    } else {
      out.push(...workloadInstances(o));
    }
  }
  return out;
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import vm from 'node:vm';
import { Facts } from '../analyzers/facts.js';
import { endpointName } from '../analyzers/network/endpoints.js';
import { computeExposure } from '../analyzers/network/exposure.js';
import { networkAnalyzer, peerName, type NetworkFacts } from '../analyzers/network/network-analyzer.js';
import { Inventory } from '../inventory/inventory.js';
import { parseManifests } from '../sources/manifest-parser.js';
import { buildConnlistGraph, edgeCurve, renderConnlistHtml, type ConnlistHtmlOptions, type GraphBox, type GraphData } from './connlist-html.js';

/**
 * shop: web (admitted from outside on 443 by a policy), api (admitted from web only), db (no policy selects it);
 * ops: monitor (no policy). Nobody's egress is isolated.
 */
const MODEL = `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Namespace
metadata: {name: ops}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c}]}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec: {template: {metadata: {labels: {app: api}}, spec: {containers: [{name: c}]}}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec: {template: {metadata: {labels: {app: db}}, spec: {containers: [{name: c}]}}}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: monitor, namespace: ops}
spec: {template: {metadata: {labels: {app: monitor}}, spec: {containers: [{name: c}]}}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-from-outside, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: [{from: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}], ports: [{port: 443}]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-from-web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 8080}]}]
`;

function networkOf(yaml: string): NetworkFacts {
  return new Facts(new Inventory(parseManifests(yaml, 'x.yaml').objects)).get(networkAnalyzer);
}

function render(network: NetworkFacts, options?: ConnlistHtmlOptions): string {
  return renderConnlistHtml(network.connections(), network.endpoints, computeExposure(network), options);
}

/** The contents of the script elements, in order. */
function scripts(html: string): string[] {
  return [...html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
}

function embeddedData(html: string): GraphData {
  const m = /<script type="application\/json" id="data">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(m, 'data script element');
  return JSON.parse(m[1]) as GraphData;
}

/** The edges of the run-length encoding, as `src => dst : conns` lines. */
function decodeEdges(data: GraphData): string[] {
  const out: string[] = [];
  const e = data.edges;
  for (let i = 0; i < e.length; ) {
    const src = e[i++];
    const runs = e[i++];
    for (let r = 0; r < runs; r++) {
      const [first, length, conn] = [e[i++], e[i++], e[i++]];
      for (let k = 0; k < length; k++) out.push(`${data.nodes[src].id} => ${data.nodes[first + k].id} : ${data.strings[conn]}`);
    }
  }
  return out.sort();
}

function connlistLines(network: NetworkFacts): string[] {
  return network
    .connections()
    .map((c) => `${peerName(c.src)} => ${peerName(c.dst)} : ${c.conns.toString()}`)
    .sort();
}

/** `count` Deployments in namespace `ns` with no policy: every pair is connected. */
function crowd(ns: string, count: number): string {
  const docs: string[] = [];
  for (let i = 0; i < count; i++) docs.push(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w${String(i).padStart(4, '0')}, namespace: ${ns}}\nspec: {template: {metadata: {labels: {app: w${i}}}, spec: {containers: [{name: c}]}}}\n`);
  return docs.join('---\n');
}

const model = networkOf(MODEL);
const WEB = 'shop/web[Deployment]';
const API = 'shop/api[Deployment]';
const DB = 'shop/db[StatefulSet]';
const MONITOR = 'ops/monitor[DaemonSet]';

describe('netpol list --format html', () => {
  const html = render(model);
  const data = embeddedData(html);

  it('is self-contained: no URL, no external resource, a strict CSP', () => {
    assert.doesNotMatch(html, /https?:/i);
    const markup = html.replace(/(<script[^>]*>)[\s\S]*?<\/script>/g, '$1</script>');
    assert.doesNotMatch(markup, /<[^>]*\s(src|href|xlink:href|action|srcset|poster|data)\s*=/i);
    assert.doesNotMatch(html, /<link|@import|<iframe|<object|<embed/i);
    assert.doesNotMatch(html, /url\((?!#)/);
    assert.doesNotMatch(scripts(html)[1], /fetch\(|XMLHttpRequest|import\(|innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">/);
    assert.equal(scripts(html).length, 2);
  });

  it('holds every workload, namespace and external range, and every connection with what it allows', () => {
    const ids = data.nodes.map((n) => n.id);
    for (const e of model.endpoints) {
      assert.ok(ids.includes(endpointName(e)), endpointName(e));
      assert.ok(html.includes(e.name) && html.includes(e.namespace));
    }
    for (const c of model.connections()) for (const p of [c.src, c.dst]) assert.ok(ids.includes(peerName(p)), peerName(p));
    assert.ok(ids.includes('11.0.0.0-255.255.255.255[External]') && ids.includes('0.0.0.0-255.255.255.255[External]'));
    assert.deepEqual(
      data.groups.map((g) => g.name),
      ['External', 'ops', 'shop'],
    );
    assert.deepEqual(decodeEdges(data), connlistLines(model));
    assert.ok(decodeEdges(data).includes(`${WEB} => ${API} : TCP 8080`));
    assert.ok(decodeEdges(data).includes(`11.0.0.0-255.255.255.255[External] => ${WEB} : TCP 443`));
  });

  it('marks exposure: admitted from outside by a policy, unprotected ingress, unprotected egress; counts them', () => {
    const node = (id: string) => data.nodes.find((n) => n.id === id)!;
    assert.equal(node(WEB).status, 'exposed');
    assert.equal(node(API).status, 'internal');
    assert.equal(node(DB).status, 'unprotected');
    assert.equal(node(MONITOR).status, 'unprotected');
    assert.equal(node('0.0.0.0-255.255.255.255[External]').status, 'external');
    assert.ok(data.nodes.filter((n) => n.namespace !== null).every((n) => n.unprotectedEgress));
    const web = node(WEB).exposure.map(([direction, peer, conns]) => `${direction === 0 ? 'ingress' : 'egress'} ${data.strings[peer]} : ${data.strings[conns]}`);
    assert.ok(web.includes('ingress 0.0.0.0-9.255.255.255[External] : TCP 443'), web.join('\n'));
    assert.ok(web.includes('egress entire-cluster : All Connections'), web.join('\n'));
    const why = node(WEB).exposure.find(([direction, peer]) => direction === 1 && data.strings[peer] === 'entire-cluster')?.[3];
    assert.deepEqual(why?.map((i) => data.strings[i]), ['not isolated: no NetworkPolicy selects it with policyType Egress']);
    assert.deepEqual(data.summary, { workloads: 4, namespaces: 2, externals: 4, connections: model.connections().length, exposedToOutside: 3, unprotectedIngress: 2, unprotectedEgress: 4 });
    assert.match(html, /<b>3<\/b> exposed to outside/);
    assert.match(html, /<b>2<\/b> unprotected ingress/);
  });

  it('lays the nodes out inside their boxes, without overlaps', () => {
    const overlap = (a: GraphBox, b: GraphBox) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    const inside = (a: GraphBox, b: GraphBox) => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;
    for (const [i, n] of data.nodes.entries()) {
      assert.ok(inside(n, data.groups[n.group]), n.id);
      assert.equal(data.groups[n.group].name, n.namespace ?? 'External');
      for (const m of data.nodes.slice(i + 1)) assert.ok(!overlap(n, m), `${n.id} / ${m.id}`);
      assert.ok(n.x + n.w <= data.width && n.y + n.h <= data.height);
    }
    for (const [i, g] of data.groups.entries()) for (const h of data.groups.slice(i + 1)) assert.ok(!overlap(g, h), `${g.name} / ${h.name}`);
  });

  it('is deterministic: same string for the same input, whatever the order of connections and endpoints', () => {
    assert.equal(render(model), html);
    const connections = model.connections().reverse();
    assert.equal(renderConnlistHtml(connections, [...model.endpoints].reverse(), computeExposure(model)), html);
  });

  it('escapes every manifest-controlled string so that none can leave its element', () => {
    const evil = '</script><img src=x onerror=alert(1)>';
    const evilNs = '</script><svg onload=alert(2)>';
    const yaml = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: "${evil}", namespace: "${evilNs}"}
spec: {template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c}]}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: "line\u2028sep<!--", namespace: "${evilNs}"}
spec: {template: {metadata: {labels: {app: b}}, spec: {containers: [{name: c}]}}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: "</script><script>alert(3)</script>", namespace: "${evilNs}"}
spec: {podSelector: {matchLabels: {app: a}}, ingress: [{from: [{ipBlock: {cidr: 1.2.3.0/24}}]}]}
`;
    const network = networkOf(yaml);
    const page = render(network, { title: '</title><script>alert(4)</script>', focus: evil });
    // Exactly the page's two script elements end; no element but the page's own.
    assert.equal(page.match(/<\/script/gi)?.length, 2);
    assert.equal(page.match(/<script/gi)?.length, 2);
    assert.doesNotMatch(page, /<img|<svg onload|<!--|\u2028/);
    assert.doesNotMatch(page, /<\/title><script>/);
    assert.match(page, /<title>&#60;\/title&#62;&#60;script&#62;alert\(4\)&#60;\/script&#62;<\/title>/);
    // The data still reads back intact.
    const back = embeddedData(page);
    assert.ok(back.nodes.some((n) => n.name === evil && n.namespace === evilNs));
    assert.ok(back.nodes.some((n) => n.name === 'line\u2028sep<!--'));
    assert.ok(back.strings.includes(`${evilNs}/</script><script>alert(3)</script> ingress[0]: ipBlock 1.2.3.0/24`), back.strings.join('\n'));
    assert.equal(back.focus, evil);
  });

  it('with focus keeps only the connections from or to the workload, and the nodes involved', () => {
    for (const focus of ['api', 'shop/api', API]) {
      const focused = embeddedData(render(model, { focus }));
      const expected = connlistLines(model).filter((l) => l.startsWith(`${API} =>`) || l.includes(`=> ${API} :`));
      assert.deepEqual(decodeEdges(focused), expected);
      const involved = new Set(expected.flatMap((l) => l.split(' : ')[0].split(' => ')));
      assert.deepEqual(new Set(focused.nodes.map((n) => n.id)), involved);
      assert.equal(focused.summary.connections, expected.length);
      assert.equal(focused.focus, focus);
    }
    const nonePage = render(model, { focus: 'nope' });
    const none = embeddedData(nonePage);
    assert.deepEqual([none.nodes.length, none.edges.length, none.summary.connections], [0, 0, 0]);
    assert.doesNotThrow(() => runPage(nonePage));
  });

  it('above the threshold draws edges only for the selected node, says so, and stays compact', () => {
    const network = networkOf(crowd('big', 80));
    const connections = network.connections().length;
    assert.ok(connections > 5000, String(connections));
    const page = render(network);
    const big = embeddedData(page);
    assert.equal(big.allEdgesDrawn, false);
    assert.match(page, /edges are drawn only for the selected node/);
    assert.equal(decodeEdges(big).length, connections);
    // Every pair connected with one connection string: a few runs per source, not one triple per edge.
    assert.ok(big.edges.length < 10 * big.nodes.length, String(big.edges.length));
    assert.equal(embeddedData(render(model)).allEdgesDrawn, true);
    assert.equal(embeddedData(render(model, { maxDrawnEdges: 3 })).allEdgesDrawn, false);
  });
});

describe('edgeCurve', () => {
  const box = (x: number, y: number) => ({ x, y, w: 100, h: 20 });
  /** [start x, start y, control x, control y, end x, end y]. */
  const points = (d: string) => [...d.matchAll(/-?[\d.]+/g)].map((m) => Number(m[0]));

  it('joins boxes in different rows and columns border to border', () => {
    const [sx, sy, , , ex, ey] = points(edgeCurve(box(0, 0), box(300, 200)).d);
    assert.ok(sy === 20 && sx > 50 && sx < 100, `${sx},${sy}`);
    assert.ok(ey < 200 && ex > 300 && ex < 350, `${ex},${ey}`);
  });

  it('joins boxes of one row by their tops or bottoms, a→b and b→a on opposite sides, bulging into the gap only', () => {
    const there = points(edgeCurve(box(0, 0), box(300, 0)).d);
    const back = points(edgeCurve(box(300, 0), box(0, 0)).d);
    assert.deepEqual([there[0], there[1], there[4]], [50, 0, 350]);
    // The curve's apex (its midpoint) stays within the 12-unit gap between rows.
    const apex = edgeCurve(box(0, 0), box(300, 0)).ly;
    assert.ok(apex < 0 && apex >= -12, String(apex));
    assert.deepEqual([back[0], back[1], back[4]], [350, 20, 50]);
    assert.ok(back[3] > 20, String(back[3]));
  });

  it('joins boxes of one column by their sides', () => {
    const down = points(edgeCurve(box(0, 0), box(0, 200)).d);
    const up = points(edgeCurve(box(0, 200), box(0, 0)).d);
    assert.deepEqual([down[0], down[1], down[5]], [100, 10, 210]);
    const apex = edgeCurve(box(0, 0), box(0, 200)).lx;
    assert.ok(apex > 100 && apex <= 114, String(apex));
    assert.deepEqual([up[0], up[1], up[5]], [0, 210, 10]);
    assert.ok(up[2] < 0, String(up[2]));
  });
});

// ─── A minimal DOM, to run the page script outside a browser ─────────────────────────────────────────────────

interface FakeEvent {
  target: FakeElement;
  key?: string;
  clientX?: number;
  clientY?: number;
  deltaY?: number;
  preventDefault(): void;
}
type Listener = (ev: FakeEvent) => void;

class FakeElement {
  readonly attributes = new Map<string, string>();
  children: FakeElement[] = [];
  parentNode: FakeElement | null = null;
  hidden = false;
  value = '';
  private readonly listeners = new Map<string, Listener[]>();
  private ownText = '';
  readonly classList = {
    add: (...names: string[]) => this.setClasses([...this.classes(), ...names]),
    remove: (...names: string[]) => this.setClasses(this.classes().filter((c) => !names.includes(c))),
    toggle: (name: string, force?: boolean) => {
      const on = force ?? !this.classes().includes(name);
      if (on) this.classList.add(name);
      else this.classList.remove(name);
    },
    contains: (name: string) => this.classes().includes(name),
  };

  constructor(
    readonly tagName: string,
    readonly namespaceURI: string | null,
  ) {}

  private classes(): string[] {
    return (this.getAttribute('class') ?? '').split(/\s+/).filter(Boolean);
  }

  private setClasses(names: string[]): void {
    this.setAttribute('class', [...new Set(names)].join(' '));
  }

  get textContent(): string {
    return this.ownText + this.children.map((c) => c.textContent).join('');
  }

  set textContent(text: string) {
    this.children = [];
    this.ownText = text;
  }

  setAttribute(name: string, value: string): void {
    this.attributes.set(name, String(value));
  }

  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }

  appendChild(child: FakeElement): FakeElement {
    child.parentNode = this;
    this.children.push(child);
    return child;
  }

  replaceChildren(): void {
    this.children = [];
  }

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  /** Dispatches an event that bubbles up the parents. */
  fire(type: string, init: Partial<FakeEvent> = {}): void {
    const ev: FakeEvent = { target: this, preventDefault: () => undefined, ...init };
    for (let el: FakeElement | null = this; el; el = el.parentNode) for (const l of el.listeners.get(type) ?? []) l(ev);
  }

  getBoundingClientRect(): { left: number; top: number; width: number; height: number } {
    return { left: 0, top: 0, width: 1000, height: 600 };
  }

  /** Descendants (self included) with this class. */
  findAll(cls: string): FakeElement[] {
    const own = this.classList.contains(cls) ? [this] : [];
    return [...own, ...this.children.flatMap((c) => c.findAll(cls))];
  }
}

/** Runs the page's script against a fake document built from the page's ids; returns the elements by id. */
function runPage(page: string): Map<string, FakeElement> {
  const [json, code] = scripts(page);
  const elements = new Map<string, FakeElement>();
  const listeners = new FakeElement('window', null);
  const document = {
    getElementById: (id: string): FakeElement | null => {
      if (!page.includes(` id="${id}"`)) return null;
      let el = elements.get(id);
      if (!el) {
        elements.set(id, (el = new FakeElement(id, id === 'graph' || id.startsWith('layer-') ? 'svg-ns' : null)));
        if (id === 'data') el.textContent = json;
        if (id === 'panel') el.hidden = true;
      }
      return el;
    },
    createElementNS: (ns: string, tag: string) => new FakeElement(tag, ns),
    createElement: (tag: string) => new FakeElement(tag, null),
    addEventListener: (type: string, l: Listener) => listeners.addEventListener(type, l),
  };
  const window = { addEventListener: (type: string, l: Listener) => listeners.addEventListener(type, l) };
  vm.runInNewContext(code, { document, window });
  elements.set('window', listeners);
  return elements;
}

describe('the page script', () => {
  it('compiles', () => {
    const code = scripts(render(model))[1];
    assert.doesNotThrow(() => new vm.Script(code));
    assert.doesNotThrow(() => new Function(code));
  });

  it('draws groups, nodes and edges, and shows a clicked node with its connections and exposure', () => {
    const page = render(model);
    const data = embeddedData(page);
    const el = runPage(page);
    const nodes = el.get('layer-nodes')!.findAll('node');
    assert.equal(nodes.length, data.nodes.length);
    assert.equal(el.get('layer-groups')!.findAll('group').length, 3);
    assert.equal(el.get('layer-edges')!.findAll('edge').length, model.connections().length);
    assert.equal(el.get('layer-labels')!.children.length, model.connections().length);
    assert.match(el.get('graph')!.getAttribute('viewBox') ?? '', /^-?[\d.]+ -?[\d.]+ [\d.]+ [\d.]+$/);

    const web = data.nodes.findIndex((n) => n.id === WEB);
    nodes[web].children[1].fire('click');
    const panel = el.get('panel')!;
    assert.equal(panel.hidden, false);
    assert.equal(el.get('panel-title')!.textContent, WEB);
    const text = el.get('panel-body')!.textContent;
    for (const s of ['Deployment', 'shop', API, 'TCP 8080', '0.0.0.0-9.255.255.255[External]', 'TCP 443', 'isolated by NetworkPolicy', 'not isolated']) assert.ok(text.includes(s), s);
    assert.ok(nodes[web].classList.contains('selected'));
    assert.ok(nodes[data.nodes.findIndex((n) => n.id === API)].classList.contains('peer'));
    const lit = el.get('layer-edges')!.children.filter((e) => e.classList.contains('out') || e.classList.contains('in'));
    assert.equal(lit.length, model.connections().filter((c) => peerName(c.src) === WEB || peerName(c.dst) === WEB).length);
    for (const edge of lit) assert.ok(edge.textContent.startsWith(`${WEB} → `) === edge.classList.contains('out') && edge.textContent.includes(WEB), edge.textContent);

    el.get('window')!.fire('keydown', { key: 'Escape' });
    assert.equal(panel.hidden, true);
    assert.equal(nodes[web].classList.contains('selected'), false);

    const search = el.get('search')!;
    search.value = 'MON';
    search.fire('input');
    assert.equal(el.get('search-count')!.textContent, '1 match');
    assert.deepEqual(
      nodes.filter((n) => n.classList.contains('match')).map((n) => n.textContent),
      ['monitorDaemonSetops/monitor[DaemonSet]'],
    );
    search.fire('keydown', { key: 'Enter' });
    assert.equal(el.get('panel-title')!.textContent, MONITOR);
  });

  it('above the threshold draws edges for the selected node only', () => {
    const network = networkOf(crowd('big', 80));
    const page = render(network);
    const data = embeddedData(page);
    const el = runPage(page);
    assert.equal(el.get('layer-edges')!.children.length, 0);
    const first = data.nodes.findIndex((n) => n.namespace !== null);
    el.get('layer-nodes')!.findAll('node')[first].fire('click');
    const id = data.nodes[first].id;
    const degree = network.connections().filter((c) => peerName(c.src) === id || peerName(c.dst) === id).length;
    assert.equal(el.get('layer-selected-edges')!.findAll('edge').length, degree);
    el.get('panel-close')!.fire('click');
    assert.equal(el.get('layer-selected-edges')!.children.length, 0);
  });

  it('builds the same graph data as it embeds', () => {
    const built = buildConnlistGraph(model.connections(), model.endpoints, computeExposure(model));
    assert.deepEqual(built, embeddedData(render(model)));
  });
});

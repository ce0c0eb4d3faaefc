export { RequestError, describeRequest, isClusterScoped, isNonResourceRequest, parseAccessRequest } from './access-request.js';
export type { RequestOptions } from './access-request.js';
export { explainJson, explainSubject, renderExplainJson, renderExplainText } from './explain.js';
export type { Explanation, ScopeGrants } from './explain.js';
export { buildGraph, renderGraphDot, renderGraphJson } from './graph.js';
export type { GraphEdge, GraphNode, GraphOptions, RbacGraph } from './graph.js';
export { questionHeader, renderWhoCanJson, renderWhoCanText, whoCanBySubject, whoCanJson } from './who-can.js';
export type { SubjectGrants } from './who-can.js';

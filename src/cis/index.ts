/** CIS Kubernetes Benchmark evaluator: public surface. */
export * from './types.js';
export { compareOp, parseGoInt } from './semantics/compare-op.js';
export { evaluateJsonPath } from './semantics/jsonpath.js';
export { textSource, findFlagInText, findEnvInText, type TextOutputs } from './semantics/text-source.js';
export { evaluateTests, evaluateTestsOnText, toLooseItem, type LooseTestItem } from './semantics/evaluate-tests.js';
export { instanceSource, type InstanceSourceOptions } from './instance-source.js';
export { indexFiles, selectFiles, probeFiles, renderFileLine, octalMode, type FileIndex, type FileProbeOutput } from './file-targets.js';
export { specialHint, worstHint, type Hint } from './hints.js';
export { runBenchmark, selectControls } from './run-benchmark.js';
export { CIS_1_12_CONTROLS, CIS_1_12_GROUPS, CIS_1_12_SECTIONS } from './benchmarks/cis-1-12.js';

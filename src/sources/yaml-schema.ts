import yaml from 'js-yaml';

/**
 * The YAML schema manifests are read with: YAML 1.2 core types (as Kubernetes' JSON-based decoding sees
 * them: an unquoted 2024-01-01 stays a string, not a Date) plus `<<` merge keys, which kubectl accepts.
 * Every parse of manifest text uses it, so values and locator keys agree.
 */
// js-yaml exports its built-in type table, but @types/js-yaml 4.0.9 does not declare it.
const builtinTypes = (yaml as unknown as { types: { merge: yaml.Type } }).types;

export const MANIFEST_SCHEMA = yaml.CORE_SCHEMA.extend({ implicit: [builtinTypes.merge] });

/**
 * The default RBAC objects of a Kubernetes 1.26 API server (its bootstrap policy), shipped as data in
 * data/bootstrap-rbac-1.26.yaml and parsed once, on first use.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseManifests } from '../../sources/manifest-parser.js';
import type { ParsedObject } from '../../sources/parsed-object.js';

export const BOOTSTRAP_VERSION = '1.26';

let cached: ParsedObject[] | undefined;

/** The bootstrap Roles, ClusterRoles, RoleBindings and ClusterRoleBindings. Shared: do not mutate. */
export function bootstrapPolicy(): ParsedObject[] {
  if (!cached) {
    const file = bootstrapPolicyFile();
    const { objects, problems } = parseManifests(readFileSync(file, 'utf8'), file);
    if (problems.some((p) => p.level === 'error')) {
      throw new Error(`${file}: ${problems.map((p) => `line ${p.line ?? '?'}: ${p.message}`).join('; ')}`);
    }
    cached = objects;
  }
  return cached;
}

/** data/bootstrap-rbac-<version>.yaml under the package root (the nearest ancestor holding package.json). */
export function bootstrapPolicyFile(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('bulwark package root (package.json) not found; cannot load the bootstrap RBAC policy');
    dir = parent;
  }
  return join(dir, 'data', `bootstrap-rbac-${BOOTSTRAP_VERSION}.yaml`);
}

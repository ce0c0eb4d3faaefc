import { readFileSync } from 'node:fs';

/** Read once from package.json, which sits three levels above dist/src/cli/. */
export const TOOL_VERSION: string = (() => {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
})();

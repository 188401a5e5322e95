import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The compiled worker script `name` for the module at `moduleUrl` (its `import.meta.url`): the one beside
 * it, so that the library (dist/node/) starts the library's workers and the bundled command line
 * (dist/bin/, scripts/bundle-cli.mjs) its bundled ones, one copy of the modules per thread either way;
 * from the TypeScript sources (tests, tsx), the library's build in dist/node/. Null when it is missing.
 */
export function workerScriptBeside(moduleUrl: string, name: string): URL | null {
  const fromSources = moduleUrl.endsWith('.ts');
  const url = new URL(fromSources ? `../../dist/node/${name}` : `./${name}`, moduleUrl);
  return existsSync(fileURLToPath(url)) ? url : null;
}

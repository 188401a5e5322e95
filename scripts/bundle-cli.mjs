// Bundles the `gradlab` command line and its worker-thread script from tsc's output into dist/bin/,
// so that starting the CLI reads a few files instead of resolving and loading hundreds of modules
// (`gradlab --version` loaded 692 ES modules; zod alone is 95 files, loaded again in every worker
// thread). Measurements are in docs/performance.md ("Start-up"). The library entries (dist/index.js,
// dist/browser.js) stay unbundled tsc output.
//
// - Splitting keeps the CLI's lazy command loading lazy (each command module is its own chunk) and lets
//   the CLI and its workers share chunks on disk; each thread still evaluates its own copy.
// - dist/bin/ sits at the same depth as dist/node/ and dist/cli/, so the paths that modules find
//   relative to `import.meta.url` (../../package.json, ../../datasets/, ../playground-app/, and the
//   worker script ./helperThread.js, which is then the bundled one) resolve the
//   same from a chunk; checkRelativeUrls below fails the build if one does not.
// - The entry, scripts/cli-entry.mjs, turns source maps on for GRADLAB_DEBUG=1 before it loads the CLI.
// - The banner gives the bundled CommonJS dependencies (commander, cli-progress, ...) a `require` for
//   Node's built-in modules, which an ES module does not have.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url);
const outdir = new URL('dist/bin/', root);

// Chunk names change with their content: a previous run's chunks would otherwise stay and be shipped.
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: {
    gradlab: fileURLToPath(new URL('scripts/cli-entry.mjs', root)),
    helperThread: fileURLToPath(new URL('dist/node/helperThread.js', root)),
  },
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outdir: fileURLToPath(outdir),
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  banner: {
    js: "import { createRequire as __gradlabRequire } from 'node:module'; const require = __gradlabRequire(import.meta.url);",
  },
  // Maps back through tsc's maps to src/, read only with GRADLAB_DEBUG=1 (cli-entry.mjs); without the
  // sources' text, which the package does not need.
  sourcemap: true,
  sourcesContent: false,
  logLevel: 'warning',
});

checkRelativeUrls();

/**
 * Every `new URL('<literal>', import.meta.url)` in the bundle must name a file or folder that exists
 * (the playground app is built before this script runs), and the worker script must be there.
 */
function checkRelativeUrls() {
  const lookup = /new URL\(\s*(["'`])([^"'`]+)\1\s*,\s*import\.meta\.url\s*\)/g;
  const missing = ['helperThread.js'].filter((worker) => !existsSync(new URL(worker, outdir)));
  let lookups = 0;
  for (const file of readdirSync(outdir).filter((name) => name.endsWith('.js'))) {
    for (const [, , relative] of readFileSync(new URL(file, outdir), 'utf8').matchAll(lookup)) {
      lookups += 1;
      if (!existsSync(new URL(relative, new URL(file, outdir)))) missing.push(`${file}: ${relative}`);
    }
  }
  if (lookups === 0) missing.push('no import.meta.url lookups found (has the emitted form changed?)');
  if (missing.length > 0) {
    throw new Error(`bundle-cli: not found from ${fileURLToPath(outdir)}:\n  ${missing.join('\n  ')}`);
  }
}

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * What a user gets from the registry: `npm pack`, the tarball installed into an empty folder, the
 * `gradlab` binary run there, and a page that imports `gradlab/browser` bundled with Vite. It catches
 * files missing from `files`, broken `exports` and Node imports leaking into the browser entry.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let dir = '';

describe('the packed package, installed into an empty folder', () => {
  beforeAll(() => {
    expect(existsSync(join(root, 'dist', 'index.js'))).toBe(true);
    dir = mkdtempSync(join(tmpdir(), 'gradlab-pack-'));
    // --ignore-scripts: dist/ is already built; `prepare` would build it again.
    const packed = execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
      cwd: root,
      encoding: 'utf8',
    });
    const tarball = join(dir, (JSON.parse(packed) as Array<{ filename: string }>)[0].filename);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'user-project', private: true, type: 'module' }));
    // Dependencies come from npm's cache when `npm ci` filled it (as in CI); otherwise from the registry.
    execFileSync(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], {
      cwd: dir,
      stdio: 'ignore',
    });
  }, 240_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const gradlab = (args: string[]) =>
    spawnSync(join(dir, 'node_modules', '.bin', 'gradlab'), args, { cwd: dir, encoding: 'utf8' });

  it('ships the binary: gradlab --help lists the commands', () => {
    const r = gradlab(['--help']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const command of ['demo', 'train', 'eval', 'gradcheck', 'normalize']) expect(r.stdout).toContain(command);
  });

  it('trains on a bundled dataset and saves a model that eval reads back', () => {
    const model = join(dir, 'model.json');
    const trained = gradlab(['train', '--data', 'iris', '--layers', '8', '--epochs', '5', '--save', model]);
    expect(trained.stderr).toBe('');
    expect(trained.status).toBe(0);
    const evaluated = gradlab(['eval', '--model', model, '--data', 'iris', '--json']);
    expect(evaluated.status).toBe(0);
    expect(JSON.parse(evaluated.stdout).rows).toBe(150);
  });

  it('the Node entry and the browser entry both import by their package names', () => {
    const script = `import * as node from 'gradlab'; import * as browser from 'gradlab/browser';
      console.log(JSON.stringify({ node: typeof node.loadDataset, browser: typeof browser.fit, leak: 'loadDataset' in browser }));`;
    writeFileSync(join(dir, 'entries.mjs'), script);
    const r = spawnSync(process.execPath, ['entries.mjs'], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ node: 'function', browser: 'function', leak: false });
  });

  it('a page importing gradlab/browser bundles with Vite and has no Node import', async () => {
    writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="./main.js"></script>');
    writeFileSync(
      join(dir, 'main.js'),
      `import { Sequential, Dense, circles, fit } from 'gradlab/browser';
      const data = circles({ n: 64, seed: 1 });
      const net = new Sequential([new Dense(4, { activation: 'relu' }), new Dense(1)], { inputSize: 2, seed: 1 });
      fit(net, data.x, data.y, { loss: 'binaryCrossEntropy', epochs: 1, quiet: true });
      document.title = 'trained';`,
    );
    const { build } = await import('vite');
    // A Node built-in reached from gradlab/browser would be swapped for an empty module (silently, inside
    // node_modules): record every attempt to resolve one.
    const nodeImports: string[] = [];
    await build({
      root: dir,
      logLevel: 'silent',
      configFile: false,
      build: { outDir: join(dir, 'page'), target: 'es2022' },
      plugins: [
        {
          name: 'record-node-imports',
          enforce: 'pre',
          resolveId(source: string, importer: string | undefined) {
            const bare = source.replace(/^node:/, '').split('/')[0];
            if (source.startsWith('node:') || builtinModules.includes(bare))
              nodeImports.push(`${importer} → ${source}`);
            return null;
          },
        },
      ],
    });
    const assets = join(dir, 'page', 'assets');
    const code = readdirSync(assets)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(assets, f), 'utf8'))
      .join('\n');
    expect(nodeImports).toEqual([]);
    expect(code).toContain('trained');
  }, 120_000);
});

// The architecture as rules (see CONTRIBUTING.md): which folder of src/ may import which, no cycles,
// and Node's own modules only in src/node/ and src/cli/. `npm run lint` checks them.
const core = [
  'random',
  'tensor',
  'kernels',
  'ops',
  'autograd',
  'init',
  'nn',
  'optim',
  'train',
  'gradcheck',
  'data',
  'diagnostics',
];

/** Folder → the folders it may import (besides itself and src/errors.ts). */
const layers = {
  random: [],
  tensor: ['random'],
  kernels: [],
  ops: ['tensor', 'kernels'],
  autograd: ['ops', 'tensor'],
  init: ['tensor', 'random'],
  nn: ['autograd', 'init', 'ops', 'tensor', 'random', 'kernels'],
  optim: ['autograd', 'tensor'],
  train: ['nn', 'optim', 'autograd', 'ops', 'tensor', 'random', 'diagnostics'],
  gradcheck: ['nn', 'autograd', 'ops', 'tensor', 'random', 'train', 'kernels'],
  data: ['ops', 'tensor', 'random'],
  diagnostics: ['nn', 'init', 'autograd', 'ops', 'tensor'],
  node: core,
  pipeline: [...core, 'node'],
  exchange: [...core, 'node', 'pipeline'],
  experiments: [...core, 'node', 'pipeline'],
  report: ['experiments', 'node'],
  cli: [...core, 'node', 'pipeline', 'exchange', 'experiments', 'report'],
};

const layerRules = Object.entries(layers).map(([folder, allowed]) => ({
  name: `layer-${folder}`,
  comment: `src/${folder}/ may import only: ${allowed.length ? allowed.join(', ') : 'nothing else in src/'}`,
  severity: 'error',
  from: { path: `^src/${folder}/` },
  to: { path: '^src/', pathNot: [`^src/(${[folder, ...allowed].join('|')})/`, '^src/errors\\.ts$'] },
}));

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'node-builtins-only-in-node-and-cli',
      comment: 'the core runs in browsers: Node modules belong in src/node/ (or the CLI)',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(node|cli)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'browser-entry-stays-in-the-core',
      comment: 'gradlab/browser must not reach Node-only code, the services, the lab, the report or the CLI',
      severity: 'error',
      from: { path: '^src/browser\\.ts$' },
      to: { path: '^src/(node|pipeline|experiments|report|cli)/', reachable: true },
    },
    {
      name: 'playground-app-uses-the-browser-entry',
      comment: 'the web app imports gradlab/browser, as a user would, never src/ files',
      severity: 'error',
      from: { path: '^playground-app/' },
      to: { path: '^src/', pathNot: '^src/browser\\.ts$' },
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^dist/|^test/fixtures/)' },
  },
};

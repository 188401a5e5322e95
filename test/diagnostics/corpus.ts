/**
 * A corpus of network states for the diagnosis rules: each state is a network at initialization (or,
 * for `trainedConfident`, after training) with the data it is diagnosed on. `intent` is the problem
 * the state was built to show; its label comes from an outcome (does it train to the target accuracy
 * under the protocol below?), recorded by scripts/diagnostics-corpus.ts in
 * test/fixtures/diagnostics-corpus.json.
 */
import {
  Dense,
  Sequential,
  StandardScaler,
  fit as train,
  gatherRows,
  Generator,
  loadDataset,
  lsuv,
  type Finding,
  type InitializerSpec,
  type Tensor,
  type TrainingSettings,
} from '../../src/index.js';

export type StateKind =
  | 'heDeep'
  | 'lecunTanh'
  | 'lsuvDeep'
  | 'trainedConfident'
  | 'glorotDeep'
  | 'tinyRandom'
  | 'plainRandn'
  | 'times10'
  | 'saturatedTanh'
  | 'zeros'
  | 'rawFeatures'
  | 'deadRelu'
  | 'sigmoidDeep';

/** The finding each kind of state was built to show ('healthy' for the networks that should train). */
export const INTENT: Record<StateKind, Finding | 'healthy'> = {
  heDeep: 'healthy',
  lecunTanh: 'healthy',
  lsuvDeep: 'healthy',
  trainedConfident: 'healthy',
  glorotDeep: 'vanishingActivations',
  tinyRandom: 'vanishingActivations',
  plainRandn: 'explodingActivations',
  times10: 'largeWeights',
  saturatedTanh: 'saturation',
  zeros: 'symmetry',
  rawFeatures: 'unnormalizedInputs',
  deadRelu: 'deadUnits',
  sigmoidDeep: 'vanishingGradients',
};

export type DatasetName = 'digits' | 'breast_cancer' | 'wine' | 'iris';

export interface StateSpec {
  kind: StateKind;
  dataset: DatasetName;
  depth: number;
  width: number;
  seed: number;
  split: 'tuning' | 'heldOut';
}

export const id = (s: StateSpec) => `${s.kind}/${s.dataset}/d${s.depth}/w${s.width}/s${s.seed}`;

/** Rows used from each dataset (digits is cut to keep the corpus fast; the others are whole). */
const ROWS = 400;
const PROBE_ROWS = 256;

/**
 * The outcome protocol that decides labels: plain SGD with momentum (the course's optimizer, which
 * does not rescue a bad initialization the way Adam partly does), a fixed learning rate, and a
 * target training accuracy per dataset within `epochs`.
 */
export const PROTOCOL = {
  optimizer: 'momentum',
  learningRate: 0.003,
  momentum: 0.9,
  batchSize: 32,
  epochs: 40,
  target: { digits: 0.9, breast_cancer: 0.95, wine: 0.95, iris: 0.9 } as Record<DatasetName, number>,
};

function initFor(kind: StateKind): {
  activation: 'relu' | 'tanh' | 'sigmoid';
  init: string | InitializerSpec;
  bias?: InitializerSpec;
} {
  switch (kind) {
    case 'heDeep':
    case 'trainedConfident':
    case 'rawFeatures':
      return { activation: 'relu', init: 'heNormal' };
    case 'lecunTanh':
      return { activation: 'tanh', init: 'lecunNormal' };
    case 'lsuvDeep':
      return { activation: 'relu', init: 'orthogonal' };
    case 'glorotDeep':
      return { activation: 'relu', init: 'glorotNormal' };
    case 'tinyRandom':
      return { activation: 'relu', init: { name: 'randomNormal', config: { std: 0.01 } } };
    case 'plainRandn':
      return { activation: 'relu', init: { name: 'randomNormal', config: { std: 1 } } };
    case 'times10':
      return { activation: 'relu', init: { name: 'randomNormal', config: { std: 10 } } };
    case 'saturatedTanh':
      return { activation: 'tanh', init: 'lecunNormal' };
    case 'zeros':
      return { activation: 'relu', init: 'zeros' };
    case 'deadRelu':
      return { activation: 'relu', init: 'heNormal', bias: { name: 'constant', config: { value: -3 } } };
    case 'sigmoidDeep':
      return { activation: 'sigmoid', init: 'glorotNormal' };
  }
}

export interface State {
  spec: StateSpec;
  model: Sequential;
  /** The whole (possibly scaled) training data. */
  x: Tensor;
  y: Tensor;
  /** The seeded batch the diagnosis reads. */
  probe: { x: Tensor; y: Tensor };
  loss: 'softmaxCrossEntropy' | 'binaryCrossEntropy';
  featureNames: string[];
  settings: TrainingSettings;
}

const dataCache = new Map<string, { x: Tensor; y: Tensor; names: string[]; classes: number }>();

function data(name: DatasetName, scaled: boolean) {
  const key = `${name}/${scaled}`;
  const cached = dataCache.get(key);
  if (cached) return cached;
  const d = loadDataset(name);
  const rows = Math.min(ROWS, d.x.shape[0]);
  const pick = new Generator(0).permutation(d.x.shape[0]).subarray(0, rows);
  const raw = gatherRows(d.x, pick);
  const x = scaled ? new StandardScaler({ onConstantFeatures: () => {} }).fitTransform(raw) : raw;
  const entry = { x, y: gatherRows(d.y, pick), names: d.featureNames, classes: d.classes?.length ?? 2 };
  dataCache.set(key, entry);
  return entry;
}

/** Builds the state a spec describes (deterministic in its seed). */
export function buildState(spec: StateSpec): State {
  const { activation, init, bias } = initFor(spec.kind);
  // Raw features: for ReLU they show unnormalized inputs; for tanh they push LeCun's units into saturation.
  const scaled = spec.kind !== 'rawFeatures' && spec.kind !== 'saturatedTanh';
  const d = data(spec.dataset, scaled);
  const binary = d.classes === 2;
  const loss = binary ? 'binaryCrossEntropy' : 'softmaxCrossEntropy';
  const layers = [
    ...Array.from(
      { length: spec.depth - 1 },
      () => new Dense(spec.width, { activation, init, ...(bias ? { biasInit: bias } : {}) }),
    ),
    new Dense(binary ? 1 : d.classes, { activation: binary ? 'sigmoid' : 'softmax', init }),
  ];
  const model = new Sequential(layers, { inputSize: d.x.shape[1], seed: spec.seed });
  const probeRows = new Generator(spec.seed).permutation(d.x.shape[0]).subarray(0, Math.min(PROBE_ROWS, d.x.shape[0]));
  const probe = { x: gatherRows(d.x, probeRows), y: gatherRows(d.y, probeRows) };
  if (spec.kind === 'lsuvDeep') lsuv(model, probe.x, { seed: spec.seed });
  let settings: TrainingSettings = {
    optimizer: PROTOCOL.optimizer,
    learningRate: PROTOCOL.learningRate,
    inputsScaled: scaled,
  };
  if (spec.kind === 'trainedConfident') {
    // Trained well (Adam) until the outputs are confident; the diagnosis must not call that saturation.
    train(model, d.x, d.y, {
      loss,
      optimizer: 'adam',
      learningRate: 0.01,
      epochs: 40,
      batchSize: 32,
      seed: spec.seed,
      quiet: true,
    });
    settings = { optimizer: 'adam', learningRate: 0.01, inputsScaled: true };
  }
  return { spec, model, x: d.x, y: d.y, probe, loss, featureNames: d.names, settings };
}

const KINDS = Object.keys(INTENT) as StateKind[];

/** Depth per kind: deep where the problem is one of depth, shallow (the course's nets) otherwise. */
function depths(kind: StateKind, split: 'tuning' | 'heldOut'): number[] {
  const deep = kind === 'heDeep' || kind === 'lsuvDeep' || kind === 'glorotDeep';
  if (deep) return split === 'tuning' ? [10, 20] : [15, 30];
  if (kind === 'lecunTanh') return split === 'tuning' ? [6] : [4, 10];
  if (kind === 'sigmoidDeep') return split === 'tuning' ? [10] : [8, 12];
  if (kind === 'plainRandn') return split === 'tuning' ? [4, 6] : [5, 8];
  if (kind === 'tinyRandom') return split === 'tuning' ? [3, 4] : [2, 6];
  return split === 'tuning' ? [2, 3] : [2, 4];
}

function datasets(kind: StateKind, split: 'tuning' | 'heldOut'): DatasetName[] {
  if (kind === 'rawFeatures') return split === 'tuning' ? ['breast_cancer'] : ['wine'];
  if (kind === 'trainedConfident') return split === 'tuning' ? ['breast_cancer'] : ['wine', 'iris'];
  return split === 'tuning' ? ['digits'] : ['breast_cancer', 'wine'];
}

/** The tuning part (seed 1, width 64, digits mostly) and the held-out part (other seeds, widths, depths, datasets). */
export function corpus(split: 'tuning' | 'heldOut'): StateSpec[] {
  const specs: StateSpec[] = [];
  for (const kind of KINDS) {
    // Held out: seed 2 at width 32 and seed 3 at width 48.
    const seedWidths =
      split === 'tuning'
        ? [[1, 64]]
        : [
            [2, 32],
            [3, 48],
          ];
    for (const dataset of datasets(kind, split))
      for (const depth of depths(kind, split))
        for (const [seed, width] of seedWidths) specs.push({ kind, dataset, depth, width, seed, split });
  }
  return specs;
}

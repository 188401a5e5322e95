/** Messages between the playground page and its training worker, and the settings a link carries. */

export type InitName = 'zeros' | 'small' | 'large' | 'lecun' | 'xavier' | 'he' | 'orthogonal' | 'lsuv';
export type DatasetName = 'circles' | 'moons' | 'spirals' | 'xor' | 'blobs' | 'breast-cancer' | 'upload';
export type BugKind = 'scale' | 'swap' | 'drop-l2' | 'sign';

export interface Settings {
  dataset: DatasetName;
  noise: number;
  /** x₁ is multiplied by `stretch`, then `shift` is added (before any normalization). */
  stretch: number;
  shift: number;
  normalize: boolean;
  depth: number;
  width: number;
  activation: 'relu' | 'tanh' | 'sigmoid' | 'leakyRelu';
  init: InitName;
  l2: number;
  dropout: number;
  optimizer: 'sgd' | 'momentum' | 'rmsprop' | 'adam';
  learningRate: number;
  /** 0 = full batch. */
  batchSize: number;
  seed: number;
  /** Training steps per animation frame; 0 = as fast as possible. Display only: changing it keeps the run. */
  speed: number;
  /** Cost chart on a log axis. Display only. */
  logCost: boolean;
}

/** Noise that keeps each dataset's shape visible: spirals' arms are 0.29 apart, so 0.1 blurs them into a blob. */
export const DEFAULT_NOISE: Record<DatasetName, number> = {
  circles: 0.1,
  moons: 0.1,
  spirals: 0.03,
  xor: 0.1,
  blobs: 0.1,
  'breast-cancer': 0,
  upload: 0,
};

export const DEFAULT_SETTINGS: Settings = {
  dataset: 'circles',
  noise: DEFAULT_NOISE.circles,
  stretch: 1,
  shift: 0,
  normalize: true,
  depth: 2,
  width: 8,
  activation: 'relu',
  init: 'he',
  l2: 0,
  dropout: 0,
  optimizer: 'sgd',
  learningRate: 0.1,
  batchSize: 0,
  seed: 1,
  speed: 10,
  logCost: false,
};

/** Settings that only change how the run is shown (a change does not restart training). */
export const DISPLAY_ONLY: ReadonlyArray<keyof Settings> = ['speed', 'logCost'];

/** The training costs whose first crossing the page reports ("cost < 0.3 at step 27"). */
export const MILESTONES = [0.5, 0.3, 0.2, 0.1] as const;

/** Units drawn per layer in the network diagram (the rest are summarised). */
export const MAX_DRAWN_UNITS = 12;

export type ToWorker =
  | { type: 'init'; settings: Settings; upload?: { x: number[][]; y: number[] } }
  /** `live`: part of a running animation (the cost contour is then redrawn at most every CONTOUR_INTERVAL_MS). */
  | { type: 'step'; count: number; live?: boolean }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'gradcheck'; bug: { parameter: string; kind: BugKind } | null };

export interface LayerView {
  /** "dense 1", "dense 2", …, "output": dense layers numbered from 1, dropout layers not counted. */
  name: string;
  activation: string;
  units: number;
  /** Histogram of the layer's activations on the training set. */
  bins: number[];
  range: [number, number];
  activationStd: number;
  gradientNorm: number;
  /** Fraction of units that are dead (ReLU) or saturated (tanh/sigmoid); null when it does not apply. */
  stuckFraction: number | null;
  /** Incoming weights [unit][input] and biases. */
  weights: number[][];
  bias: number[];
  /** Per unit: mean and std of its output on the training set, fraction of examples where it is 0. */
  unitStats: Array<{ mean: number; std: number; zeroFraction: number }>;
  /** Per drawn unit: its output over the boundary grid (size × size, row 0 at the top). */
  images: Float32Array[];
}

export interface ContourView {
  /** Names of the two weights (first dense layer, unit 1: the weight on x₁ and the weight on x₂). */
  names: [string, string];
  size: number;
  /** Training cost at each grid point, row 0 at the top (largest second weight). */
  cost: Float64Array;
  /** [w₁ low, w₁ high, w₂ low, w₂ high]: the same span on both axes (equal aspect). */
  bounds: [number, number, number, number];
  /** The two weights after each recorded step. */
  path: Array<[number, number]>;
}

export interface FindingView {
  message: string;
  /** The numbers the finding rests on, in words (empty when diagnose gives none). */
  evidence: string;
}

export interface Snapshot {
  step: number;
  trainCost: number;
  testCost: number;
  trainAccuracy: number;
  testAccuracy: number;
  initialCost: number;
  history: Array<[number, number, number]>;
  /** First step whose training cost fell below each of MILESTONES (null: not yet). */
  milestones: Array<[number, number | null]>;
  boundary: { size: number; probability: Float32Array; bounds: [number, number, number, number] };
  /** The inputs as drawn in the network diagram (x₁, x₂ over the grid). */
  inputImages: Float32Array[];
  layers: LayerView[];
  contour: ContourView | null;
  diagnosis: { healthy: boolean; findings: FindingView[]; suggestion: string | null };
  /** Every unit of the first hidden layer has the same weights and bias (symmetry never broken). */
  symmetric: boolean;
  stepsPerSecond: number;
  playing: boolean;
}

export interface Points {
  raw: { train: number[][]; test: number[][] };
  model: { train: number[][]; test: number[][] };
  trainLabels: number[];
  testLabels: number[];
  featureNames: [string, string];
  parameters: string[];
}

/** How many threads compute large matrix products, and the check that two give one thread's bits. */
export interface ThreadsView {
  threads: 1 | 2;
  /** Why one thread, when it is one. */
  reason: string | null;
  /** Products on two threads equal to one thread's, bit for bit (null: not checked, one thread). */
  identical: boolean | null;
  /** Pieces of the checked products that the helper computed. */
  helperPieces: number;
}

export type FromWorker =
  | ({ type: 'threads' } & ThreadsView)
  | { type: 'ready'; points: Points; snapshot: Snapshot }
  | { type: 'snapshot'; snapshot: Snapshot }
  | {
      type: 'gradcheck';
      verdict: string;
      difference: number;
      rows: Array<{ name: string; difference: number; verdict: string; worst: string }>;
      bug: string | null;
      step: number;
    }
  | { type: 'error'; message: string };

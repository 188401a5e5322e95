import { StandardScaler } from '../data/index.js';
import { loadDataset } from '../node/datasets.js';
import { ArgumentError } from '../errors.js';
import { INITIALIZER_NAMES } from '../init/index.js';
import { diagnoseNetwork, type LayerStatistics } from '../diagnostics/index.js';
import { Dense, Sequential, lsuv, parseActivation, type LsuvLayerResult } from '../nn/index.js';
import { gatherRows } from '../ops/index.js';
import { SGD } from '../optim/index.js';
import { Generator } from '../random/index.js';
import { Tensor } from '../tensor/index.js';
import { fit, type EpochRecord } from '../train/index.js';

export interface DepthOptions {
  data?: string;
  layers?: number;
  width?: number;
  activation?: string;
  /** Initializers to compare (names; 'lsuv' = orthogonal + layer-sequential unit variance). */
  inits?: string[];
  epochs?: number;
  learningRate?: number;
  momentum?: number;
  batchSize?: number;
  seed?: number;
  /** Use only the first n rows (for quick runs and tests). */
  rows?: number;
  onEpoch?: (init: string, record: EpochRecord) => void;
}

export interface DepthSchemeResult {
  init: string;
  /** Activation std of each hidden layer at initialization, on a batch of training data. */
  activationStd: number[];
  /** ‖∂J/∂W‖ of every layer at initialization. */
  gradientNorm: number[];
  history: Array<{ epoch: number; loss: number; accuracy: number | null }>;
  finalAccuracy: number | null;
  finalLoss: number;
  lsuv?: LsuvLayerResult[];
  /** What `gradlab diagnose` says of this network at initialization (findings and one suggestion). */
  diagnosis: { healthy: boolean; findings: Array<{ kind: string; message: string }>; suggestion: string | null };
}

/**
 * The depth experiment: per scheme, the activation and gradient statistics by layer and the training curve of a
 * deep network.
 */
export interface DepthResult {
  dataset: string;
  layers: number;
  width: number;
  activation: string;
  epochs: number;
  learningRate: number;
  momentum: number;
  batchSize: number;
  chance: number;
  schemes: DepthSchemeResult[];
}

/**
 * He et al. 2015, Figure 3, on real data: a deep plain MLP (default 30 ReLU layers of width 64) on
 * standardized digits, trained by SGD with momentum from each initializer; reports activation std and
 * gradient norm per layer at initialization, the training history and the final training accuracy.
 */
export function runDepthExperiment(options: DepthOptions = {}): DepthResult {
  // Every name is checked before any data is read or network trained: a typo in the last initializer
  // used to surface only after the others had trained.
  const inits = options.inits ?? ['heNormal', 'glorotNormal', 'lecunNormal'];
  const unknown = inits.find((init) => init !== 'lsuv' && !INITIALIZER_NAMES.includes(init));
  if (unknown !== undefined)
    throw new ArgumentError(`depth: unknown initializer '${unknown}' (known: ${INITIALIZER_NAMES.join(', ')}, lsuv)`);
  const activation = parseActivation(options.activation ?? 'relu');
  const data = loadDataset(options.data ?? 'digits');
  const rows = Math.min(options.rows ?? data.x.shape[0], data.x.shape[0]);
  const pick = Int32Array.from({ length: rows }, (_, i) => i);
  const x = new StandardScaler({ onConstantFeatures: () => {} }).fitTransform(gatherRows(data.x, pick));
  const y = gatherRows(data.y, pick);
  const classes = data.classes?.length ?? 2;
  const depth = options.layers ?? 30;
  const width = options.width ?? 64;
  const epochs = options.epochs ?? 30;
  const learningRate = options.learningRate ?? 0.003;
  const momentum = options.momentum ?? 0.9;
  const batchSize = options.batchSize ?? 64;
  const seed = options.seed ?? 1;
  const probeRows = new Generator(seed).permutation(rows).subarray(0, Math.min(256, rows));
  const probeX = gatherRows(x, probeRows);
  const probeY = gatherRows(y, probeRows);

  const schemes = inits.map((init): DepthSchemeResult => {
    const useLsuv = init === 'lsuv';
    const layers = [
      ...Array.from({ length: depth - 1 }, () => new Dense(width, { activation, init: useLsuv ? 'orthogonal' : init })),
      new Dense(classes, { activation: 'softmax', init: useLsuv ? 'orthogonal' : init }),
    ];
    const model = new Sequential(layers, { inputSize: x.shape[1], seed });
    const lsuvResult = useLsuv ? lsuv(model, probeX, { seed }) : undefined;
    // The same measurements and diagnosis as `gradlab diagnose` and fit's warning, on the probe batch.
    const measured = diagnoseNetwork(model, probeX, probeY, {
      loss: 'softmaxCrossEntropy',
      optimizer: 'momentum',
      learningRate,
      inputsScaled: true,
      batchRows: probeX.shape[0],
    });
    const stats: LayerStatistics[] = measured.layers;
    const { healthy, findings, suggestion } = measured.diagnosis;
    const history = fit(model, x, y, {
      loss: 'softmaxCrossEntropy',
      optimizer: new SGD({ learningRate, momentum }),
      epochs,
      batchSize,
      seed,
      quiet: true,
      callbacks: options.onEpoch ? [{ onEpochEnd: (_context, { record }) => options.onEpoch!(init, record) }] : [],
    });
    const last = history.epochs[history.epochs.length - 1];
    return {
      init,
      activationStd: stats.slice(0, -1).map((s) => s.activationStd),
      gradientNorm: stats.map((s) => s.gradientNorm ?? 0),
      history: history.epochs.map((e) => ({ epoch: e.epoch, loss: e.loss, accuracy: e.accuracy })),
      finalAccuracy: last?.accuracy ?? null,
      finalLoss: last?.loss ?? NaN,
      ...(lsuvResult ? { lsuv: lsuvResult } : {}),
      diagnosis: { healthy, findings: findings.map(({ kind, message }) => ({ kind, message })), suggestion },
    };
  });
  return {
    dataset: data.name,
    layers: depth,
    width,
    activation,
    epochs,
    learningRate,
    momentum,
    batchSize,
    chance: 1 / classes,
    schemes,
  };
}

export interface LinearDepthResult {
  scale: number;
  layers: number;
  width: number;
  /** ‖a[l]‖ / ‖x‖ after each layer l = 1 … L (exactly scale^l in exact arithmetic; Infinity or NaN once overflowed). */
  magnitude: number[];
  /** scale^l in float64 (Infinity past ≈ 1.8e308, 0 below ≈ 4.9e-324, as the activations). */
  expected: number[];
  /**
   * The largest |magnitude − expected| / expected over the layers before any overflow or underflow
   * (layer 1 always counts).
   */
  maxRelativeError: number;
  /** The first layer (1-based) whose activations are no longer finite: float64 overflowed there; null if none. */
  overflowLayer: number | null;
  /**
   * The first layer (1-based) whose activations are all below float64's normal range (2^-1022 ≈
   * 2.2e-308, then 0): float64 underflowed there; null if none.
   */
  underflowLayer: number | null;
}

/** The smallest normal float64, 2^-1022: below it numbers lose significant bits on the way to 0. */
const MIN_NORMAL = 2 ** -1022;

/**
 * ‖v‖₂ / ‖x‖₂ without overflow or underflow in between: each norm is scaled by its largest |v_i| first
 * (1e200 squared is Infinity), and the ratio taken before the square roots multiply back (a finite
 * vector's norm can itself pass 1.8e308).
 */
function normRatio(v: ArrayLike<number>, x: ArrayLike<number>): number {
  const scaled = (values: ArrayLike<number>): [number, number] => {
    let largest = 0;
    for (let i = 0; i < values.length; i++) largest = Math.max(largest, Math.abs(values[i]));
    if (largest === 0 || !Number.isFinite(largest)) return [largest, 1];
    let sum = 0;
    for (let i = 0; i < values.length; i++) sum += (values[i] / largest) ** 2;
    return [largest, Math.sqrt(sum)];
  };
  const [vLargest, vRoot] = scaled(v);
  const [xLargest, xRoot] = scaled(x);
  return (vLargest / xLargest) * (vRoot / xRoot);
}

/**
 * The course's example: a linear network with W[l] = scale·I in every layer, so ŷ = scale^L·x. Computes
 * the output magnitude after each layer with the engine and compares it with scale^l.
 *
 * The scale must be a finite number ≥ 2^-1022: 0 makes every output 0 (0^l, whose relative error is 0/0),
 * and a negative scale only flips signs, so its magnitudes are those of |scale|. Past float64's range the
 * activations overflow to Infinity (then NaN, where Infinity meets the zeros of s·I in the product) or
 * underflow (below 2^-1022 they lose precision, then become 0): those layers are reported as such
 * (`overflowLayer`, `underflowLayer`) and left out of the relative error, which measures the arithmetic,
 * not the number format's limits.
 */
export function runLinearDepth(options: { scale?: number; layers?: number; width?: number } = {}): LinearDepthResult {
  const scale = options.scale ?? 1.5;
  if (!Number.isFinite(scale) || scale <= 0)
    throw new ArgumentError(
      scale === 0
        ? 'linear depth: a scale of 0 makes every layer output 0 (0^l): ' +
            'there is no growth or decay to show; give a scale > 0'
        : scale < 0
          ? `linear depth: a scale of ${scale} only flips signs, ‖a[l]‖ is |${scale}|^l: give ${-scale} (a scale > 0)`
          : `linear depth: the scale must be a finite number > 0, got ${scale}`,
    );
  if (scale < MIN_NORMAL)
    throw new ArgumentError(
      `linear depth: a scale of ${scale} is below float64's normal range (2^-1022 ≈ 2.2e-308): ` +
        'even the first layer cannot be measured',
    );
  const depth = options.layers ?? 20;
  const width = options.width ?? 2;
  const layers = Array.from(
    { length: depth },
    () => new Dense(width, { init: { name: 'identity', config: { gain: scale } }, useBias: false }),
  );
  const model = new Sequential(layers, { inputSize: width });
  const x = new Tensor(
    Float64Array.from({ length: width }, () => 1),
    [1, width],
  );
  const inputs = model.layerInputs(x);
  const out = model.predict(x);
  const outputs = [...inputs.slice(1), out];
  const magnitude = outputs.map((t) => normRatio(t.data, x.data));
  const expected = magnitude.map((_, l) => scale ** (l + 1));
  const firstLayer = (test: (t: Tensor) => boolean) => {
    const at = outputs.findIndex(test);
    return at === -1 ? null : at + 1;
  };
  const overflowLayer = firstLayer((t) => t.data.some((v) => !Number.isFinite(v)));
  // Below 2^-1022 float64 is subnormal: fewer significant bits each halving, then 0.
  const underflowLayer = firstLayer((t) => t.data.every((v) => Math.abs(v) < MIN_NORMAL));
  const compared = Math.min(overflowLayer ?? depth + 1, underflowLayer ?? depth + 1) - 1;
  const maxRelativeError = Math.max(
    ...magnitude.slice(0, compared).map((m, l) => Math.abs(m - expected[l]) / expected[l]),
  );
  return { scale, layers: depth, width, magnitude, expected, maxRelativeError, overflowLayer, underflowLayer };
}

import { MinMaxScaler, type Scaler } from '../data/index.js';
import { ModelFormatError } from '../errors.js';
import { Activation, Dense, Dropout } from '../nn/index.js';
import { gradlabVersion } from '../node/packageInfo.js';
import type { TrainedModel } from '../pipeline/trainedModel.js';
import type { DType } from '../tensor/index.js';
import { METADATA_KEYS, type PortableDense, type PortableNetwork, type PortableStep } from './portable.js';

/** The per-feature affine map a fitted scaler applies: z_j = a_j·x_j + c_j. */
export function scalerAffine(scaler: Scaler): { a: Float64Array; c: Float64Array } {
  const a = Float64Array.from(scaler.scale);
  if (scaler instanceof MinMaxScaler) {
    // z = (x − x_min)·scale + min, so c = min − x_min·scale.
    const lo = scaler.dataMin;
    return { a, c: Float64Array.from(lo, (l, j) => scaler.min - l * a[j]) };
  }
  // z = (x − μ)/σ: a = 1/σ, c = −μ/σ (μ = 0 when the scaler does not centre).
  const mean = scaler.withMean ? scaler.mean : a.map(() => 0);
  return { a: a.map((s) => 1 / s), c: Float64Array.from(mean, (m, j) => -m / a[j]) };
}

/** A dense step computing y = a∘x + c feature by feature (a diagonal weight). */
function diagonalDense(a: Float64Array, c: Float64Array): PortableDense {
  const n = a.length;
  const weight = new Float64Array(n * n);
  for (let j = 0; j < n; j++) weight[j * n + j] = a[j];
  return { kind: 'dense', units: n, inputs: n, weight, bias: Float64Array.from(c) };
}

/**
 * Folds x ↦ a∘x + c in front of a dense layer: W' = W·diag(a), b' = b + W·c, exactly the layer applied
 * to the scaled input (for the standard scaler, W' = W/σ and b' = b − W'·μ).
 */
function foldInputAffine(dense: PortableDense, a: Float64Array, c: Float64Array): PortableDense {
  const { units, inputs } = dense;
  const weight = new Float64Array(units * inputs);
  const bias = Float64Array.from(dense.bias);
  for (let r = 0; r < units; r++) {
    for (let j = 0; j < inputs; j++) {
      const w = dense.weight[r * inputs + j];
      weight[r * inputs + j] = w * a[j];
      bias[r] += w * c[j];
    }
  }
  return { ...dense, weight, bias };
}

/** Folds y ↦ σ∘y + μ after a linear dense layer: W'' = diag(σ)·W, b'' = σ∘b + μ. */
function foldOutputAffine(dense: PortableDense, sigma: Float64Array, mu: Float64Array): PortableDense {
  const { units, inputs } = dense;
  const weight = Float64Array.from(dense.weight);
  for (let r = 0; r < units; r++) for (let j = 0; j < inputs; j++) weight[r * inputs + j] *= sigma[r];
  return { ...dense, weight, bias: Float64Array.from(dense.bias, (b, r) => sigma[r] * b + mu[r]) };
}

/** Why a trained model cannot travel as a plain feed-forward graph on raw numeric features, or null. */
export function exportRefusal(trained: TrainedModel): string | null {
  const categorical = trained.inputs?.columns.find((c) => c.kind === 'categorical');
  if (categorical)
    return (
      `input column '${categorical.name}' is categorical: ` +
      'the exported model takes numbers only (one-hot encode it before training)'
    );
  if (trained.inputs?.missing === 'mean')
    return (
      'the model imputes empty cells with training means (--missing mean), ' + 'which the exported graph cannot express'
    );
  const index = trained.model.layers.findIndex(
    (l) => !(l instanceof Dense || l instanceof Activation || l instanceof Dropout),
  );
  if (index >= 0)
    return (
      `layer ${index} (type '${trained.model.layers[index].type}') is user-written: ` +
      'ONNX and TF.js have no operator for it'
    );
  return null;
}

/** The network's layers as steps, Dropout left out (the identity at inference). */
function inferenceSteps(trained: TrainedModel): PortableStep[] {
  return trained.model.layers.flatMap((layer): PortableStep[] => {
    if (layer instanceof Dense) {
      const units = layer.units;
      const inputs = layer.inputSize;
      const dense: PortableDense = {
        kind: 'dense',
        units,
        inputs,
        weight: Float64Array.from(layer.weight!.data),
        bias: layer.bias ? Float64Array.from(layer.bias.data) : new Float64Array(units),
      };
      if (layer.activationName === 'linear') return [dense];
      return [dense, { kind: 'activation', activation: layer.activationName, slope: layer.slope }];
    }
    if (layer instanceof Activation)
      return [{ kind: 'activation', activation: layer.activationName, slope: layer.slope, standalone: true }];
    return [];
  });
}

/**
 * A trained model as a portable network that takes RAW features and outputs what `gradlab predict`
 * prints: class probabilities in class order, or regression values in the targets' own units. The
 * input scaler is folded into the first dense layer, a regression model's target scaling into the
 * last one (or a diagonal dense step is added where no dense layer sits there), and a binary
 * classifier's single logit z becomes softmax([0, z]) = [1 − σ(z), σ(z)]. Refused (ModelFormatError)
 * when exportRefusal names a reason.
 */
export function portableFromTrained(
  trained: TrainedModel,
  options: { dtype?: DType; source?: string } = {},
): PortableNetwork {
  const source = options.source ?? 'model';
  const refusal = exportRefusal(trained);
  if (refusal) throw new ModelFormatError(`export ${source}: ${refusal}`);
  const steps = inferenceSteps(trained);
  const lastLayer = trained.model.layers[trained.model.layers.length - 1];

  if (trained.task === 'classification') {
    // predict reads the logits: the last layer's own activation is replaced by the task's head.
    if (lastLayer.activation && lastLayer.activation !== 'linear') steps.pop();
    if (trained.loss === 'binaryCrossEntropy') {
      const last = steps[steps.length - 1];
      if (last?.kind === 'dense' && last.units === 1) {
        steps[steps.length - 1] = {
          ...last,
          units: 2,
          weight: Float64Array.from([...new Float64Array(last.inputs), ...last.weight]),
          bias: Float64Array.from([0, last.bias[0]]),
        };
      } else
        steps.push({
          kind: 'dense',
          units: 2,
          inputs: 1,
          weight: Float64Array.from([0, 1]),
          bias: new Float64Array(2),
        });
    }
    steps.push({ kind: 'activation', activation: 'softmax', slope: 0.01 });
  } else if (trained.targetScaler) {
    const target = trained.targetScaler;
    const sigma = Float64Array.from(target.scale);
    const mu = target.withMean ? Float64Array.from(target.mean) : new Float64Array(sigma.length);
    const last = steps[steps.length - 1];
    if (last?.kind === 'dense') steps[steps.length - 1] = foldOutputAffine(last, sigma, mu);
    else steps.push(diagonalDense(sigma, mu));
  }

  if (trained.scaler) {
    const { a, c } = scalerAffine(trained.scaler);
    const first = steps[0];
    if (first?.kind === 'dense') steps[0] = foldInputAffine(first, a, c);
    else steps.unshift(diagonalDense(a, c));
  }

  const metadata: Record<string, string> = {
    [METADATA_KEYS.task]: trained.task,
    [METADATA_KEYS.labels]: JSON.stringify(trained.labels),
    [METADATA_KEYS.outputs]: trained.task === 'classification' ? 'probabilities' : 'values',
    [METADATA_KEYS.version]: gradlabVersion(),
  };
  if (trained.classes) metadata[METADATA_KEYS.classes] = JSON.stringify(trained.classes);
  if (trained.inputs) metadata[METADATA_KEYS.features] = JSON.stringify(trained.inputs.columns.map((c) => c.name));
  return { inputSize: trained.model.inputSize, dtype: options.dtype ?? trained.model.dtype, steps, metadata };
}

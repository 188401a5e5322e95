import { ModelFormatError } from '../errors.js';
import { assertParameterBudget, type LayerConfig, type LossName } from '../nn/index.js';
import { networkFromParts } from '../nn/format.js';
import { gradlabVersion } from '../node/packageInfo.js';
import type { TrainedModel } from '../pipeline/trainedModel.js';
import { METADATA_KEYS, type PortableNetwork } from './portable.js';

/**
 * Refuses a chain of dense layers over the parameter budget BEFORE its weights are read: importers call
 * this with the widths a file declares ([n_in, n1, n2, …]), so `units: 1e9` costs nothing.
 */
export function checkImportBudget(sizes: readonly number[], source: string): void {
  try {
    assertParameterBudget(sizes, undefined, `import ${source}`);
  } catch (error) {
    throw new ModelFormatError((error as Error).message);
  }
}

/** A JSON array from the metadata, or null when absent or not an array of the expected length. */
function metadataList(metadata: Record<string, string>, key: string, length: number): Array<string | number> | null {
  const text = metadata[key];
  if (text === undefined) return null;
  try {
    const value = JSON.parse(text) as unknown;
    if (
      Array.isArray(value) &&
      value.length === length &&
      value.every((v) => typeof v === 'string' || typeof v === 'number')
    )
      return value as Array<string | number>;
  } catch {
    // Metadata written by another tool: not ours to trust; fall back to positional names.
  }
  return null;
}

/**
 * A portable network as a gradlab model: a Dense step followed by its activation becomes one Dense with
 * that activation, a standalone activation an Activation layer, Dropout stays. The task follows the output:
 * softmax over k ≥ 2 units is a k-class classifier, sigmoid on one unit a binary one, anything else
 * regression. Class names and label names come from gradlab's metadata when present (a model exported
 * by gradlab), else classes 0…k−1 and labels `label`/`label0…`. Inputs are unnamed (matched by
 * position) and unscaled: the network takes the features the source model took.
 */
export function trainedFromPortable(network: PortableNetwork, source = 'model'): TrainedModel {
  const layers: LayerConfig[] = [];
  const parameters: Record<string, { shape: number[]; data: number[] }> = {};
  const { steps } = network;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const index = layers.length;
    if (step.kind === 'dense') {
      const next = steps[i + 1];
      const fused = next?.kind === 'activation' && !next.standalone ? next : null;
      if (fused) i++;
      layers.push({
        type: 'dense',
        units: step.units,
        activation: fused?.activation ?? 'linear',
        ...(fused?.activation === 'leakyRelu' ? { slope: fused.slope } : {}),
      });
      parameters[`${index}.weight`] = { shape: [step.units, step.inputs], data: Array.from(step.weight) };
      parameters[`${index}.bias`] = { shape: [step.units], data: Array.from(step.bias) };
    } else if (step.kind === 'activation') {
      layers.push({
        type: 'activation',
        activation: step.activation,
        ...(step.activation === 'leakyRelu' ? { slope: step.slope } : {}),
      });
    } else layers.push({ type: 'dropout', rate: step.rate });
  }
  if (!steps.some((s) => s.kind === 'dense'))
    throw new ModelFormatError(`import ${source}: the model has no dense layer`);
  const model = networkFromParts(
    { dtype: network.dtype, inputSize: network.inputSize, layers, parameters },
    `import ${source}`,
  );
  const width = model.outputSize;
  const lastActivation = [...steps].reverse().find((s) => s.kind !== 'dropout');
  const activation = lastActivation?.kind === 'activation' ? lastActivation.activation : 'linear';
  let loss: LossName = 'meanSquaredError';
  if (activation === 'softmax' && width >= 2) loss = 'softmaxCrossEntropy';
  else if (activation === 'sigmoid' && width === 1) loss = 'binaryCrossEntropy';
  const task = loss === 'meanSquaredError' ? 'regression' : 'classification';
  const classCount = loss === 'binaryCrossEntropy' ? 2 : width;
  const classes =
    task === 'classification'
      ? (metadataList(network.metadata, METADATA_KEYS.classes, classCount) ??
        Array.from({ length: classCount }, (_, i) => i))
      : null;
  const positional =
    task === 'regression' && width > 1 ? Array.from({ length: width }, (_, i) => `label${i}`) : ['label'];
  const labels = (metadataList(network.metadata, METADATA_KEYS.labels, positional.length)?.map(String) ??
    positional) as string[];
  return {
    model,
    scaler: null,
    loss,
    l2: 0,
    classes,
    task,
    labels,
    inputs: null,
    targetScaler: null,
    provenance: {
      gradlabVersion: gradlabVersion(),
      createdAt: new Date().toISOString(),
      seed: null,
      command: null,
      data: { source: `imported from ${source}`, rows: 0, sha256: null },
    },
  };
}

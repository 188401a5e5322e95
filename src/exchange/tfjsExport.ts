import { METADATA_KEYS, type PortableNetwork } from './portable.js';

/** The weight file a TF.js export writes beside its model.json. */
export const TFJS_SHARD = 'group1-shard1of1.bin';

/** A TF.js Layers model: the model.json object and its one weight shard. */
export interface TfjsArtifacts {
  modelJson: Record<string, unknown>;
  weights: Uint8Array;
}

/**
 * A portable network as a TF.js Layers Sequential model (what `tf.loadLayersModel` reads): a Dense per
 * dense step (kernel transposed to TF.js's [in, out]) carrying the activation that follows it, an
 * Activation or LeakyReLU layer otherwise; float32 weights (TF.js has no float64); the metadata in
 * userDefinedMetadata. Dropout steps are left out (the identity at inference).
 */
export function toTfjs(network: PortableNetwork): TfjsArtifacts {
  const layers: Array<Record<string, unknown>> = [];
  const specs: Array<{ name: string; shape: number[]; dtype: 'float32' }> = [];
  const chunks: Float32Array[] = [];
  const steps = network.steps.filter((s) => s.kind !== 'dropout');
  const first = () => (layers.length === 0 ? { batch_input_shape: [null, network.inputSize], dtype: 'float32' } : {});
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const name = `layer${layers.length}`;
    // TF.js names linear, relu, tanh, sigmoid and softmax as gradlab does; leakyRelu is a layer there.
    if (step.kind === 'dense') {
      const next = steps[i + 1];
      const fused =
        next?.kind === 'activation' && !next.standalone && next.activation !== 'leakyRelu' ? next.activation : null;
      if (fused) i++;
      layers.push({
        class_name: 'Dense',
        config: { name, units: step.units, activation: fused ?? 'linear', use_bias: true, trainable: true, ...first() },
      });
      const kernel = new Float32Array(step.units * step.inputs);
      for (let o = 0; o < step.units; o++)
        for (let j = 0; j < step.inputs; j++) kernel[j * step.units + o] = step.weight[o * step.inputs + j];
      specs.push(
        { name: `${name}/kernel`, shape: [step.inputs, step.units], dtype: 'float32' },
        { name: `${name}/bias`, shape: [step.units], dtype: 'float32' },
      );
      chunks.push(kernel, Float32Array.from(step.bias));
    } else if (step.kind === 'activation' && step.activation === 'leakyRelu') {
      layers.push({ class_name: 'LeakyReLU', config: { name, alpha: step.slope, trainable: true, ...first() } });
    } else if (step.kind === 'activation') {
      layers.push({
        class_name: 'Activation',
        config: { name, activation: step.activation, trainable: true, ...first() },
      });
    }
  }
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const all = new Float32Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.length;
  }
  // TF.js reads weights in the platform's byte order, which is little-endian wherever it runs.
  const weights = new Uint8Array(total * 4);
  const view = new DataView(weights.buffer);
  all.forEach((v, k) => view.setFloat32(k * 4, v, true));
  const version = network.metadata[METADATA_KEYS.version] ?? '';
  return {
    modelJson: {
      modelTopology: {
        class_name: 'Sequential',
        config: { name: 'gradlab', layers },
        keras_version: `gradlab ${version}`,
        backend: 'tensor_flow.js',
      },
      format: 'layers-model',
      generatedBy: `gradlab ${version}`,
      convertedBy: null,
      weightsManifest: [{ paths: [TFJS_SHARD], weights: specs }],
      userDefinedMetadata: network.metadata,
    },
    weights,
  };
}

import { ModelFormatError } from '../errors.js';
import { parseActivation } from '../nn/index.js';
import type { PortableNetwork, PortableStep } from './portable.js';
import { checkImportBudget } from './toTrained.js';

interface LayerJson {
  class_name?: string;
  className?: string;
  config?: Record<string, unknown>;
}
interface WeightSpec {
  name: string;
  shape: number[];
  dtype?: string;
  quantization?: unknown;
}
interface WeightGroup {
  paths: string[];
  weights: WeightSpec[];
}

const SUPPORTED = 'Dense, Activation, Dropout, LeakyReLU, InputLayer';
/** Default negative slopes: Keras' LeakyReLU layer (0.3) and the leaky_relu activation function (0.2). */
const LEAKY_LAYER_ALPHA = 0.3;
const LEAKY_ACTIVATION_ALPHA = 0.2;

function activationStep(name: unknown, where: string, standalone: boolean): PortableStep | null {
  if (typeof name !== 'string') throw new ModelFormatError(`${where}: activation is ${JSON.stringify(name)}`);
  let activation: ReturnType<typeof parseActivation>;
  try {
    activation = parseActivation(name);
  } catch {
    throw new ModelFormatError(
      `${where}: activation '${name}' is not supported (supported: relu, tanh, sigmoid, softmax, linear, leakyRelu)`,
    );
  }
  return activation === 'linear' ? null : { kind: 'activation', activation, slope: LEAKY_ACTIVATION_ALPHA, standalone };
}

/** The Sequential's layer list, wherever the writer put it (tfjs-layers, Keras 2 or the Keras converter). */
function sequentialLayers(json: Record<string, unknown>, source: string): LayerJson[] {
  let topology = json.modelTopology as Record<string, unknown> | undefined;
  if (!topology) throw new ModelFormatError(`${source}: no modelTopology (not a TF.js Layers model.json)`);
  if (topology.model_config) topology = topology.model_config as Record<string, unknown>;
  const kind = (topology.class_name ?? topology.className) as string | undefined;
  if (kind !== 'Sequential')
    throw new ModelFormatError(`${source}: a ${kind ?? 'model'} topology is not supported (supported: Sequential)`);
  const config = topology.config as Record<string, unknown> | LayerJson[] | undefined;
  const layers = Array.isArray(config) ? config : (config?.layers as LayerJson[] | undefined);
  if (!Array.isArray(layers) || layers.length === 0)
    throw new ModelFormatError(`${source}: the Sequential has no layers`);
  return layers;
}

/**
 * A TF.js / Keras Layers Sequential model (its parsed model.json, and a reader for the weight shards
 * its manifest names) as a portable network: Dense (with its activation), Activation, Dropout,
 * LeakyReLU; relu, tanh, sigmoid, softmax, linear and leakyRelu. Any other layer is refused with a
 * one-line ModelFormatError naming it. The parameter budget is checked from the declared shapes
 * before any shard is read.
 */
export function fromTfjs(
  json: unknown,
  readShard: (path: string) => Uint8Array,
  source = 'model.json',
): PortableNetwork {
  if (typeof json !== 'object' || json === null) throw new ModelFormatError(`${source}: not a JSON object`);
  const record = json as Record<string, unknown>;
  const layers = sequentialLayers(record, source);
  const manifest = (record.weightsManifest ?? []) as WeightGroup[];
  const specs = manifest.flatMap((g) => g.weights ?? []);
  const specOf = (layer: string, part: string) =>
    specs.find((s) => s.name === `${layer}/${part}` || s.name.endsWith(`/${layer}/${part}`));

  let inputSize = 0;
  const widths: number[] = [];
  layers.forEach((layer, i) => {
    const type = layer.class_name ?? layer.className;
    const config = layer.config ?? {};
    const where = `${source}: layer ${i} (${type} '${config.name ?? ''}')`;
    if (!['Dense', 'Activation', 'Dropout', 'LeakyReLU', 'InputLayer'].includes(type ?? ''))
      throw new ModelFormatError(`${where}: layer type '${type}' is not supported (supported: ${SUPPORTED})`);
    const shape = (config.batch_input_shape ?? config.batchInputShape ?? config.batch_shape) as number[] | undefined;
    if (!inputSize && Array.isArray(shape)) inputSize = Number(shape[shape.length - 1]);
    if (type === 'Dense') {
      const kernel = specOf(String(config.name), 'kernel');
      if (!kernel) throw new ModelFormatError(`${where}: no kernel in the weights manifest`);
      if (!inputSize && widths.length === 0) inputSize = kernel.shape[0];
      widths.push(Number(config.units));
    }
  });
  if (widths.length === 0) throw new ModelFormatError(`${source}: the model has no Dense layer`);
  checkImportBudget([inputSize, ...widths], source);

  // Every shard, in manifest order; each group's weights lie one after another in its shards.
  const buffers = new Map<string, { bytes: Uint8Array; offset: number }>();
  for (const group of manifest) {
    const parts = group.paths.map((p) => readShard(p));
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of parts) {
      bytes.set(part, at);
      at += part.length;
    }
    let offset = 0;
    for (const spec of group.weights) {
      if (spec.quantization)
        throw new ModelFormatError(`${source}: weight '${spec.name}' is quantized (not supported)`);
      if ((spec.dtype ?? 'float32') !== 'float32')
        throw new ModelFormatError(`${source}: weight '${spec.name}' has dtype ${spec.dtype} (supported: float32)`);
      buffers.set(spec.name, { bytes, offset });
      offset += spec.shape.reduce((p, d) => p * d, 1) * 4;
    }
    if (offset > bytes.length)
      throw new ModelFormatError(
        `${source}: the weight shards hold ${bytes.length} bytes, the manifest needs ${offset}`,
      );
  }
  const values = (spec: WeightSpec): Float64Array => {
    const { bytes, offset } = buffers.get(spec.name)!;
    const count = spec.shape.reduce((p, d) => p * d, 1);
    const view = new DataView(bytes.buffer, bytes.byteOffset + offset, count * 4);
    const out = Float64Array.from({ length: count }, (_, k) => view.getFloat32(k * 4, true));
    const bad = out.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new ModelFormatError(`${source}: weight '${spec.name}' holds ${out[bad]} at index ${bad}`);
    return out;
  };

  const steps: PortableStep[] = [];
  let width = inputSize;
  layers.forEach((layer, i) => {
    const type = layer.class_name ?? layer.className;
    const config = layer.config ?? {};
    const where = `${source}: layer ${i} (${type} '${config.name ?? ''}')`;
    if (type === 'Dense') {
      const kernel = specOf(String(config.name), 'kernel')!;
      const units = Number(config.units);
      const [inputs, out] = kernel.shape;
      if (kernel.shape.length !== 2 || out !== units || inputs !== width)
        throw new ModelFormatError(
          `${where}: kernel shape [${kernel.shape.join(', ')}] does not fit ${width} inputs → ${units} units`,
        );
      const k = values(kernel);
      // TF.js keeps the kernel as [in, out]; gradlab's weight is [out, in].
      const weight = new Float64Array(units * inputs);
      for (let o = 0; o < units; o++) for (let j = 0; j < inputs; j++) weight[o * inputs + j] = k[j * units + o];
      const useBias = (config.use_bias ?? config.useBias ?? true) !== false;
      const biasSpec = useBias ? specOf(String(config.name), 'bias') : undefined;
      if (useBias && !biasSpec) throw new ModelFormatError(`${where}: no bias in the weights manifest`);
      if (biasSpec && biasSpec.shape.reduce((p, d) => p * d, 1) !== units)
        throw new ModelFormatError(`${where}: bias shape [${biasSpec.shape.join(', ')}] does not fit ${units} units`);
      steps.push({ kind: 'dense', units, inputs, weight, bias: biasSpec ? values(biasSpec) : new Float64Array(units) });
      const act = activationStep(config.activation ?? 'linear', where, false);
      if (act) steps.push(act);
      width = units;
    } else if (type === 'Activation') {
      const act = activationStep(config.activation, where, true);
      if (act) steps.push(act);
    } else if (type === 'LeakyReLU') {
      const alpha = Number(config.alpha ?? config.negative_slope ?? LEAKY_LAYER_ALPHA);
      steps.push({ kind: 'activation', activation: 'leakyRelu', slope: alpha, standalone: true });
    } else if (type === 'Dropout') {
      steps.push({ kind: 'dropout', rate: Number(config.rate ?? 0) });
    }
  });
  const meta = record.userDefinedMetadata;
  const metadata =
    typeof meta === 'object' && meta !== null
      ? Object.fromEntries(Object.entries(meta).filter(([, v]) => typeof v === 'string') as Array<[string, string]>)
      : {};
  return { inputSize, dtype: 'float32', steps, metadata };
}

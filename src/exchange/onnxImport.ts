import onnxProto, { type onnx as Onnx } from 'onnx-proto';
import { ModelFormatError } from '../errors.js';
import type { ActivationName } from '../nn/index.js';
import type { PortableNetwork, PortableStep } from './portable.js';
import { checkImportBudget } from './toTrained.js';

const { onnx } = onnxProto;

const ACTIVATIONS: Record<string, ActivationName> = {
  Relu: 'relu',
  Tanh: 'tanh',
  Sigmoid: 'sigmoid',
  Softmax: 'softmax',
  LeakyRelu: 'leakyRelu',
};
const SUPPORTED = 'Gemm, MatMul + Add, Relu, Tanh, Sigmoid, Softmax, LeakyRelu, Identity, Dropout';

type Long = { low: number; high: number };

/** A protobuf int64 (number or Long) as a number; beyond 2^53 it is refused. */
function int(value: number | Long | null | undefined, what: string): number {
  if (value === null || value === undefined) return 0;
  const n = typeof value === 'number' ? value : value.high * 2 ** 32 + (value.low >>> 0);
  if (!Number.isSafeInteger(n)) throw new ModelFormatError(`${what}: ${n} is not a usable integer`);
  return n;
}

/** A float / double initializer's values (raw_data little-endian, or the typed repeated field). */
function tensorValues(t: Onnx.ITensorProto, count: number, where: string): Float64Array {
  if (t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL)
    throw new ModelFormatError(`${where}: initializer '${t.name}' is stored in an external file (not supported)`);
  const double = t.dataType === onnx.TensorProto.DataType.DOUBLE;
  if (!double && t.dataType !== onnx.TensorProto.DataType.FLOAT)
    throw new ModelFormatError(
      `${where}: initializer '${t.name}' has data type ${t.dataType} (supported: float, double)`,
    );
  const width = double ? 8 : 4;
  const raw = t.rawData;
  let values: Float64Array;
  if (raw?.length) {
    if (raw.length !== count * width)
      throw new ModelFormatError(
        `${where}: initializer '${t.name}' has ${raw.length} bytes, its shape needs ${count * width}`,
      );
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    values = new Float64Array(count);
    for (let i = 0; i < count; i++) values[i] = double ? view.getFloat64(i * 8, true) : view.getFloat32(i * 4, true);
  } else {
    const list = (double ? t.doubleData : t.floatData) ?? [];
    if (list.length !== count)
      throw new ModelFormatError(
        `${where}: initializer '${t.name}' has ${list.length} values, its shape needs ${count}`,
      );
    values = Float64Array.from(list);
  }
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new ModelFormatError(`${where}: initializer '${t.name}' holds ${values[bad]} at index ${bad}`);
  return values;
}

function attribute(node: Onnx.INodeProto, name: string): Onnx.IAttributeProto | undefined {
  return node.attribute?.find((a) => a.name === name);
}

/** [rows, cols] of a matrix initializer (a vector [n] is [1, n]). */
function dims(t: Onnx.ITensorProto, where: string): number[] {
  return (t.dims ?? []).map((d) => int(d as number | Long, `${where}: '${t.name}' dimension`));
}

/**
 * An ONNX MLP (protobuf bytes) as a portable network: one chain from the graph's single input to its
 * output through Gemm (or MatMul then Add) with constant weights, and Relu / Tanh / Sigmoid / Softmax
 * (last axis) / LeakyRelu. Any other operator is refused with a one-line ModelFormatError naming it.
 * The parameter budget is checked from the initializers' shapes before any weight is decoded.
 */
export function fromOnnx(bytes: Uint8Array, source = 'model.onnx'): PortableNetwork {
  let model: Onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new ModelFormatError(`${source}: not an ONNX model (protobuf decoding failed: ${(error as Error).message})`);
  }
  const graph = model.graph;
  if (!graph?.node?.length) throw new ModelFormatError(`${source}: the ONNX model has no graph nodes`);
  const initializers = new Map((graph.initializer ?? []).map((t) => [t.name ?? '', t]));
  const inputs = (graph.input ?? []).filter((v) => !initializers.has(v.name ?? ''));
  const outputCount = (graph.output ?? []).length;
  if (inputs.length !== 1 || outputCount !== 1)
    throw new ModelFormatError(
      `${source}: an MLP has one input and one output, the graph has ${inputs.length} and ${outputCount}`,
    );
  const elemType = inputs[0].type?.tensorType?.elemType;
  const dtype = elemType === onnx.TensorProto.DataType.DOUBLE ? 'float64' : 'float32';
  if (dtype === 'float32' && elemType !== onnx.TensorProto.DataType.FLOAT)
    throw new ModelFormatError(
      `${source}: input '${inputs[0].name}' has element type ${elemType} (supported: float, double)`,
    );

  // First pass: the operators and the declared shapes, so that the budget is checked before decoding.
  const byInput = new Map<string, Onnx.INodeProto>();
  for (const node of graph.node) {
    if (
      !(
        node.opType === 'Gemm' ||
        node.opType === 'MatMul' ||
        node.opType === 'Add' ||
        node.opType === 'Identity' ||
        node.opType === 'Dropout' ||
        node.opType! in ACTIVATIONS
      )
    )
      throw new ModelFormatError(
        `${source}: ONNX operator '${node.opType}' (node '${node.name || node.output?.[0]}') ` +
          `is not supported (supported: ${SUPPORTED})`,
      );
    const data = (node.input ?? []).find((name) => !initializers.has(name));
    if (data !== undefined) byInput.set(data, node);
  }
  const chain: Onnx.INodeProto[] = [];
  let current = inputs[0].name ?? '';
  for (let node = byInput.get(current); node; node = byInput.get(current)) {
    chain.push(node);
    current = node.output?.[0] ?? '';
    if (chain.length > graph.node.length) break;
  }
  if (chain.length !== graph.node.length || current !== graph.output![0].name)
    throw new ModelFormatError(`${source}: the graph is not a single chain from '${inputs[0].name}' to its output`);
  const widths: number[] = [];
  for (const node of chain)
    if (node.opType === 'Gemm' || node.opType === 'MatMul') {
      const w = initializers.get(node.input?.[1] ?? '');
      if (!w) throw new ModelFormatError(`${source}: ${node.opType} '${node.name}' has no constant weight`);
      const [a, b] = dims(w, source);
      const transposed = node.opType === 'Gemm' && int(attribute(node, 'transB')?.i as number | Long, 'transB') === 1;
      widths.push(transposed ? a : b);
    }
  const firstWeight = chain.find((n) => n.opType === 'Gemm' || n.opType === 'MatMul');
  if (!firstWeight) throw new ModelFormatError(`${source}: the graph has no Gemm or MatMul`);
  const firstDims = dims(initializers.get(firstWeight.input![1])!, source);
  const transB1 = int(attribute(firstWeight, 'transB')?.i as number | Long, 'transB') === 1;
  const inputSize = firstWeight.opType === 'Gemm' && transB1 ? firstDims[1] : firstDims[0];
  checkImportBudget([inputSize, ...widths], source);

  const steps: PortableStep[] = [];
  let width = inputSize;
  for (let i = 0; i < chain.length; i++) {
    const node = chain[i];
    const where = `${source}: ${node.opType} '${node.name || node.output?.[0]}'`;
    if (node.opType === 'Gemm' || node.opType === 'MatMul') {
      const gemm = node.opType === 'Gemm';
      if (gemm && int(attribute(node, 'transA')?.i as number | Long, 'transA') !== 0)
        throw new ModelFormatError(`${where}: transA = 1 is not supported`);
      const alpha = gemm ? (attribute(node, 'alpha')?.f ?? 1) : 1;
      const beta = gemm ? (attribute(node, 'beta')?.f ?? 1) : 1;
      const w = initializers.get(node.input![1])!;
      const [r, c] = dims(w, where);
      const transB = gemm && int(attribute(node, 'transB')?.i as number | Long, 'transB') === 1;
      const [units, inputs] = transB ? [r, c] : [c, r];
      if (inputs !== width)
        throw new ModelFormatError(`${where}: weight takes ${inputs} inputs, the previous layer gives ${width}`);
      const raw = tensorValues(w, units * inputs, where);
      // gradlab keeps W as [units, inputs]: a [inputs, units] weight (no transB, or MatMul) is transposed.
      const weight = new Float64Array(units * inputs);
      for (let o = 0; o < units; o++)
        for (let j = 0; j < inputs; j++)
          weight[o * inputs + j] = alpha * (transB ? raw[o * inputs + j] : raw[j * units + o]);
      let biasName = gemm ? node.input?.[2] : undefined;
      if (!gemm && chain[i + 1]?.opType === 'Add') biasName = chain[++i].input?.find((n) => initializers.has(n));
      let bias = new Float64Array(units);
      if (biasName) {
        const b = initializers.get(biasName);
        if (!b) throw new ModelFormatError(`${where}: bias '${biasName}' is not a constant`);
        const shape = dims(b, where);
        const count = shape.reduce((p, d) => p * d, 1);
        if (count !== units || shape.some((d, k) => d !== 1 && k !== shape.length - 1))
          throw new ModelFormatError(
            `${where}: bias '${biasName}' has shape [${shape.join(', ')}], expected [${units}]`,
          );
        bias = tensorValues(b, units, where).map((v) => beta * v);
      }
      steps.push({ kind: 'dense', units, inputs, weight, bias });
      width = units;
    } else if (node.opType === 'Add') {
      throw new ModelFormatError(
        `${where}: an Add that does not follow a MatMul is not supported (supported: ${SUPPORTED})`,
      );
    } else if (node.opType === 'Identity' || node.opType === 'Dropout') {
      // The identity at inference.
    } else {
      const activation = ACTIVATIONS[node.opType!];
      if (activation === 'softmax') {
        // Without the attribute: the last axis from opset 13, axis 1 before (the same rows for [batch, k]).
        const given = attribute(node, 'axis');
        const axis = given ? int(given.i as number | Long, 'axis') : -1;
        if (axis !== -1 && axis !== 1)
          throw new ModelFormatError(`${where}: softmax over axis ${axis} (supported: the last axis)`);
      }
      const slope = activation === 'leakyRelu' ? (attribute(node, 'alpha')?.f ?? 0.01) : 0.01;
      steps.push({ kind: 'activation', activation, slope });
    }
  }
  const metadata = Object.fromEntries((model.metadataProps ?? []).map((p) => [p.key ?? '', p.value ?? '']));
  return { inputSize, dtype, steps, metadata };
}

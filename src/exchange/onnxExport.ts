import onnxProto, { type onnx as Onnx } from 'onnx-proto';
import { METADATA_KEYS, type PortableActivation, type PortableNetwork } from './portable.js';

const { onnx } = onnxProto;

/** The ONNX names of the exported graph's input and output. */
export const ONNX_INPUT = 'features';
export const ONNX_OUTPUT = 'outputs';
/** Opset 13: Softmax over the last axis, the version PyTorch and onnxruntime agree on. */
const OPSET = 13;
const IR_VERSION = 7;

const ACTIVATION_OPS = { relu: 'Relu', tanh: 'Tanh', sigmoid: 'Sigmoid', softmax: 'Softmax', leakyRelu: 'LeakyRelu' };

/** Values little-endian, as TensorProto.raw_data requires. */
function rawBytes(values: Float64Array, dtype: 'float32' | 'float64'): Uint8Array {
  const width = dtype === 'float32' ? 4 : 8;
  const view = new DataView(new ArrayBuffer(values.length * width));
  values.forEach((v, i) => (dtype === 'float32' ? view.setFloat32(i * 4, v, true) : view.setFloat64(i * 8, v, true)));
  return new Uint8Array(view.buffer);
}

function tensorType(elemType: number, dims: Array<string | number>): Onnx.ITypeProto {
  return {
    tensorType: {
      elemType,
      shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
    },
  };
}

/**
 * A portable network as an ONNX model (protobuf bytes): input `features` [batch, n], a Gemm
 * (transB = 1, gradlab's [out, in] weight as is) per dense step, Relu / Tanh / Sigmoid / Softmax /
 * LeakyRelu per activation (float64 leakyRelu as relu(x) − α·relu(−x)), output `outputs`; the metadata in
 * metadata_props. Dropout steps are left out (the identity at inference).
 */
export function toOnnx(network: PortableNetwork, options: { dtype?: 'float32' | 'float64' } = {}): Uint8Array {
  const dtype = options.dtype ?? network.dtype;
  const elemType = dtype === 'float32' ? onnx.TensorProto.DataType.FLOAT : onnx.TensorProto.DataType.DOUBLE;
  const nodes: Onnx.INodeProto[] = [];
  const initializers: Onnx.ITensorProto[] = [];
  const steps = network.steps.filter((s) => s.kind !== 'dropout');
  let current = ONNX_INPUT;
  let width = network.inputSize;
  steps.forEach((step, i) => {
    const output = i === steps.length - 1 ? ONNX_OUTPUT : `h${i}`;
    if (step.kind === 'dense') {
      const weight = `${i}.weight`;
      const bias = `${i}.bias`;
      initializers.push(
        { name: weight, dims: [step.units, step.inputs], dataType: elemType, rawData: rawBytes(step.weight, dtype) },
        { name: bias, dims: [step.units], dataType: elemType, rawData: rawBytes(step.bias, dtype) },
      );
      nodes.push({
        name: `gemm${i}`,
        opType: 'Gemm',
        input: [current, weight, bias],
        output: [output],
        attribute: [{ name: 'transB', type: onnx.AttributeProto.AttributeType.INT, i: 1 }],
      });
      width = step.units;
    } else if (step.kind === 'activation' && step.activation === 'leakyRelu' && dtype === 'float64') {
      nodes.push(...leakyReluNodes(step.slope, current, output, i, initializers));
    } else if (step.kind === 'activation') {
      nodes.push(activationNode(step, current, output, i));
    }
    current = output;
  });
  if (current !== ONNX_OUTPUT)
    nodes.push({ name: 'output', opType: 'Identity', input: [current], output: [ONNX_OUTPUT] });
  const model: Onnx.IModelProto = {
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: 'gradlab',
    producerVersion: network.metadata[METADATA_KEYS.version] ?? '',
    graph: {
      name: 'gradlab',
      node: nodes,
      initializer: initializers,
      input: [{ name: ONNX_INPUT, type: tensorType(elemType, ['batch', network.inputSize]) }],
      output: [{ name: ONNX_OUTPUT, type: tensorType(elemType, ['batch', width]) }],
    },
    metadataProps: Object.entries(network.metadata).map(([key, value]) => ({ key, value })),
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

function activationNode(step: PortableActivation, input: string, output: string, i: number): Onnx.INodeProto {
  if (step.activation === 'linear')
    return { name: `identity${i}`, opType: 'Identity', input: [input], output: [output] };
  const opType = ACTIVATION_OPS[step.activation];
  const attribute: Onnx.IAttributeProto[] =
    step.activation === 'leakyRelu'
      ? [{ name: 'alpha', type: onnx.AttributeProto.AttributeType.FLOAT, f: step.slope }]
      : step.activation === 'softmax'
        ? [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: -1 }]
        : [];
  return { name: `${opType.toLowerCase()}${i}`, opType, input: [input], output: [output], attribute };
}

/**
 * leakyRelu for float64, where onnxruntime has no double LeakyRelu kernel (and the attribute α would be
 * a float32): relu(x) − α·relu(−x), exact for every α (one term is 0), with α a double constant.
 */
function leakyReluNodes(
  slope: number,
  input: string,
  output: string,
  i: number,
  initializers: Onnx.ITensorProto[],
): Onnx.INodeProto[] {
  const alpha = `${i}.slope`;
  initializers.push({
    name: alpha,
    dims: [],
    dataType: onnx.TensorProto.DataType.DOUBLE,
    rawData: rawBytes(Float64Array.of(slope), 'float64'),
  });
  const [positive, negated, negative, scaled] = ['pos', 'neg', 'relu_neg', 'scaled'].map((s) => `h${i}_${s}`);
  return [
    { name: `relu${i}`, opType: 'Relu', input: [input], output: [positive] },
    { name: `neg${i}`, opType: 'Neg', input: [input], output: [negated] },
    { name: `relu${i}_neg`, opType: 'Relu', input: [negated], output: [negative] },
    { name: `mul${i}`, opType: 'Mul', input: [negative, alpha], output: [scaled] },
    { name: `sub${i}`, opType: 'Sub', input: [positive, scaled], output: [output] },
  ];
}

import { ArgumentError } from '../errors.js';
import { readBinaryFile, readTfjsFolder, writeTfjsFolder } from '../node/exchangeFiles.js';
import { writeFileAtomic } from '../node/atomicWrite.js';
import { loadTrainedModel, saveTrainedModel, type TrainedModel } from '../pipeline/trainedModel.js';
import type { DType } from '../tensor/index.js';
import { portableFromTrained } from './fromTrained.js';
import { toOnnx } from './onnxExport.js';
import { fromOnnx } from './onnxImport.js';
import type { PortableNetwork } from './portable.js';
import { fromTfjs } from './tfjsImport.js';
import { TFJS_SHARD, toTfjs } from './tfjsExport.js';
import { trainedFromPortable } from './toTrained.js';

/** The formats gradlab exports to and imports from. */
export type ExchangeFormat = 'onnx' | 'tfjs';
/** Every ExchangeFormat, for flags and validation. */
export const EXCHANGE_FORMATS: readonly ExchangeFormat[] = ['onnx', 'tfjs'];

/** What an export wrote. */
export interface ExportResult {
  format: ExchangeFormat;
  /** The .onnx file, or the TF.js folder's model.json. */
  path: string;
  dtype: DType;
  inputSize: number;
  outputs: 'probabilities' | 'values';
}

/**
 * Writes a trained model (or a model file's path) as ONNX (`out` a file; float32 or float64, default
 * the model's dtype) or as a TF.js Layers folder (`out` a folder: model.json + one float32 shard).
 * The written model takes raw features and outputs what `gradlab predict` prints (see
 * portableFromTrained); it is refused (ModelFormatError, one line) when the model cannot travel.
 */
export function exportModel(
  model: string | TrainedModel,
  options: { format: ExchangeFormat; out: string; dtype?: DType },
): ExportResult {
  const source = typeof model === 'string' ? model : 'model';
  const trained = typeof model === 'string' ? loadTrainedModel(model) : model;
  if (!EXCHANGE_FORMATS.includes(options.format))
    throw new ArgumentError(`export: unknown format '${options.format}' (known: ${EXCHANGE_FORMATS.join(', ')})`);
  if (options.format === 'tfjs' && options.dtype === 'float64')
    throw new ArgumentError('export --format tfjs: TF.js has no float64 weights (use --format onnx for float64)');
  const dtype = options.format === 'tfjs' ? 'float32' : (options.dtype ?? trained.model.dtype);
  const network = portableFromTrained(trained, { dtype, source });
  let path = options.out;
  if (options.format === 'onnx') writeFileAtomic(path, toOnnx(network, { dtype }));
  else {
    const { modelJson, weights } = toTfjs(network);
    path = writeTfjsFolder(options.out, modelJson, { [TFJS_SHARD]: weights });
  }
  const outputs = trained.task === 'classification' ? 'probabilities' : 'values';
  return { format: options.format, path, dtype, inputSize: network.inputSize, outputs };
}

/** The format of a file to import: `.onnx` is ONNX, a folder or a `.json` file is a TF.js Layers model. */
export function exchangeFormatOf(path: string): ExchangeFormat {
  return /\.onnx$/i.test(path) ? 'onnx' : 'tfjs';
}

/** Reads an ONNX file or a TF.js Layers model (folder or model.json) as a portable network. */
export function readPortable(path: string, format: ExchangeFormat = exchangeFormatOf(path)): PortableNetwork {
  if (format === 'onnx') return fromOnnx(readBinaryFile(path), path);
  const { json, readShard, source } = readTfjsFolder(path);
  return fromTfjs(json, readShard, source);
}

/**
 * Imports an ONNX MLP or a TF.js / Keras Sequential model as a gradlab model (see trainedFromPortable),
 * saved as a version 2 model file when `out` is given, which eval, predict, gradcheck and diagnose read.
 */
export function importModel(
  from: string,
  options: { out?: string; format?: ExchangeFormat } = {},
): { trained: TrainedModel; format: ExchangeFormat } {
  const format = options.format ?? exchangeFormatOf(from);
  const trained = trainedFromPortable(readPortable(from, format), from);
  if (options.out) saveTrainedModel(options.out, trained, { importedFrom: { format, path: from } });
  return { trained, format };
}

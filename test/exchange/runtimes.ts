import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import * as ort from 'onnxruntime-node';
import type { Tensor } from '../../src/tensor/index.js';

/** Runs an ONNX file in onnxruntime-node on rows x [m, n] (sent in `dtype`); returns its single output. */
export async function runOnnx(
  file: string,
  rows: number[][] | Tensor,
  dtype: 'float32' | 'float64',
): Promise<{ values: Float64Array; dims: readonly number[] }> {
  const session = await ort.InferenceSession.create(file);
  const [m, n] = Array.isArray(rows) ? [rows.length, rows[0].length] : rows.shape;
  const flat = Array.isArray(rows) ? rows.flat() : Array.from(rows.data);
  const data = dtype === 'float64' ? Float64Array.from(flat) : Float32Array.from(flat);
  const result = await session.run({ [session.inputNames[0]]: new ort.Tensor(dtype, data, [m, n]) });
  const out = result[session.outputNames[0]];
  await session.release();
  return { values: Float64Array.from(out.data as Float32Array | Float64Array), dims: out.dims };
}

/**
 * Loads a TF.js Layers folder (model.json + shards, as written) with tf.loadLayersModel and runs it
 * on rows x; returns its output and userDefinedMetadata.
 */
export async function runTfjs(
  folder: string,
  rows: number[][] | Tensor,
): Promise<{ values: Float64Array; metadata: unknown }> {
  await tf.setBackend('cpu');
  const json = JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8'));
  const groups = json.weightsManifest as Array<{ paths: string[]; weights: tf.io.WeightsManifestEntry[] }>;
  const shards = groups.flatMap((g) => g.paths.map((p) => readFileSync(join(folder, p))));
  const bytes = Buffer.concat(shards);
  const model = await tfl.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: groups.flatMap((g) => g.weights),
      weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      userDefinedMetadata: json.userDefinedMetadata,
    }),
  );
  const [m, n] = Array.isArray(rows) ? [rows.length, rows[0].length] : rows.shape;
  const input = tf.tensor2d(Array.isArray(rows) ? rows.flat() : Array.from(rows.data), [m, n]);
  const output = model.predict(input) as tf.Tensor;
  const values = Float64Array.from(output.dataSync());
  tf.dispose([input, output]);
  model.dispose();
  return { values, metadata: model.getUserDefinedMetadata() };
}

/** The largest |a − b| / max(1, |b|): absolute for probabilities, relative for values in large units. */
export function maxScaledDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  return worst;
}

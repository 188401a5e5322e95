import type { ActivationName } from '../nn/index.js';
import type { DType } from '../tensor/index.js';

/** A dense step: y = x·Wᵀ + b, weight row-major [units, inputs] (gradlab's layout). */
export interface PortableDense {
  kind: 'dense';
  units: number;
  inputs: number;
  weight: Float64Array;
  bias: Float64Array;
}

/** An element-wise (or softmax over the last axis) activation; `slope` is leakyRelu's negative slope. */
export interface PortableActivation {
  kind: 'activation';
  activation: ActivationName;
  slope: number;
  /** A layer of its own in the source (an Activation layer), not a dense layer's activation. */
  standalone?: boolean;
}

/** Dropout: the identity at inference, kept on import so the model trains as its author built it. */
export interface PortableDropout {
  kind: 'dropout';
  rate: number;
}

/** One step of a portable network, applied in order. */
export type PortableStep = PortableDense | PortableActivation | PortableDropout;

/**
 * A feed-forward chain every exchange format can hold: what export writes and import reads, between
 * gradlab's model file and ONNX / TF.js. `metadata` carries the class names, labels and feature names.
 */
export interface PortableNetwork {
  inputSize: number;
  dtype: DType;
  steps: PortableStep[];
  metadata: Record<string, string>;
}

/** Metadata keys gradlab writes (ONNX metadata_props, TF.js userDefinedMetadata) and reads back on import. */
export const METADATA_KEYS = {
  task: 'gradlab.task',
  classes: 'gradlab.classes',
  labels: 'gradlab.labels',
  features: 'gradlab.features',
  outputs: 'gradlab.outputs',
  version: 'gradlab.version',
} as const;

/** Messages between the playground page and its training worker. */

export type InitName = 'zeros' | 'small' | 'large' | 'lecun' | 'xavier' | 'he' | 'orthogonal' | 'lsuv';
export type DatasetName = 'circles' | 'moons' | 'spirals' | 'xor' | 'blobs' | 'upload';

export interface Settings {
  dataset: DatasetName;
  noise: number;
  normalize: boolean;
  depth: number;
  width: number;
  activation: 'relu' | 'tanh' | 'sigmoid' | 'leakyRelu';
  init: InitName;
  l2: number;
  dropout: number;
  optimizer: 'sgd' | 'momentum' | 'rmsprop' | 'adam';
  learningRate: number;
  /** 0 = full batch. */
  batchSize: number;
  seed: number;
}

export const DEFAULT_SETTINGS: Settings = {
  dataset: 'circles',
  noise: 0.1,
  normalize: true,
  depth: 2,
  width: 8,
  activation: 'relu',
  init: 'he',
  l2: 0,
  dropout: 0,
  optimizer: 'sgd',
  learningRate: 0.1,
  batchSize: 0,
  seed: 1,
};

export type ToWorker =
  | { type: 'init'; settings: Settings; upload?: { x: number[][]; y: number[] } }
  | { type: 'step'; count: number }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'gradcheck'; bug: { parameter: string; kind: 'scale' | 'swap' | 'drop-l2' | 'sign' } | null };

export interface LayerView {
  name: string;
  activation: string;
  /** Histogram of the layer's activations on the training set. */
  bins: number[];
  range: [number, number];
  activationStd: number;
  gradientNorm: number;
}

export interface Snapshot {
  step: number;
  trainCost: number;
  testCost: number;
  trainAccuracy: number;
  testAccuracy: number;
  initialCost: number;
  history: Array<[number, number, number]>;
  boundary: { size: number; probability: number[]; bounds: [number, number, number, number] };
  layers: LayerView[];
  diagnosis: { healthy: boolean; messages: string[]; suggestion: string | null };
  /** Every unit of the first hidden layer has the same weights and bias (symmetry never broken). */
  symmetric: boolean;
  stepsPerSecond: number;
  playing: boolean;
}

export interface Points {
  raw: { train: number[][]; test: number[][] };
  model: { train: number[][]; test: number[][] };
  trainLabels: number[];
  testLabels: number[];
  parameters: string[];
}

export type FromWorker =
  | { type: 'ready'; points: Points; snapshot: Snapshot }
  | { type: 'snapshot'; snapshot: Snapshot }
  | {
      type: 'gradcheck';
      verdict: string;
      difference: number;
      rows: Array<{ name: string; difference: number; verdict: string; worst: string }>;
      bug: string | null;
    }
  | { type: 'error'; message: string };

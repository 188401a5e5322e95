// The playground's datasets: the synthetic ones, a real two-feature slice of breast_cancer, or an uploaded CSV,
// split into train and test, with x₁ stretched and shifted as the feature-scale control asks.
import { blobs, circles, type Dataset, Generator, moons, spirals, Tensor, xor } from 'gradlab/browser';
import { BREAST_CANCER_FEATURES, BREAST_CANCER_X, BREAST_CANCER_Y } from './breastCancerSlice.js';
import type { Settings } from './protocol.js';

export interface Split {
  train: Dataset;
  test: Dataset;
  featureNames: [string, string];
}

export type Upload = { x: number[][]; y: number[] };

const TRAIN_SIZE = 500;
const TEST_SIZE = 200;

function synthetic(settings: Settings, n: number, seed: number): Dataset {
  const options = { n, noise: settings.noise, seed };
  switch (settings.dataset) {
    case 'moons':
      return moons(options);
    case 'spirals':
      return spirals(options);
    case 'xor':
      return xor(options);
    case 'blobs':
      return blobs({ ...options, centers: 2, std: 1.5 + 10 * settings.noise, spread: 4 });
    default:
      return circles({ ...options, factor: 0.5 });
  }
}

/** 80% train, 20% test, in a seeded order. */
function splitRows(x: ReadonlyArray<readonly number[]>, y: readonly number[], seed: number, name: string) {
  const order = Array.from(new Generator(seed).permutation(x.length));
  const cut = Math.round(order.length * 0.8);
  const make = (idx: number[]): Dataset => ({
    name,
    x: new Tensor(Float64Array.from(idx.flatMap((i) => [x[i][0], x[i][1]])), [idx.length, 2]),
    y: new Tensor(Float64Array.from(idx.map((i) => y[i])), [idx.length]),
    featureNames: ['x1', 'x2'],
    classes: [0, 1],
  });
  return { train: make(order.slice(0, cut)), test: make(order.slice(cut)) };
}

// x₁ ← stretch·x₁ + shift, on a copy.
function rescaleFirst(set: Dataset, stretch: number, shift: number): Dataset {
  if (stretch === 1 && shift === 0) return set;
  const data = Float64Array.from(set.x.data);
  for (let i = 0; i < data.length; i += 2) data[i] = stretch * data[i] + shift;
  return { ...set, x: new Tensor(data, [...set.x.shape]) };
}

export function loadSplit(settings: Settings, upload: Upload | undefined): Split {
  let split: { train: Dataset; test: Dataset };
  let names: [string, string] = ['x₁', 'x₂'];
  if (settings.dataset === 'upload' && upload) split = splitRows(upload.x, upload.y, settings.seed, 'upload');
  else if (settings.dataset === 'breast-cancer') {
    split = splitRows(BREAST_CANCER_X, BREAST_CANCER_Y, settings.seed, 'breast-cancer');
    names = [BREAST_CANCER_FEATURES[0].replace(/_/g, ' '), BREAST_CANCER_FEATURES[1].replace(/_/g, ' ')];
  } else
    split = {
      train: synthetic(settings, TRAIN_SIZE, settings.seed),
      test: synthetic(settings, TEST_SIZE, settings.seed + 1000),
    };
  return {
    train: rescaleFirst(split.train, settings.stretch, settings.shift),
    test: rescaleFirst(split.test, settings.stretch, settings.shift),
    featureNames: names,
  };
}

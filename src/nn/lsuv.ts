import { noGrad } from '../autograd/index.js';
import { orthogonal } from '../init/index.js';
import { toGenerator, type Seed } from '../random/index.js';
import type { Tensor } from '../tensor/index.js';
import { Dense } from './dense.js';
import type { Sequential } from './sequential.js';

/** LSUV's tolerance on the unit variance, its iteration limit and the seed of its orthogonal start. */
export interface LsuvOptions {
  /** Accept a layer when |Var(output) − 1| ≤ tolerance (default 0.1). */
  tolerance?: number;
  /** Rescalings per layer at most (default 10). */
  maxIterations?: number;
  seed?: Seed;
}

/** What LSUV did to one layer: the variance it reached and in how many iterations. */
export interface LsuvLayerResult {
  layer: number;
  variance: number;
  iterations: number;
  converged: boolean;
}

function variance(t: Tensor): number {
  let mean = 0;
  for (let i = 0; i < t.size; i++) mean += t.data[i];
  mean /= t.size || 1;
  let v = 0;
  for (let i = 0; i < t.size; i++) v += (t.data[i] - mean) ** 2;
  return v / (t.size || 1);
}

/**
 * Layer-sequential unit-variance initialization (Mishkin & Matas 2015, "All you need is a good init"):
 * every dense weight gets an orthogonal pre-initialization and a zero bias; then, layer by layer and on
 * the data batch `x`, W ← W / √Var(z) until the variance of the layer's output z = h·Wᵀ + b is within
 * `tolerance` of 1. Changes the model in place and returns what each layer reached.
 */
export function lsuv(model: Sequential, x: Tensor, options: LsuvOptions = {}): LsuvLayerResult[] {
  const tolerance = options.tolerance ?? 0.1;
  const maxIterations = options.maxIterations ?? 10;
  const generator = toGenerator(options.seed, 0);
  const results: LsuvLayerResult[] = [];
  return noGrad(() => {
    model.layers.forEach((layer) => {
      if (!(layer instanceof Dense) || !layer.weight) return;
      layer.weight.data.set(
        orthogonal().sample(layer.weight.shape, { seed: generator, dtype: layer.weight.dtype }).data,
      );
      layer.bias?.data.fill(0);
    });
    model.layers.forEach((layer, index) => {
      if (!(layer instanceof Dense) || !layer.weight) return;
      const input = model.layerInputs(x)[index];
      let v = variance(layer.forwardPreActivation(input));
      let iterations = 0;
      while (Math.abs(v - 1) > tolerance && iterations < maxIterations && v > 0) {
        const scale = 1 / Math.sqrt(v);
        for (let i = 0; i < layer.weight.size; i++) layer.weight.data[i] *= scale;
        v = variance(layer.forwardPreActivation(input));
        iterations++;
      }
      results.push({ layer: index, variance: v, iterations, converged: Math.abs(v - 1) <= tolerance });
    });
    return results;
  });
}

import { Dense, Dropout, type ForwardContext, type Layer, type Sequential } from '../nn/index.js';
import { Tensor, allocate } from '../tensor/index.js';

/**
 * Exact, cheap re-evaluation after perturbing one entry of a dense layer's weight or bias.
 *
 * Perturbing W_l[r, c] by δ changes only column r of the pre-activation: z_l[:, r] += δ·h_l[:, c]
 * (for b_l[r]: += δ). The activation and frozen dropout act on that column alone, so the next dense
 * layer's pre-activation changes by the rank-1 term Δa[:, r]·W_{l'}[:, r]ᵀ, and only the layers after
 * it run in full. Returns null where a change could spread across columns before the next dense layer
 * (a hidden softmax, or a layer other than Dense/Dropout); those models use the plain suffix re-run.
 */
export function incrementalEvaluator(
  model: Sequential,
  inputs: readonly Tensor[],
  context: Partial<ForwardContext>,
): ((layerIndex: number, isBias: boolean, entry: number, delta: number) => { output: Tensor; logits: Tensor }) | null {
  const layers = model.layers;
  const last = layers.length - 1;
  const supported = layers.every(
    (l: Layer, i) => (l instanceof Dense && (i === last || l.activation !== 'softmax')) || l instanceof Dropout,
  );
  if (!supported || !(layers[last] instanceof Dense)) return null;
  const ctx: ForwardContext = { training: false, ...context };
  const pre = layers.map((layer, i) => (layer instanceof Dense ? layer.forwardPreActivation(inputs[i]) : null));
  const dropoutMask = (i: number): Tensor | null => (ctx.training ? (ctx.masks?.get(i) ?? null) : null);

  return (l, isBias, entry, delta) => {
    const dense = layers[l] as Dense;
    const h = inputs[l];
    const [m, inSize] = h.shape;
    const units = dense.units;
    const r = isBias ? entry : Math.floor(entry / inSize);
    const c = isBias ? 0 : entry % inSize;
    const z = pre[l]!;
    if (l === last) {
      const logits = pooledCopy(z);
      for (let i = 0; i < m; i++) logits.data[i * units + r] += isBias ? delta : delta * h.data[i * inSize + c];
      return { output: dense.activate(logits), logits };
    }
    // The changed column, through the activation and any frozen dropout masks.
    const column = new Tensor(allocate(z.dtype, m), [m, 1]);
    for (let i = 0; i < m; i++)
      column.data[i] = z.data[i * units + r] + (isBias ? delta : delta * h.data[i * inSize + c]);
    let values = dense.activate(column).data;
    let next = l + 1;
    while (layers[next] instanceof Dropout) {
      const mask = dropoutMask(next);
      if (mask) {
        const width = mask.shape[1];
        values = values.map((v, i) => v * mask.data[i * width + r]);
      }
      next++;
    }
    const following = layers[next] as Dense;
    const before = inputs[next];
    const width = before.shape[1];
    const out = following.units;
    const w = following.weight!.data;
    const zNext = pooledCopy(pre[next]!);
    // Rank-1 update: only column r of the input to `following` changed.
    for (let i = 0; i < m; i++) {
      const d = values[i] - before.data[i * width + r];
      if (d === 0) continue;
      const row = i * out;
      for (let o = 0; o < out; o++) zNext.data[row + o] += d * w[o * width + r];
    }
    if (next === last) return { output: following.activate(zNext), logits: zNext };
    return model.forwardFrom(next + 1, following.activate(zNext), ctx);
  };
}

/** A copy of t in a buffer from the pool (reused between evaluations inside withBufferScope). */
function pooledCopy(t: Tensor): Tensor {
  const data = allocate(t.dtype, t.size);
  data.set(t.data);
  return new Tensor(data, t.shape);
}

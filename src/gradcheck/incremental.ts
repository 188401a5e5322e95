import type { AffineForm, ColumnMap, ForwardContext, ParameterSlot, Sequential } from '../nn/index.js';
import { allocate, Tensor } from '../tensor/index.js';

/** The last pre-activation, and the output when the loss reads it (null otherwise). */
type Evaluation = { output: Tensor | null; logits: Tensor };

/**
 * Exact, cheap re-evaluation after perturbing one entry of an affine layer's weight or bias.
 *
 * Perturbing W_l[r, c] by δ changes only column r of the pre-activation: z_l[:, r] += δ·h_l[:, c]
 * (for b_l[r]: += δ). An elementwise activation, and every following layer that acts per column
 * (elementwise activations, frozen dropout: `Layer.columnMap`), keep the change in that column, so
 * the next affine layer's pre-activation changes by the rank-1 term Δa[:, r]·W_{l'}[:, r]ᵀ, and only
 * the layers after it run in full. The layers say what they are through `Layer.affineForm` and
 * `Layer.columnMap`; where a change could spread across columns first (a hidden softmax, a layer
 * that declares neither), the evaluator returns null for that entry and the caller re-runs the suffix.
 */
export function incrementalEvaluator(
  model: Sequential,
  inputs: readonly Tensor[],
  context: Partial<ForwardContext>,
  /** False when the loss reads the logits only (the cross-entropies): the last activation is skipped. */
  needsOutput: boolean,
): ((slot: ParameterSlot, entry: number, delta: number) => Evaluation | null) | null {
  const layers = model.layers;
  const last = layers.length - 1;
  const forms = layers.map((layer) => layer.affineForm());
  const lastForm = forms[last];
  if (!lastForm) return null;
  const ctx: ForwardContext = { training: false, ...context };
  const pre = forms.map((form, i) => (form ? form.preActivation(inputs[i]) : null));

  /** The layers from `from` that carry one column to the next affine layer, and that layer's index. */
  const route = (from: number): { maps: Array<[number, ColumnMap]>; next: number } | null => {
    const maps: Array<[number, ColumnMap]> = [];
    let next = from;
    while (next <= last && !forms[next]) {
      const map = layers[next].columnMap();
      if (!map) return null;
      maps.push([next, map]);
      next++;
    }
    return next <= last ? { maps, next } : null;
  };
  const routes = layers.map((_, l) => (forms[l]?.elementwise && l < last ? route(l + 1) : null));
  const finish = (logits: Tensor): Evaluation => ({ output: needsOutput ? lastForm.activate(logits) : null, logits });

  return (slot, entry, delta) => {
    const l = slot.layerIndex;
    const form = forms[l];
    const role = slot.role === 'weight' ? 'weight' : slot.role === 'bias' ? 'bias' : null;
    if (!form || !role || (role === 'bias' && !form.bias)) return null;
    const h = inputs[l];
    const [m, inSize] = h.shape;
    const isBias = role === 'bias';
    const r = isBias ? entry : Math.floor(entry / inSize);
    const c = isBias ? 0 : entry % inSize;
    const z = pre[l]!;
    const units = form.units;
    if (l === last) {
      const logits = pooledCopy(z);
      for (let i = 0; i < m; i++) logits.data[i * units + r] += isBias ? delta : delta * h.data[i * inSize + c];
      return finish(logits);
    }
    const path = routes[l];
    if (!path) return null;
    // The changed column, through the activation and every per-column layer up to the next affine one.
    let column = new Tensor(allocate(z.dtype, m), [m, 1]);
    for (let i = 0; i < m; i++)
      column.data[i] = z.data[i * units + r] + (isBias ? delta : delta * h.data[i * inSize + c]);
    column = form.activate(column);
    for (const [index, map] of path.maps) column = map(column, r, { ...ctx, index });
    const following = forms[path.next]!;
    const z2 = rankOneUpdate(following, inputs[path.next], pre[path.next]!, column, r);
    return finish(path.next < last ? model.logitsFrom(path.next + 1, following.activate(z2), ctx) : z2);
  };
}

/** The next affine layer's pre-activation when only column r of its input changed to `column`. */
function rankOneUpdate(following: AffineForm, before: Tensor, zBefore: Tensor, column: Tensor, r: number): Tensor {
  const [m, width] = before.shape;
  const out = following.units;
  const w = following.weight.data;
  const z0 = zBefore.data;
  const z = allocate(zBefore.dtype, zBefore.size);
  // Column r of W, gathered once so that the update below reads it contiguously.
  const wr = allocate(zBefore.dtype, out);
  for (let o = 0; o < out; o++) wr[o] = w[o * width + r];
  for (let i = 0; i < m; i++) {
    const d = column.data[i] - before.data[i * width + r];
    const at = i * out;
    if (d === 0) for (let o = 0; o < out; o++) z[at + o] = z0[at + o];
    else for (let o = 0; o < out; o++) z[at + o] = z0[at + o] + d * wr[o];
  }
  return new Tensor(z, zBefore.shape);
}

/** A copy of t in a buffer from the pool (reused between evaluations inside withBufferScope). */
function pooledCopy(t: Tensor): Tensor {
  const data = allocate(t.dtype, t.size);
  data.set(t.data);
  return new Tensor(data, t.shape);
}

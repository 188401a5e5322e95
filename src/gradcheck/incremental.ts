import {
  isBuiltInLayer,
  type AffineForm,
  type ColumnMap,
  type ForwardContext,
  type ParameterSlot,
  type Sequential,
} from '../nn/index.js';
import { rankOneRows } from '../kernels/index.js';
import { allocate, Tensor } from '../tensor/index.js';

/** The last pre-activation, and the output when the loss reads it (null otherwise). */
export type Evaluation = { output: Tensor | null; logits: Tensor };

/** Cheap exact re-evaluations after perturbing entries of one affine layer's weight or bias. */
export interface IncrementalEvaluator {
  /** One entry moved by `delta`; null when this entry needs the layers after it re-run in full. */
  one(slot: ParameterSlot, entry: number, delta: number): Evaluation | null;
  /**
   * Several perturbations of one slot at once, each of one entry (`entries[p]` moved by `deltas[p]`):
   * the evaluations stacked along the batch, rows [p·m, (p+1)·m) for perturbation p, each the same bits as
   * `one` gives. Null when the layers after the perturbed one cannot be stacked (see `many` below).
   */
  many(slot: ParameterSlot, entries: readonly number[], deltas: readonly number[]): Evaluation | null;
}

/** The perturbed layer l of a slot: its affine form, whether the slot is its bias, its input width, the batch rows. */
type Site = { l: number; form: AffineForm; isBias: boolean; inSize: number; m: number };

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
 *
 * `many` stacks the perturbed batches of several entries into one taller batch, so that the layers after
 * the rank-1 update run once per group instead of once per entry (one activation call and one matrix
 * product over P·m rows instead of P calls over m). That is exact only where every later layer treats
 * rows independently: built-in layers in evaluation mode (dropout off). Frozen dropout masks have m rows
 * and a user's layer may mix rows (batch statistics), so there `many` returns null and the caller
 * evaluates entry by entry.
 */
export function incrementalEvaluator(
  model: Sequential,
  inputs: readonly Tensor[],
  context: Partial<ForwardContext>,
  /** False when the loss reads the logits only (the cross-entropies): the last activation is skipped. */
  needsOutput: boolean,
): IncrementalEvaluator | null {
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
  // Rows may be stacked after layer l when every later layer is built in and nothing draws or reads a
  // dropout mask (evaluation mode).
  const stackableAfter = layers.map((_, l) => !ctx.training && layers.slice(l + 1).every(isBuiltInLayer));
  const finish = (logits: Tensor): Evaluation => ({ output: needsOutput ? lastForm.activate(logits) : null, logits });

  const siteOf = (slot: ParameterSlot): Site | null => {
    const l = slot.layerIndex;
    const form = forms[l];
    const isBias = slot.role === 'bias';
    if (!form || (slot.role !== 'weight' && !isBias) || (isBias && !form.bias)) return null;
    const [m, inSize] = inputs[l].shape;
    return { l, form, isBias, inSize, m };
  };

  /** The unit (row of W, entry of b) a perturbed entry belongs to. */
  const unitOf = (site: Site, entry: number): number => (site.isBias ? entry : Math.floor(entry / site.inSize));

  /**
   * Column r of layer l's pre-activation after the move, z[:, r] + δ·h[:, c] (+ δ for a bias), written to
   * out[at + i·stride] for row i; returns r.
   */
  const movedColumn = (site: Site, entry: number, delta: number, out: Float64Array, at: number, stride = 1): number => {
    const { l, isBias, inSize, m } = site;
    const h = inputs[l].data;
    const z = pre[l]!.data;
    const units = site.form.units;
    const r = unitOf(site, entry);
    const c = isBias ? 0 : entry % inSize;
    for (let i = 0; i < m; i++) out[at + i * stride] = z[i * units + r] + (isBias ? delta : delta * h[i * inSize + c]);
    return r;
  };

  /** The last layer's logits with column r replaced, into `out` from row block `at`. */
  const movedLogits = (site: Site, entry: number, delta: number, out: Float64Array, at: number): void => {
    out.set(pre[site.l]!.data, at);
    movedColumn(site, entry, delta, out, at + unitOf(site, entry), site.form.units);
  };

  return {
    one(slot, entry, delta) {
      const site = siteOf(slot);
      if (!site) return null;
      const { l, m } = site;
      const z = pre[l]!;
      if (l === last) {
        const logits = new Tensor(allocate(z.dtype, z.size), z.shape);
        movedLogits(site, entry, delta, logits.data as Float64Array, 0);
        return finish(logits);
      }
      const path = routes[l];
      if (!path) return null;
      const column = new Tensor(allocate(z.dtype, m), [m, 1]);
      const r = movedColumn(site, entry, delta, column.data as Float64Array, 0);
      const carried = carry(site.form.activate(column), path.maps, r, ctx);
      const following = forms[path.next]!;
      const z2 = stackedUpdate(following, inputs[path.next], pre[path.next]!, [carried], [r]);
      return finish(path.next < last ? model.logitsFrom(path.next + 1, following.activate(z2), ctx) : z2);
    },

    many(slot, entries, deltas) {
      const site = siteOf(slot);
      if (!site) return null;
      const { l, m } = site;
      const z = pre[l]!;
      const count = entries.length;
      if (l === last) {
        if (!stackableAfter[l]) return null;
        const logits = new Tensor(allocate(z.dtype, count * z.size), [count * m, site.form.units]);
        for (let p = 0; p < count; p++)
          movedLogits(site, entries[p], deltas[p], logits.data as Float64Array, p * z.size);
        return finish(logits);
      }
      const path = routes[l];
      if (!path || !stackableAfter[path.next]) return null;
      // Every moved column in one tensor, so that the activation runs once over count·m values.
      const columns = new Tensor(allocate(z.dtype, count * m), [count * m, 1]);
      const changedUnits = new Array<number>(count);
      for (let p = 0; p < count; p++)
        changedUnits[p] = movedColumn(site, entries[p], deltas[p], columns.data as Float64Array, p * m);
      const activated = site.form.activate(columns);
      const carried = changedUnits.map((r, p) =>
        carry(new Tensor(activated.data.subarray(p * m, (p + 1) * m), [m, 1]), path.maps, r, ctx),
      );
      const following = forms[path.next]!;
      const stacked = stackedUpdate(following, inputs[path.next], pre[path.next]!, carried, changedUnits);
      return finish(path.next < last ? model.logitsFrom(path.next + 1, following.activate(stacked), ctx) : stacked);
    },
  };
}

/** Column r through the per-column layers between two affine ones. */
function carry(column: Tensor, maps: ReadonlyArray<[number, ColumnMap]>, r: number, ctx: ForwardContext): Tensor {
  for (const [index, map] of maps) column = map(column, r, { ...ctx, index });
  return column;
}

/**
 * The next affine layer's pre-activations, stacked, when only column r_p of its input h changed to
 * `columns[p]`: block p is z₀ + (columns[p] − h[:, r_p])·W[:, r_p]ᵀ.
 */
function stackedUpdate(
  following: AffineForm,
  before: Tensor,
  zBefore: Tensor,
  columns: readonly Tensor[],
  changedUnits: readonly number[],
): Tensor {
  const [m, width] = before.shape;
  const n = following.units;
  const blocks = columns.length;
  const w = following.weight.data;
  const h = before.data;
  const d = allocate('float64', blocks * m) as Float64Array;
  const wColumns = allocate('float64', blocks * n) as Float64Array;
  for (let p = 0; p < blocks; p++) {
    const r = changedUnits[p];
    const column = columns[p].data;
    for (let i = 0; i < m; i++) d[p * m + i] = column[i] - h[i * width + r];
    for (let o = 0; o < n; o++) wColumns[p * n + o] = w[o * width + r];
  }
  const out = new Tensor(allocate('float64', blocks * zBefore.size), [blocks * m, n]);
  rankOneRows(zBefore.data as Float64Array, d, wColumns, blocks, m, n, out.data as Float64Array);
  return out;
}

import { gradients, noGrad } from '../autograd/index.js';
import { ArgumentError } from '../errors.js';
import {
  cloneModel,
  Objective,
  type ObjectiveOptions,
  sumOfSquares,
  type ForwardContext,
  type LossName,
  type Sequential,
} from '../nn/index.js';
import { matmulThreads, setMatmulThreads } from '../kernels/index.js';
import { astype } from '../ops/index.js';
import { Generator } from '../random/index.js';
import { type Tensor, withBufferScope } from '../tensor/index.js';
import { bugSize, plantBug, type PlantedBug } from './bugs.js';
import { DEFAULT_CHECK_MODE, runCheck, type CheckOptions, type CheckReport, type CheckTarget } from './core.js';
import { parallelNumeric } from './parallel.js';
import { entryByEntry, quotient, type EntryDifferences } from './difference.js';
import { incrementalEvaluator } from './incremental.js';

/**
 * Options of `gradcheck`: the model's objective (loss, λ), dropout handling, mode, ε, a bug to plant, worker
 * threads.
 */
export interface GradcheckOptions extends CheckOptions {
  /** The objective checked, or its shorthand (the training objective, regularization included). */
  objective?: Objective;
  loss?: LossName | string;
  /** λ of the L2 term: the checked objective is the training objective, regularization included. */
  l2?: number;
  /** 'off' (default, as the course advises) or 'frozen': one mask drawn and reused for every evaluation. */
  dropout?: 'off' | 'frozen';
  /** Put each parameter's compared analytic and numeric values in the report. */
  includeValues?: boolean;
  /** For teaching: a known bug planted in one parameter's analytic gradient. */
  injectBug?: PlantedBug | null;
  /**
   * How each perturbed objective is evaluated, all exact: 'incremental' (default: one column and a
   * rank-1 update, then the remaining layers), 'suffix' (re-run the layers from the perturbed one), or
   * 'full' (a whole forward pass, as PyTorch's gradcheck does).
   */
  evaluation?: 'incremental' | 'suffix' | 'full';
  /**
   * Threads for the perturbations of a full check, the calling one included: a number, or 'auto' (the
   * default: up to the machine's cores, at most 4, started only when the calling thread's first
   * perturbations predict that the rest will take longer than a worker thread needs to start, ≈ 0.4 s).
   * A number above the machine's cores is lowered to them (2 stay allowed on one core). The
   * differences are the same bit for bit on any number of threads. Layers must be built in, or
   * registered with their module (registerLayer), for a worker thread to rebuild the model.
   */
  workers?: number | 'auto';
}

/** A model's gradient check: the check report named by parameter, plus the objective and settings that were checked. */
export interface GradcheckReport extends CheckReport {
  /** Always float64 (a float32 model is checked through a float64 copy). */
  checkedDtype: 'float64';
  modelDtype: string;
  parameterCount: number;
  batchSize: number;
  dropout: 'off' | 'frozen';
  l2: number;
  /** The planted bug, what it changed, and its size ‖g_bug − g‖/‖g‖ in the tensor it is planted in. */
  bug: (PlantedBug & { effect: string; size: number }) | null;
}

/**
 * Checks the gradient of a model's training objective (data loss + λ/(2m)·Σ‖W‖²) on a batch against
 * two-sided differences, in float64, per parameter tensor. The model itself is not modified.
 * Perturbing one entry of layer l updates that layer's pre-activation in one column and the next dense
 * layer's by a rank-1 term, then runs only the layers after it (see incrementalEvaluator); a whole-tensor
 * perturbation (directional mode) re-runs layers l … L. Both are exact: earlier activations are unchanged.
 */
export function gradcheck(model: Sequential, x: Tensor, y: Tensor, options: GradcheckOptions): GradcheckReport {
  const objective = objectiveOf(options);
  const dropout = options.dropout ?? 'off';
  const notes: string[] = [];
  if (model.dtype !== 'float64') notes.push(`the ${model.dtype} model was checked through a float64 copy of itself.`);
  const hasDropout = model.layers.some((l) => l.type === 'dropout');
  if (hasDropout)
    notes.push(
      dropout === 'off'
        ? 'dropout was off for the check.'
        : 'dropout used one frozen mask for every evaluation, so its backward was checked too.',
    );
  // A float64 model is checked in place (every perturbation is restored bit-exactly), so custom layers
  // work too; a float32 one through a float64 copy.
  const copy = model.dtype === 'float64' ? model : cloneModel(model, 'float64');
  const x64 = astype(x, 'float64');
  const y64 = astype(y, 'float64');
  const m = x64.shape[0];
  const context: Partial<ForwardContext> =
    dropout === 'frozen' && hasDropout
      ? {
          training: true,
          generator: new Generator(typeof options.seed === 'number' ? options.seed : 0),
          masks: new Map(),
        }
      : { training: false };

  const slots = copy.parameterSlots();
  const params = slots.map((slot) => slot.tensor);
  const found = gradients(objective.evaluate(copy, x64, y64, context).objective, params);
  const targets: CheckTarget[] = slots.map(({ name, tensor }) => ({
    name,
    shape: tensor.shape,
    values: tensor.data as Float64Array,
    analytic: Float64Array.from(found.get(tensor)!.data),
  }));

  let bug: GradcheckReport['bug'] = null;
  if (options.injectBug) {
    const index = slots.findIndex((slot) => slot.name === options.injectBug!.parameter);
    if (index === -1)
      throw new ArgumentError(
        `inject-bug: no parameter named '${options.injectBug.parameter}' ` +
          `(parameters: ${slots.map((p) => p.name).join(', ')})`,
      );
    if (options.injectBug.kind === 'drop-l2' && !slots[index].penalized) {
      throw new ArgumentError(`inject-bug: drop-l2 applies to a regularized weight, not '${slots[index].name}'`);
    }
    const correct = targets[index].analytic.slice();
    const effect = plantBug(
      options.injectBug.kind,
      targets[index].analytic,
      targets[index].shape,
      targets[index].values,
      objective.penaltyGradientFactor(m),
    );
    bug = { ...options.injectBug, effect, size: bugSize(correct, targets[index].analytic) };
  }

  const strategy = options.evaluation ?? 'incremental';
  const { evaluate, differences } = objectiveEvaluator(copy, x64, y64, context, objective, strategy);
  const parallel = parallelNumeric();
  const workers = parallel ? parallel.count(options, copy, targets) : 1;
  const precompute =
    parallel && workers > 1
      ? (steps: number[]) => {
          const settings = { objective, strategy, steps };
          const adaptive = (options.workers ?? 'auto') === 'auto';
          const { values, threads } = parallel.run(
            copy,
            x64,
            y64,
            context,
            settings,
            workers,
            { differences },
            adaptive,
          );
          if (threads > 1)
            notes.push(
              `the ${2 * values.reduce((n, v) => n + v.length, 0)} evaluations ran on ${threads} threads ` +
                `(this one and ${threads - 1} worker${threads === 2 ? '' : 's'}).`,
            );
          return values;
        }
      : (steps: number[]) =>
          targets.map((target, t) => {
            const out = new Float64Array(target.values.length);
            differences(t, 0, out.length, steps[t], out, 0);
            return out;
          });

  // A full check's own threads split θ, and its stacked products have as few columns as the output
  // layer (10 here), which ran slower on two threads (src/kernels/threads.ts): products stay on one.
  const matmulThreadsBefore = matmulThreads();
  if ((options.mode ?? DEFAULT_CHECK_MODE) === 'full') setMatmulThreads(1);
  let report: CheckReport;
  try {
    report = runCheck(targets, evaluate, { ...options, precompute });
  } finally {
    setMatmulThreads(matmulThreadsBefore);
  }
  report.notes.push(...notes);
  return {
    ...report,
    checkedDtype: 'float64',
    modelDtype: model.dtype,
    parameterCount: model.parameterCount(),
    batchSize: m,
    dropout,
    l2: objective.l2,
    bug,
  };
}

/** The checked objective: given whole, or from the `{ loss, l2 }` shorthand. */
function objectiveOf(options: GradcheckOptions): Objective {
  if (options.objective) return options.objective;
  if (options.loss === undefined) throw new ArgumentError('gradcheck: give an objective, or a loss (and l2)');
  return Objective.from(options as ObjectiveOptions);
}

/** A model's objective for the checker: one evaluation at a time, and entry differences in groups. */
export interface ModelObjective {
  /**
   * The objective at the current parameter values, evaluated cheaply after one target (and entry, or −1
   * for a whole tensor) was perturbed in place. It is the objective up to a constant: the L2 term of the
   * unperturbed weights, c·Σ‖W₀‖², is the same in every evaluation and cancels in each difference, so it
   * is left out (adding it would only cost digits).
   */
  evaluate: (target: number, entry: number) => number;
  /** Two-sided differences of a run of entries of one target (with every parameter unperturbed). */
  differences: EntryDifferences;
}

/**
 * Entries whose perturbed batches are stacked into one evaluation (`IncrementalEvaluator.many`). On the
 * 64-128-128-10 tanh check (batch 32), the first layer's 8,192 entries took 560–600 ms with 8 or 16,
 * 580–920 with 1 or 4, 670 with 32 and 750–770 with 64 (two sweeps of a node script, busy machine):
 * the group's batches of m rows each (2 per entry) must outweigh the calls' overhead yet stay in cache
 * (16 entries of that check: 1 MB).
 */
const STACKED_ENTRIES = 16;

/** The objective of `copy` on (x64, y64) for the checker, with every evaluation exact (see IncrementalEvaluator). */
export function objectiveEvaluator(
  copy: Sequential,
  x64: Tensor,
  y64: Tensor,
  context: Partial<ForwardContext>,
  objective: Objective,
  strategy: 'incremental' | 'suffix' | 'full',
): ModelObjective {
  const slots = copy.parameterSlots();
  const values = slots.map((slot) => slot.tensor.data as Float64Array);
  const penalized = slots.map((slot) => objective.penalizes(slot));
  const inputs = noGrad(() => copy.layerInputs(x64, context));
  const original = values.map((v) => v.slice());
  const ownSquares = values.map((v, i) => (penalized[i] ? sumOfSquares(v) : 0));
  const m = x64.shape[0];
  const incremental =
    strategy === 'incremental'
      ? noGrad(() => incrementalEvaluator(copy, inputs, context, objective.readsOutput))
      : null;
  // Each evaluation's buffers are reused by the next one (withBufferScope): only a number leaves it.
  const evaluate = (target: number, entry: number): number =>
    withBufferScope(() =>
      noGrad(() => {
        const slot = slots[target];
        const start = strategy === 'full' ? 0 : slot.layerIndex;
        const cheap =
          incremental && entry >= 0
            ? incremental.one(slot, entry, values[target][entry] - original[target][entry])
            : null;
        const { output, logits } = cheap ?? copy.forwardFrom(start, inputs[start], context);
        // Null only when the loss reads the logits alone (the last activation was skipped).
        let value = objective.dataLoss(copy, output ?? logits, logits, y64).item();
        if (penalized[target]) {
          value +=
            entry >= 0
              ? objective.entryPenaltyChange(m, original[target][entry], values[target][entry])
              : objective.tensorPenaltyChange(m, values[target], ownSquares[target]);
        }
        return value;
      }),
    );
  const oneByOne = entryByEntry(values, evaluate);

  /**
   * J at θ_e ± step for the entries [from, to) of one target from one stacked evaluation, as
   * centralDifference forms them; false when the layers cannot be stacked (nothing written).
   */
  const stackedGroup = (target: number, from: number, to: number, step: number, out: Float64Array, at: number) =>
    withBufferScope(() =>
      noGrad(() => {
        const v = values[target];
        const entries: number[] = [];
        const moved: number[] = [];
        for (let entry = from; entry < to; entry++) {
          const up = v[entry] + step;
          const down = v[entry] - step;
          if (up === down) continue;
          entries.push(entry, entry);
          moved.push(up, down);
        }
        const deltas = moved.map((value, p) => value - v[entries[p]]);
        const stacked = entries.length ? incremental!.many(slots[target], entries, deltas) : null;
        if (!stacked && entries.length) return false;
        const losses = stacked
          ? objective.blockDataLosses(copy, stacked.output, stacked.logits, y64, entries.length)
          : new Float64Array(0);
        const loss = (p: number) =>
          penalized[target] ? losses[p] + objective.entryPenaltyChange(m, v[entries[p]], moved[p]) : losses[p];
        for (let entry = from, p = 0; entry < to; entry++) {
          // A vanished step (the entry is not among those moved) gives NaN, as centralDifference says.
          const pair =
            entries[p] === entry ? { plus: loss(p), minus: loss(p + 1), width: moved[p] - moved[p + 1] } : null;
          out[at + entry - from] = quotient(pair);
          if (pair) p += 2;
        }
        return true;
      }),
    );

  const differences: EntryDifferences = (target, from, to, step, out, at) => {
    for (let start = from; start < to; start += STACKED_ENTRIES) {
      const end = Math.min(to, start + STACKED_ENTRIES);
      if (!incremental || !stackedGroup(target, start, end, step, out, at + start - from))
        oneByOne(target, start, end, step, out, at + start - from);
    }
  };
  return { evaluate, differences };
}

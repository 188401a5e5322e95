import { gradients, noGrad } from '../autograd/index.js';
import { ArgumentError } from '../errors.js';
import {
  Dense,
  cloneModel,
  computeObjective,
  dataLoss,
  parseLoss,
  type ForwardContext,
  type LossName,
  type Sequential,
} from '../nn/index.js';
import { astype } from '../ops/index.js';
import { Generator } from '../random/index.js';
import { withBufferScope, type Tensor } from '../tensor/index.js';
import { bugSize, plantBug, type PlantedBug } from './bugs.js';
import { runCheck, type CheckOptions, type CheckReport, type CheckTarget } from './core.js';
import { parallelNumeric } from './parallel.js';
import { incrementalEvaluator } from './incremental.js';

export interface GradcheckOptions extends CheckOptions {
  loss: LossName | string;
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
   * Worker threads for the perturbations of a full check: a number, or 'auto' (the default: the
   * machine's cores, up to 4, for models of 50,000 parameters or more built from Dense, Dropout and
   * Activation layers, where they pay off; otherwise the calling thread).
   */
  workers?: number | 'auto';
}

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
  const loss = parseLoss(options.loss);
  const l2 = options.l2 ?? 0;
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

  const named = copy.namedParameters();
  const params = named.map(([, t]) => t);
  const { objective } = computeObjective(copy, x64, y64, { loss, l2 }, context);
  const found = gradients(objective, params);
  const regularized = new Set(copy.regularizedParameterNames());
  const targets: CheckTarget[] = named.map(([name, t]) => ({
    name,
    shape: t.shape,
    values: t.data as Float64Array,
    analytic: Float64Array.from(found.get(t)!.data),
  }));

  let bug: GradcheckReport['bug'] = null;
  if (options.injectBug) {
    const index = named.findIndex(([n]) => n === options.injectBug!.parameter);
    if (index === -1)
      throw new ArgumentError(
        `inject-bug: no parameter named '${options.injectBug.parameter}' (parameters: ${named.map(([n]) => n).join(', ')})`,
      );
    if (options.injectBug.kind === 'drop-l2' && !regularized.has(named[index][0])) {
      throw new ArgumentError(`inject-bug: drop-l2 applies to a regularized weight, not '${named[index][0]}'`);
    }
    const correct = targets[index].analytic.slice();
    const effect = plantBug(
      options.injectBug.kind,
      targets[index].analytic,
      targets[index].shape,
      targets[index].values,
      l2 / m,
    );
    bug = { ...options.injectBug, effect, size: bugSize(correct, targets[index].analytic) };
  }

  const strategy = options.evaluation ?? 'incremental';
  const evaluate = objectiveEvaluator(copy, x64, y64, context, loss, l2, strategy);
  const parallel = parallelNumeric();
  const workers = parallel ? parallel.count(options, copy, targets) : 1;
  const precompute =
    parallel && workers > 1
      ? (steps: number[]) => {
          const numeric = parallel.run(copy, x64, y64, context, { loss, l2, strategy, steps }, workers);
          notes.push(
            `the ${2 * numeric.reduce((n, v) => n + v.length, 0)} evaluations ran on ${workers} worker threads.`,
          );
          return numeric;
        }
      : undefined;

  const report = runCheck(targets, evaluate, { ...options, precompute });
  report.notes.push(...notes);
  return {
    ...report,
    checkedDtype: 'float64',
    modelDtype: model.dtype,
    parameterCount: model.parameterCount(),
    batchSize: m,
    dropout,
    l2,
    bug,
  };
}

/**
 * The objective as a function of the current parameter values, evaluated cheaply after one target
 * (and entry, or −1 for a whole tensor) was perturbed. It is the objective up to a constant: the L2
 * term of the unperturbed weights, c·Σ‖W₀‖², is the same in every evaluation and cancels in each
 * difference, so it is left out (adding it would only cost digits).
 */
export function objectiveEvaluator(
  copy: Sequential,
  x64: Tensor,
  y64: Tensor,
  context: Partial<ForwardContext>,
  loss: LossName,
  l2: number,
  strategy: 'incremental' | 'suffix' | 'full',
): (target: number, entry: number) => number {
  const named = copy.namedParameters();
  const values = named.map(([, t]) => t.data as Float64Array);
  const regularizedNames = new Set(copy.regularizedParameterNames());
  const regularized = named.map(([name]) => regularizedNames.has(name));
  const layerOf = named.map(([name]) => Number(name.split('.')[0]));
  const isBias = named.map(([name]) => name.endsWith('.bias'));
  const inputs = noGrad(() => copy.layerInputs(x64, context));
  const original = values.map((v) => v.slice());
  const sumSquares = (v: ArrayLike<number>) => {
    let s = 0;
    for (let i = 0; i < v.length; i++) s += v[i] * v[i];
    return s;
  };
  const ownSquares = values.map((v, i) => (regularized[i] ? sumSquares(v) : 0));
  const c = l2 / (2 * x64.shape[0]);
  const incremental = strategy === 'incremental' ? noGrad(() => incrementalEvaluator(copy, inputs, context)) : null;
  // Each evaluation's buffers are reused by the next one (withBufferScope): only a number leaves it.
  return (target, entry) =>
    withBufferScope(() =>
      noGrad(() => {
        const start = strategy === 'full' ? 0 : layerOf[target];
        const { output, logits } =
          incremental && entry >= 0 && copy.layers[start] instanceof Dense
            ? incremental(start, isBias[target], entry, values[target][entry] - original[target][entry])
            : copy.forwardFrom(start, inputs[start], context);
        let value = dataLoss(copy, loss, output, logits, y64).item();
        if (c > 0 && regularized[target]) {
          if (entry >= 0) {
            const w = values[target][entry];
            const w0 = original[target][entry];
            value += c * (w - w0) * (w + w0);
          } else value += c * (sumSquares(values[target]) - ownSquares[target]);
        }
        return value;
      }),
    );
}

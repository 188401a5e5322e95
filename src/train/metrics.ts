import { noGrad } from '../autograd/index.js';
import { computeObjective, parseLoss, type LossName, type Sequential } from '../nn/index.js';
import type { Tensor } from '../tensor/index.js';

/**
 * Fraction of examples classified right, from the logits: BCE predicts class 1 where z ≥ 0
 * (σ(z) ≥ 0.5); softmax CE predicts the arg-max. Null for regression (MSE).
 */
export function accuracyFromLogits(loss: LossName, logits: Tensor, y: Tensor): number | null {
  const m = logits.shape[0];
  if (m === 0) return null;
  let correct = 0;
  if (loss === 'binaryCrossEntropy') {
    for (let i = 0; i < m; i++) if ((logits.data[i] >= 0 ? 1 : 0) === y.data[i]) correct++;
    return correct / m;
  }
  if (loss === 'softmaxCrossEntropy') {
    const k = logits.shape[1];
    const oneHot = y.rank === 2 && y.shape[1] === k && k > 1;
    for (let i = 0; i < m; i++) {
      let best = 0;
      for (let c = 1; c < k; c++) if (logits.data[i * k + c] > logits.data[i * k + best]) best = c;
      let label = y.data[i];
      if (oneHot) {
        label = 0;
        for (let c = 1; c < k; c++) if (y.data[i * k + c] > y.data[i * k + label]) label = c;
      }
      if (best === label) correct++;
    }
    return correct / m;
  }
  return null;
}

/** Objective, data loss and accuracy (null for regression) of a model on a dataset. */
export interface Evaluation {
  /** Data loss + L2 term over the whole set. */
  objective: number;
  dataLoss: number;
  accuracy: number | null;
}

/** Loss, objective and accuracy of the model on a dataset, in evaluation mode (dropout off). */
export function evaluate(
  model: Sequential,
  x: Tensor,
  y: Tensor,
  options: { loss: LossName | string; l2?: number },
): Evaluation {
  const loss = parseLoss(options.loss);
  return noGrad(() => {
    const result = computeObjective(model, x, y, { loss, l2: options.l2 });
    return {
      objective: result.objective.item(),
      dataLoss: result.dataLoss.item(),
      accuracy: accuracyFromLogits(loss, result.logits, y),
    };
  });
}

export interface ClassMetrics {
  class: string | number;
  precision: number;
  recall: number;
  f1: number;
  /** Rows whose true class this is. */
  support: number;
}

/** Accuracy, log-loss, the confusion matrix and precision, recall and F1 per class and macro-averaged. */
export interface ClassificationMetrics {
  rows: number;
  accuracy: number;
  /** Mean of −log p(true class), with p clipped to [1e-15, 1] so one confident mistake stays finite. */
  logLoss: number;
  classes: Array<string | number>;
  /** confusionMatrix[t][p]: rows of true class t predicted as class p. */
  confusionMatrix: number[][];
  perClass: ClassMetrics[];
  /** Unweighted means over classes (each class counts the same, however rare). */
  macro: { precision: number; recall: number; f1: number };
}

const LOG_LOSS_FLOOR = 1e-15;

/**
 * Metrics from class probabilities [m, k] (row-major) and true class indices. Precision = TP/(TP+FP),
 * recall = TP/(TP+FN), F1 = 2PR/(P+R); a class never predicted (or never present) gets 0 there.
 */
export function classificationMetrics(
  probabilities: ArrayLike<number>,
  truth: ArrayLike<number>,
  classes: Array<string | number>,
): ClassificationMetrics {
  const k = classes.length;
  const m = truth.length;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let logLoss = 0;
  for (let i = 0; i < m; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (probabilities[i * k + c] > probabilities[i * k + best]) best = c;
    const t = truth[i];
    confusion[t][best]++;
    logLoss -= Math.log(Math.max(LOG_LOSS_FLOOR, Math.min(1, probabilities[i * k + t])));
  }
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  const perClass = classes.map((name, c) => {
    const tp = confusion[c][c];
    const predicted = confusion.reduce((s, row) => s + row[c], 0);
    const support = confusion[c].reduce((s, v) => s + v, 0);
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, support);
    return { class: name, precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  });
  const mean = (f: (c: ClassMetrics) => number) => perClass.reduce((s, c) => s + f(c), 0) / k;
  return {
    rows: m,
    accuracy: ratio(
      confusion.reduce((s, row, c) => s + row[c], 0),
      m,
    ),
    logLoss: m ? logLoss / m : 0,
    classes,
    confusionMatrix: confusion,
    perClass,
    macro: { precision: mean((c) => c.precision), recall: mean((c) => c.recall), f1: mean((c) => c.f1) },
  };
}

export interface TargetMetrics {
  target: string;
  /** √(mean (ŷ − y)²), in the target's units. */
  rmse: number;
  /** mean |ŷ − y|. */
  mae: number;
  /** 1 − Σ(y − ŷ)² / Σ(y − ȳ)²; null for a constant target (no variance to explain). */
  r2: number | null;
}

/** RMSE, MAE and R² per target and averaged over the targets. */
export interface RegressionMetrics {
  rows: number;
  perTarget: TargetMetrics[];
  /** Means over targets (R² over the targets where it is defined). */
  average: { rmse: number; mae: number; r2: number | null };
}

/** RMSE, MAE and R² per target from predictions and targets [m, t] (row-major, original units). */
export function regressionMetrics(
  predictions: ArrayLike<number>,
  targets: ArrayLike<number>,
  names: string[],
): RegressionMetrics {
  const t = names.length;
  const m = targets.length / t;
  const perTarget = names.map((target, j) => {
    let mean = 0;
    for (let i = 0; i < m; i++) mean += targets[i * t + j] / m;
    let sse = 0;
    let sae = 0;
    let sst = 0;
    for (let i = 0; i < m; i++) {
      const y = targets[i * t + j];
      const e = predictions[i * t + j] - y;
      sse += e * e;
      sae += Math.abs(e);
      sst += (y - mean) ** 2;
    }
    return { target, rmse: Math.sqrt(sse / m), mae: sae / m, r2: sst > 0 ? 1 - sse / sst : null };
  });
  const r2s = perTarget.flatMap((p) => (p.r2 === null ? [] : [p.r2]));
  const avg = (f: (p: TargetMetrics) => number) => perTarget.reduce((s, p) => s + f(p), 0) / t;
  return {
    rows: m,
    perTarget,
    average: {
      rmse: avg((p) => p.rmse),
      mae: avg((p) => p.mae),
      r2: r2s.length ? r2s.reduce((s, v) => s + v, 0) / r2s.length : null,
    },
  };
}

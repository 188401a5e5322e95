import type { Tensor } from '../tensor/index.js';
import {
  classificationMetrics,
  evaluate,
  regressionMetrics,
  type ClassificationMetrics,
  type RegressionMetrics,
} from '../train/index.js';
import { modelOutputs, prepareInputs, prepareTargets, type TrainedModel } from './trainedModel.js';

/** How a trained model does on some rows: the objective it minimized, and the task's metrics. */
export interface FitReport {
  rows: number;
  /** Data loss + L2 term (regression: on standardized targets, as trained). */
  objective: number;
  dataLoss: number;
  /** Classification only (also in `classification`). */
  accuracy: number | null;
  classification: ClassificationMetrics | null;
  /** In the targets' own units. */
  regression: RegressionMetrics | null;
}

/** Objective and metrics of a trained model on encoded inputs x and targets y (class indices or values). */
export function describeFit(trained: TrainedModel, x: Tensor, y: Tensor): FitReport {
  const objective = evaluate(trained.model, prepareInputs(trained, x), prepareTargets(trained, y), {
    loss: trained.loss,
    l2: trained.l2,
  });
  const { values } = modelOutputs(trained, x);
  const classification =
    trained.task === 'classification' ? classificationMetrics(values, Int32Array.from(y.data), trained.classes!) : null;
  return {
    rows: x.shape[0],
    objective: objective.objective,
    dataLoss: objective.dataLoss,
    accuracy: classification?.accuracy ?? null,
    classification,
    regression: trained.task === 'regression' ? regressionMetrics(values, y.data, trained.labels) : null,
  };
}

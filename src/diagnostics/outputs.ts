import { noGrad } from '../autograd/index.js';
import { computeObjective, parseLoss, type LossName, type Sequential } from '../nn/index.js';
import type { Tensor } from '../tensor/index.js';

/** The network's outputs against the labels: the initial loss, chance loss and how confident and wrong it is. */
export interface OutputStatistics {
  loss: LossName;
  /** The data loss on the batch. */
  dataLoss: number;
  /**
   * The loss of a network that knows nothing: ln 2 (binary), ln k (k classes), or the targets'
   * variance (regression: always predicting their mean).
   */
  chanceLoss: number;
  /** Classification: examples whose predicted class is wrong with probability > 0.9 (null for regression). */
  confidentWrongFraction: number | null;
  accuracy: number | null;
}

const CONFIDENT = 0.9;

/** How the network's outputs compare with chance on a labelled batch. */
export function outputStatistics(
  model: Sequential,
  x: Tensor,
  y: Tensor,
  lossName: LossName | string,
): OutputStatistics {
  const loss = parseLoss(lossName);
  const { dataLoss, output } = noGrad(() => computeObjective(model, x, y, { loss }));
  const m = x.shape[0];
  const k = output.size / (m || 1);
  if (loss === 'meanSquaredError') {
    let mean = 0;
    for (let i = 0; i < y.size; i++) mean += y.data[i];
    mean /= y.size || 1;
    let variance = 0;
    for (let i = 0; i < y.size; i++) variance += (y.data[i] - mean) ** 2;
    return {
      loss,
      dataLoss: dataLoss.data[0],
      chanceLoss: variance / (y.size || 1),
      confidentWrongFraction: null,
      accuracy: null,
    };
  }
  let wrongConfident = 0;
  let correct = 0;
  for (let i = 0; i < m; i++) {
    let predicted: number;
    let probability: number;
    if (loss === 'binaryCrossEntropy') {
      const p = output.data[i];
      predicted = p >= 0.5 ? 1 : 0;
      probability = Math.max(p, 1 - p);
    } else {
      predicted = 0;
      for (let c = 1; c < k; c++) if (output.data[i * k + c] > output.data[i * k + predicted]) predicted = c;
      probability = output.data[i * k + predicted];
    }
    const label = y.rank === 2 && y.shape[1] === k && k > 1 ? oneHotClass(y, i, k) : y.data[i];
    if (predicted === label) correct++;
    else if (probability > CONFIDENT) wrongConfident++;
  }
  return {
    loss,
    dataLoss: dataLoss.data[0],
    chanceLoss: Math.log(loss === 'binaryCrossEntropy' ? 2 : k),
    confidentWrongFraction: wrongConfident / (m || 1),
    accuracy: correct / (m || 1),
  };
}

function oneHotClass(y: Tensor, row: number, k: number): number {
  for (let c = 0; c < k; c++) if (y.data[row * k + c] === 1) return c;
  return -1;
}

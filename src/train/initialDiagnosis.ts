import { diagnoseAtInitialization } from '../diagnostics/index.js';
import type { Tensor } from '../tensor/index.js';
import type { FitCallback } from './callbacks.js';

/**
 * Before the first step, diagnoses the network at its initial parameters on the training data (one
 * forward and backward pass over up to 256 rows) and warns once when it finds a problem: the
 * finding, its numbers and one suggestion that fits the settings in use. Silent when healthy.
 */
export function initialDiagnosis(x: Tensor, y: Tensor): FitCallback {
  return {
    onTrainBegin(context) {
      if (context.step > 0) return; // a resumed run was diagnosed when it began
      const optimizer = context.optimizer;
      const diagnosis = diagnoseAtInitialization(context.model, x, y, {
        loss: context.objective.loss,
        l2: context.objective.l2,
        optimizer: optimizer.name === 'sgd' && optimizer.config().momentum ? 'momentum' : optimizer.name,
        learningRate: optimizer.learningRate,
      });
      if (diagnosis.healthy) return;
      const findings = diagnosis.findings.map((f) => `  - ${f.message}`).join('\n');
      const suggestion = diagnosis.suggestion ? `\n  suggestion: ${diagnosis.suggestion}` : '';
      context.warn(`gradlab: the network at initialization looks unhealthy:\n${findings}${suggestion}`);
    },
  };
}

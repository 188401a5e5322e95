import { circles } from '../data/index.js';
import { BUG_KINDS, gradcheck, type CheckMode, type GradcheckReport } from '../gradcheck/index.js';
import { Dense, Dropout, Sequential } from '../nn/index.js';
import { fit } from '../train/index.js';

export interface BugOutcome {
  parameter: string;
  kind: string;
  mode: CheckMode;
  verdict: string;
  difference: number;
  /** The tensor with the largest difference: where the check points. */
  blamed: string;
  /** Flat index of the worst entry in the blamed tensor. */
  worstEntry: number | null;
  caught: boolean;
  localized: boolean;
  evaluations: number;
}

export interface GradcheckDemoResult {
  network: string;
  l2: number;
  /** A correct network, checked at initialization and after training (L2 on, dropout frozen). */
  correct: Array<{
    when: string;
    step: number;
    verdict: string;
    difference: number;
    parameters: Array<{
      name: string;
      difference: number;
      verdict: string;
      /** The entry with the largest error: its flat index and both gradients there (null if none was checked). */
      worst: { index: number; analytic: number; numeric: number } | null;
    }>;
  }>;
  /** The checker's verdict thresholds on the relative difference (largest difference per verdict). */
  thresholds: Record<string, number>;
  bugs: BugOutcome[];
  modes: Array<{ mode: CheckMode; evaluations: number; seconds: number; limitations: string }>;
}

const summarize = (r: GradcheckReport) =>
  r.parameters.map((p) => ({
    name: p.name,
    difference: p.difference,
    verdict: p.verdict,
    worst: p.worst[0] ? { index: p.worst[0].index, analytic: p.worst[0].analytic, numeric: p.worst[0].numeric } : null,
  }));

/**
 * Gradient checking shown on a 3-layer network with L2 and dropout: the correct backward passes at
 * initialization and after training; every planted bug kind on every applicable tensor is caught and
 * blamed on the right tensor, in full mode, and the cheaper modes are compared.
 */
export function runGradcheckDemo(
  options: { trainSteps?: number; seed?: number; bugModes?: CheckMode[] } = {},
): GradcheckDemoResult {
  const seed = options.seed ?? 1;
  const trainSteps = options.trainSteps ?? 100;
  const data = circles({ n: 64, noise: 0.1, seed });
  const l2 = 0.7;
  const model = new Sequential(
    [
      new Dense(10, { activation: 'relu' }),
      new Dropout(0.2),
      new Dense(5, { activation: 'tanh' }),
      new Dense(1, { activation: 'sigmoid' }),
    ],
    { inputSize: 2, seed },
  );
  const base = { loss: 'binaryCrossEntropy', l2, dropout: 'frozen' as const, seed };
  const correct: GradcheckDemoResult['correct'] = [];
  const atInit = gradcheck(model, data.x, data.y, base);
  correct.push({
    when: 'at initialization',
    step: 0,
    verdict: atInit.verdict,
    difference: atInit.difference,
    parameters: summarize(atInit),
  });

  const bugs: BugOutcome[] = [];
  for (const mode of options.bugModes ?? ['full', 'directional']) {
    for (const [parameter, tensor] of model.namedParameters()) {
      for (const kind of BUG_KINDS) {
        if (kind === 'drop-l2' && !parameter.endsWith('weight')) continue;
        if (kind === 'swap' && tensor.size < 2) continue;
        if (kind === 'sign' && mode === 'directional') continue;
        const r = gradcheck(model, data.x, data.y, { ...base, mode, injectBug: { parameter, kind } });
        const blamed = [...r.parameters].sort((a, b) => b.difference - a.difference)[0];
        bugs.push({
          parameter,
          kind,
          mode,
          verdict: r.verdict,
          difference: r.difference,
          blamed: blamed.name,
          worstEntry: blamed.worst[0] && mode !== 'directional' ? blamed.worst[0].index : null,
          caught: r.verdict === 'fail',
          localized: blamed.name === parameter,
          evaluations: r.evaluations,
        });
      }
    }
  }

  const modes = (['full', 'sampled', 'directional'] as const).map((mode) => {
    const r = gradcheck(model, data.x, data.y, { ...base, mode });
    return { mode, evaluations: r.evaluations, seconds: r.seconds, limitations: r.limitations };
  });

  fit(model, data.x, data.y, {
    loss: 'binaryCrossEntropy',
    l2,
    optimizer: 'adam',
    learningRate: 0.01,
    batchSize: 16,
    epochs: Math.ceil(trainSteps / 4),
    seed,
    quiet: true,
  });
  const after = gradcheck(model, data.x, data.y, base);
  correct.push({
    when: `after ${Math.ceil(trainSteps / 4) * 4} steps`,
    step: Math.ceil(trainSteps / 4) * 4,
    verdict: after.verdict,
    difference: after.difference,
    parameters: summarize(after),
  });
  return {
    network: '2 → 10 relu → dropout 0.2 → 5 tanh → 1 sigmoid, L2 λ = 0.7',
    l2,
    correct,
    thresholds: { ...atInit.thresholds },
    bugs,
    modes,
  };
}

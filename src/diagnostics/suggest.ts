import type { ActivationName } from '../nn/index.js';
import type { DiagnoseContext, FindingReport } from './types.js';
import type { LayerStatistics } from './statistics.js';

/** What a suggestion asks to change (an initializer, the inputs, the learning rate, …). */
export type SuggestionAction =
  | 'useInitializer'
  | 'normalizeInputs'
  | 'removeWeightScale'
  | 'zeroBiases'
  | 'useLeakyRelu'
  | 'useRelu'
  | 'lowerLearningRate'
  | 'useLsuv';

/** The one change the diagnosis suggests, in words and as an action. */
export interface Suggestion {
  action: SuggestionAction;
  /** The initializer named, for useInitializer. */
  initializer: string | null;
  text: string;
}

/** The variance-preserving initializer that matches an activation. */
export function initializerFor(activation: ActivationName): string {
  if (activation === 'relu' || activation === 'leakyRelu') return 'heNormal';
  if (activation === 'tanh') return 'lecunNormal';
  return 'glorotNormal';
}

const WHY: Record<string, string> = {
  heNormal: 'normal(0, √(2/fan_in)), which keeps the ReLU signal at unit variance through any depth',
  lecunNormal: 'normal(0, √(1/fan_in)), which keeps tanh inputs near unit variance, in its linear range',
  glorotNormal: 'normal(0, √(2/(fan_in+fan_out))), which balances the forward and backward variance',
};

// He and Kaiming, Glorot and Xavier, normal and uniform draws of one scheme count as the same choice.
function family(init: string): string {
  return init
    .toLowerCase()
    .replace('kaiming', 'he')
    .replace('xavier', 'glorot')
    .replace(/(normal|uniform)$/, '');
}

const inUse = (current: string, candidate: string) => family(current) === family(candidate);

function useInitializer(name: string, reason: string): Suggestion {
  return { action: 'useInitializer', initializer: name, text: `initialize with ${name}: ${reason}; ${WHY[name]}` };
}

function lowerLearningRate(rate: number | undefined, reason: string): Suggestion {
  const now = rate === undefined ? '' : ` (now ${rate}; try ${rate / 10})`;
  return { action: 'lowerLearningRate', initializer: null, text: `lower the learning rate${now}: ${reason}` };
}

/** One concrete step for the root-cause finding, never the activation, initializer or scaling already in use. */
export function suggest(
  primary: FindingReport,
  stats: readonly LayerStatistics[],
  context: DiagnoseContext,
  unnormalized: boolean,
): Suggestion {
  const first = stats[0];
  const activation = first.activation;
  const current = first.init;
  const matching = initializerFor(activation);
  const training = context.training ?? {};
  switch (primary.kind) {
    case 'symmetry':
      if (!inUse(current, matching))
        return useInitializer(
          matching,
          `a random draw gives each unit its own weights (${current} gives them all the same)`,
        );
      return {
        action: 'useInitializer',
        initializer: null,
        text: 'draw the weights again at random: they were set equal after initialization, and equal units stay equal',
      };
    case 'unnormalizedInputs': {
      const names = (primary.evidence.largestFeatures as string[]).join(', ');
      return {
        action: 'normalizeInputs',
        initializer: null,
        text:
          'standardize the inputs (StandardScaler, or --normalize standard) ' +
          'so that every feature has mean 0 and std 1; ' +
          `now ${names} dominate`,
      };
    }
    case 'largeWeights': {
      const ratio = Math.max(...(primary.evidence.weightToMatchingStd as number[]));
      if (!inUse(current, matching))
        return useInitializer(matching, `the weights are ×${ratio.toPrecision(2)} larger than its std`);
      return {
        action: 'removeWeightScale',
        initializer: null,
        text:
          `draw the weights without the extra ×${ratio.toPrecision(2)} scale (the initializer's own std is right); ` +
          'if training grew them, lower the learning rate or add L2',
      };
    }
    case 'deadUnits': {
      const biases = primary.evidence.biasMean as number[];
      const lowest = Math.min(...biases);
      if (lowest < 0)
        return {
          action: 'zeroBiases',
          initializer: null,
          text:
            `initialize the biases at 0 (or a small positive 0.01), not ${lowest}: ` +
            'a negative bias keeps z < 0 for every example',
        };
      if (activation === 'relu')
        return {
          action: 'useLeakyRelu',
          initializer: null,
          text: 'use leakyRelu (slope 0.01): a unit with z < 0 still gets a gradient and can come back',
        };
      return lowerLearningRate(training.learningRate, 'large steps push units into z < 0 for every example');
    }
    case 'saturation':
      if (training.inputsScaled === false || unnormalized)
        return {
          action: 'normalizeInputs',
          initializer: null,
          text:
            'standardize the inputs (StandardScaler, or --normalize standard): ' +
            `large raw features push ${activation} into its flat part whatever the initializer ` +
            `(${current} assumes inputs of unit variance)`,
        };
      if (!inUse(current, matching))
        return useInitializer(matching, `the weights now push ${activation}'s inputs far outside its linear range`);
      return lowerLearningRate(training.learningRate, 'the weights have grown during training (or add L2)');
    case 'explodingActivations':
    case 'vanishingActivations':
      if (!inUse(current, matching))
        return useInitializer(matching, `${current} does not preserve the variance through ${activation}`);
      return {
        action: 'useLsuv',
        initializer: null,
        text:
          'rescale each layer on a data batch to unit output variance (lsuv()): ' +
          'the scheme in use does not hold the signal on this data',
      };
    case 'vanishingGradients':
      if (activation === 'sigmoid' || activation === 'tanh')
        return {
          action: 'useRelu',
          initializer: 'heNormal',
          text:
            `use relu hidden layers with heNormal: ${activation}'s derivative ` +
            `(≤ ${activation === 'sigmoid' ? '1/4' : '1'}) shrinks the gradient at every layer`,
        };
      if (!inUse(current, matching))
        return useInitializer(matching, 'it keeps the backward signal at unit variance too');
      return {
        action: 'useLsuv',
        initializer: null,
        text: 'rescale each layer on a data batch to unit output variance (lsuv())',
      };
    case 'explodingGradients':
      if (!inUse(current, matching))
        return useInitializer(matching, 'it keeps the backward signal at unit variance too');
      return lowerLearningRate(training.learningRate, 'the first layers take steps far larger than the last');
  }
}

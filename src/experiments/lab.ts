import { loadDataset } from '../node/datasets.js';
import { runCompareInit, type CompareInitResult } from './compareInit.js';
import { runDepthExperiment, runLinearDepth, type DepthResult, type LinearDepthResult } from './depth.js';
import { runGradcheckDemo, type GradcheckDemoResult } from './gradcheckDemo.js';
import { defaultContourFeatures, runNormalizationExperiment, type NormalizationResult } from './normalization.js';

export interface Claim {
  claim: string;
  measured: string;
  holds: boolean;
}

/** Everything `gradlab demo` measures, as plain JSON (written to results.json), with the claims checked against it. */
export interface LabResults {
  format: 'gradlab.lab';
  version: 1;
  quick: boolean;
  createdAt: string;
  seconds: Record<string, number>;
  compareInit: CompareInitResult;
  depth: DepthResult;
  linearDepth: LinearDepthResult[];
  normalization: NormalizationResult;
  gradcheck: GradcheckDemoResult;
  claims: Claim[];
}

export type LabExperiment = 'compareInit' | 'depth' | 'normalization' | 'gradcheck';

export interface LabOptions {
  /** Smaller versions of every experiment (under 2 minutes on 2 cores). */
  quick?: boolean;
  seed?: number;
  /** Progress of each experiment as a fraction in [0, 1]. */
  onProgress?: (experiment: LabExperiment, fraction: number) => void;
  /** Override the sizes of single experiments (used by tests). */
  sizes?: {
    compareInitSteps?: number;
    depthEpochs?: number;
    depthRows?: number;
    depthLayers?: number;
    normalizationSteps?: number;
  };
}

const pct = (v: number | null) => (v === null ? '-' : `${(100 * v).toFixed(1)}%`);

/** Every claim of the mission, measured on real data; returns plain JSON for the report. */
export function runLab(options: LabOptions = {}): LabResults {
  const quick = options.quick ?? false;
  const seed = options.seed ?? 1;
  const sizes = options.sizes ?? {};
  const progress = options.onProgress ?? (() => {});
  const seconds: Record<string, number> = {};
  const timed = <T>(name: LabExperiment, fn: () => T): T => {
    const start = performance.now();
    progress(name, 0);
    const value = fn();
    seconds[name] = (performance.now() - start) / 1000;
    progress(name, 1);
    return value;
  };

  const steps = sizes.compareInitSteps ?? 15_000;
  const inits = ['zeros', 'large', 'he', 'xavier', 'lecun'];
  const compareInit = timed('compareInit', () =>
    runCompareInit({
      steps,
      seed,
      grid: 36,
      onStep: (init, step) => progress('compareInit', (inits.indexOf(init) + step / steps) / inits.length),
    }),
  );

  const depthEpochs = sizes.depthEpochs ?? (quick ? 10 : 30);
  const depthInits = quick ? ['heNormal', 'glorotNormal'] : ['heNormal', 'glorotNormal', 'lecunNormal', 'lsuv'];
  const depth = timed('depth', () =>
    runDepthExperiment({
      epochs: depthEpochs,
      inits: depthInits,
      rows: sizes.depthRows,
      layers: sizes.depthLayers,
      seed,
      onEpoch: (init, record) =>
        progress('depth', (depthInits.indexOf(init) + record.epoch / depthEpochs) / depthInits.length),
    }),
  );
  const linearDepth = [runLinearDepth({ scale: 1.5, layers: 20 }), runLinearDepth({ scale: 0.5, layers: 20 })];

  const normalization = timed('normalization', () =>
    runNormalizationExperiment({
      data: 'breast_cancer',
      steps: sizes.normalizationSteps ?? (quick ? 1000 : 5000),
      contourFeatures: defaultContourFeatures(loadDataset('breast_cancer')),
    }),
  );

  const gradcheck = timed('gradcheck', () => runGradcheckDemo({ seed }));

  const scheme = (key: string) => compareInit.schemes.find((s) => s.key === key);
  const zeros = scheme('zeros');
  const he = scheme('he');
  const heDepth = depth.schemes.find((s) => s.init === 'heNormal');
  const glorotDepth = depth.schemes.find((s) => s.init === 'glorotNormal');
  const heTarget = depthEpochs >= 30 ? 0.9 : 0.5;
  const speedup = normalization.speedup;
  const rawSurface = normalization.contours?.find((c) => c.setting === 'raw');
  const standardSurface = normalization.contours?.find((c) => c.setting === 'standardized');
  const caught = gradcheck.bugs.filter((b) => b.caught && b.localized).length;
  const [grows, shrinks] = linearDepth;
  const fastestStandardized = normalization.standardized.runs
    .filter((r) => r.stable && r.stepsToTarget !== null)
    .sort((a, b) => a.stepsToTarget! - b.stepsToTarget!)[0];
  const claims: Claim[] = [
    {
      claim: 'zeros initialization stays at chance on circles (symmetry is never broken)',
      measured: `train ${pct(zeros?.trainAccuracy ?? null)}, test ${pct(zeros?.testAccuracy ?? null)}`,
      holds: !!zeros && Math.abs(zeros.trainAccuracy - 0.5) <= 0.05,
    },
    {
      claim: 'He initialization reaches ≥ 95% training accuracy on circles',
      measured: `train ${pct(he?.trainAccuracy ?? null)}, test ${pct(he?.testAccuracy ?? null)}`,
      holds: !!he && he.trainAccuracy >= 0.95,
    },
    {
      claim:
        `a ${depth.layers}-layer ReLU network trains with He (≥ ${pct(heTarget)}) ` +
        'and stalls near chance with Xavier/Glorot',
      measured:
        `He ${pct(heDepth?.finalAccuracy ?? null)}, Glorot ${pct(glorotDepth?.finalAccuracy ?? null)} ` +
        `after ${depthEpochs} epochs (chance ${pct(depth.chance)})`,
      holds:
        !!heDepth &&
        !!glorotDepth &&
        (heDepth.finalAccuracy ?? 0) >= heTarget &&
        (glorotDepth.finalAccuracy ?? 1) <= depth.chance + 0.1,
    },
    {
      claim: 'with W = 1.5·I the output grows like 1.5^L, with 0.5·I it shrinks like 0.5^L',
      measured:
        `after 20 layers: ${grows.magnitude[19].toPrecision(6)} (1.5^20 = ${(1.5 ** 20).toPrecision(6)}), ` +
        `${shrinks.magnitude[19].toExponential(4)} (0.5^20); ` +
        `largest relative error ${Math.max(grows.maxRelativeError, shrinks.maxRelativeError).toExponential(1)}`,
      holds: linearDepth.every((r) => r.maxRelativeError < 1e-9),
    },
    {
      claim: 'standardized breast_cancer features converge ≥ 20× faster in steps than raw ones',
      measured: speedup
        ? `${speedup.lowerBound ? '≥ ' : ''}${speedup.factor.toFixed(0)}× ` +
          `(raw best cost ${normalization.raw.best?.finalCost.toFixed(3)} in ${normalization.steps} steps; ` +
          `standardized reaches ${normalization.target} in ${fastestStandardized?.stepsToTarget} steps)`
        : 'standardized never reached the target',
      holds: !!speedup && speedup.factor >= 20,
    },
    {
      claim:
        'on raw features the cost surface over two weights is an elongated valley (condition number κ ≥ 50), ' +
        'standardized it is nearly round (κ ≤ 2)',
      measured:
        rawSurface && standardSurface
          ? `κ = ${rawSurface.conditionNumber.toPrecision(3)} raw, ` +
            `${standardSurface.conditionNumber.toPrecision(3)} standardized ` +
            `(${rawSurface.features.join(' and ')}, exact Hessian at the minimum)`
          : 'no contours computed',
      holds:
        !!rawSurface && !!standardSurface && rawSurface.conditionNumber >= 50 && standardSurface.conditionNumber <= 2,
    },
    {
      claim: 'the correct network passes the gradient check at initialization and after training',
      measured: gradcheck.correct.map((c) => `${c.when}: ${c.verdict} (${c.difference.toExponential(1)})`).join('; '),
      holds: gradcheck.correct.every((c) => c.verdict === 'pass'),
    },
    {
      claim: 'every planted bug is caught and blamed on the right tensor',
      measured:
        `${caught} of ${gradcheck.bugs.length} ` +
        '(kinds scale, swap, drop-l2, sign on every tensor; full and directional modes)',
      holds: caught === gradcheck.bugs.length,
    },
  ];
  return {
    format: 'gradlab.lab',
    version: 1,
    quick,
    createdAt: new Date().toISOString(),
    seconds,
    compareInit,
    depth,
    linearDepth,
    normalization,
    gradcheck,
    claims,
  };
}

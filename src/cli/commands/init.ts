import type { Command } from 'commander';
import { runDepthExperiment, runLinearDepth } from '../../experiments/depth.js';
import { sampleInitializer } from '../../experiments/initSample.js';
import { INITIALIZER_NAMES } from '../../init/index.js';
import { assertParameterCount } from '../../nn/index.js';
import { writeFileAtomic } from '../../node/atomicWrite.js';
import { fraction, integer, intList, number, positive, positiveInt, stringList } from '../parse.js';
import { fmt, pct, printLine, printTable } from '../print.js';
import { printResult } from '../taskFlags.js';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('draw a weight from an initializer: formula, promised std, empirical statistics and a histogram')
    .requiredOption('--scheme <name>', `initializer (${INITIALIZER_NAMES.join(', ')})`)
    .option('--shape <out,in>', 'weight shape [out, in] (PyTorch layout)', intList, [256, 784])
    .option('--seed <n>', 'seed', integer, 1)
    .option('--json', 'print JSON')
    .action((flags: { scheme: string; shape: number[]; seed: number; json?: boolean }) => {
      assertParameterCount(
        flags.shape.reduce((a, b) => a * b, 1),
        undefined,
        `--shape ${flags.shape.join(',')}`,
      );
      const r = sampleInitializer(flags.scheme, flags.shape, flags.seed);
      if (flags.json) return printResult('init', r);
      printLine(`${r.scheme} for a weight of shape [${r.shape.join(', ')}]: ${r.formula}`);
      printLine(
        `expected std ${fmt(r.expectedStd, 6)}; ` +
          `empirical mean ${fmt(r.mean, 4)}, std ${fmt(r.std, 6)}, min ${fmt(r.min)}, max ${fmt(r.max)}`,
      );
      const peak = Math.max(...r.histogram.map((b) => b.count));
      for (const bin of r.histogram) {
        printLine(
          `${fmt(bin.from, 3).padStart(10)} … ${fmt(bin.to, 3).padEnd(10)} ` +
            `${'█'.repeat(Math.round((40 * bin.count) / (peak || 1)))} ${bin.count}`,
        );
      }
    });

  program
    .command('depth')
    .description(
      'how initialization decides whether a deep network trains (He et al. 2015, Fig. 3), ' +
        'or --linear: the scale^L example',
    )
    .option('--linear', 'the linear demo: W = scale·I in every layer')
    .option('--scale <s>', 'with --linear: the scale of W = s·I', number, 1.5)
    .option('--layers <n>', 'depth', positiveInt, 30)
    .option('--width <n>', 'hidden width', positiveInt, 64)
    .option('--activation <name>', 'hidden activation', 'relu')
    .option('--inits <a,b,...>', 'initializers to compare (lsuv too)', stringList, [
      'heNormal',
      'glorotNormal',
      'lecunNormal',
    ])
    .option('--data <name|file.csv>', 'dataset', 'digits')
    .option('--epochs <n>', 'epochs', positiveInt, 30)
    .option('--lr <rate>', 'learning rate (SGD with momentum)', positive, 0.003)
    .option('--momentum <m>', 'momentum', fraction, 0.9)
    .option('--batch-size <n>', 'mini-batch size', positiveInt, 64)
    .option('--seed <n>', 'seed', integer, 1)
    .option('--json', 'print JSON')
    .option('--out <results.json>', 'write the full results as JSON (atomically)')
    .action(
      (flags: {
        out?: string;
        linear?: boolean;
        scale: number;
        layers: number;
        width: number;
        activation: string;
        inits: string[];
        data: string;
        epochs: number;
        lr: number;
        momentum: number;
        batchSize: number;
        seed: number;
        json?: boolean;
      }) => {
        // Before building: each of the layers holds at least one weight (width × width + width without --linear).
        const perLayer = flags.linear ? 1 : flags.width * (flags.width + 1);
        assertParameterCount(flags.layers * perLayer, undefined, `depth: ${flags.layers} layers`);
        if (flags.linear) {
          const r = runLinearDepth({ scale: flags.scale, layers: flags.layers });
          if (flags.out) writeFileAtomic(flags.out, `${JSON.stringify(r)}\n`);
          if (flags.json) return printResult('depth.linear', r);
          printLine(
            `linear network, W = ${r.scale}·I in each of ${r.layers} layers: ` +
              `the output is ${r.scale}^L times the input`,
          );
          printTable(
            ['layer l', '‖a[l]‖/‖x‖', `${r.scale}^l`],
            r.magnitude.map((m, l) => [l + 1, fmt(m, 8), fmt(r.expected[l], 8)]),
          );
          if (r.overflowLayer !== null)
            printLine(
              `the activations overflow float64 (largest ≈ 1.8e308) at layer ${r.overflowLayer}: ` +
                'from there ‖a[l]‖ is ' +
                "Infinity, or NaN where Infinity meets the zeros of s·I: the format's limit, not a measurement",
            );
          if (r.underflowLayer !== null)
            printLine(
              `the activations underflow float64 (smallest normal ≈ 2.2e-308) at layer ${r.underflowLayer}: ` +
                "from there they lose precision, then become 0: the format's limit, not a measurement",
            );
          const limit = r.overflowLayer ?? r.underflowLayer;
          const over = limit === null ? '' : ` (layers 1–${limit - 1}, within float64's range)`;
          printLine(`largest relative error ${r.maxRelativeError.toExponential(1)}${over}`);
          return;
        }
        const r = runDepthExperiment({
          data: flags.data,
          layers: flags.layers,
          width: flags.width,
          activation: flags.activation,
          inits: flags.inits,
          epochs: flags.epochs,
          learningRate: flags.lr,
          momentum: flags.momentum,
          batchSize: flags.batchSize,
          seed: flags.seed,
          onEpoch: flags.json
            ? undefined
            : (init, e) =>
                process.stderr.write(
                  `\r${init}: epoch ${e.epoch}/${flags.epochs}, loss ${fmt(e.loss)}, accuracy ${pct(e.accuracy)}   `,
                ),
        });
        if (!flags.json) process.stderr.write('\n');
        if (flags.out) writeFileAtomic(flags.out, `${JSON.stringify(r)}\n`);
        if (flags.json) return printResult('depth', r);
        printLine(
          `${r.dataset}: ${r.layers} layers (${r.layers - 1} ${r.activation} of width ${r.width}, then softmax); ` +
            `SGD lr ${r.learningRate}, momentum ${r.momentum}, batch ${r.batchSize}, ` +
            `${r.epochs} epochs (chance ${pct(r.chance)})`,
        );
        const picks = reportedHiddenLayers(r.layers - 1);
        printTable(
          ['init', ...picks.map((p) => `act std L${p + 1}`), 'grad ‖dW1‖', 'final loss', 'train accuracy'],
          r.schemes.map((s) => [
            s.init,
            ...picks.map((p) => fmt(s.activationStd[p])),
            fmt(s.gradientNorm[0]),
            fmt(s.finalLoss),
            pct(s.finalAccuracy),
          ]),
        );
      },
    );
}

/**
 * The hidden layers whose activation std the depth table shows (0-based): four evenly spaced from the
 * first to the last, each once, so a network with fewer than four hidden layers shows all it has (none
 * for a single output layer) and every header has its column.
 */
export function reportedHiddenLayers(hidden: number): number[] {
  const picks = [0, 1, 2, 3].map((i) => Math.round((i * (hidden - 1)) / 3));
  return [...new Set(picks)].filter((p) => p >= 0 && p < hidden);
}

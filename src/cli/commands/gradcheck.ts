import type { Command } from 'commander';
import type { TaskKind } from '../../data/task.js';
import { GRADCHECK_BATCH_SIZE, runGradcheck } from '../../pipeline/gradcheckRun.js';
import { writeFileAtomic } from '../../node/atomicWrite.js';
import { DEFAULT_EPSILON, formatReport, parseBug, parseEpsilon, type GradcheckReport } from '../../gradcheck/index.js';
import { choice, fraction, integer, nonNegative, nonNegativeInt, positiveInt, positiveIntOrAuto } from '../parse.js';
import { modelOrArchitectureFlags, refuseArchitectureWithModel } from '../modelFlags.js';
import { printLine } from '../print.js';
import { printResult } from '../taskFlags.js';
import type { InputColumns } from '../../pipeline/inputColumns.js';

interface GradcheckFlags extends InputColumns {
  model?: string;
  data: string;
  label: string;
  layers: number[];
  activation: string;
  init: string;
  loss?: string;
  task?: TaskKind;
  l2?: number;
  dropoutRate: number;
  batchSize: number;
  trainSteps: number;
  mode: 'full' | 'sampled' | 'directional';
  epsilon?: string;
  dropout: 'off' | 'frozen';
  samples: number;
  directions: number;
  injectBug?: string;
  workers: number | 'auto';
  seed: number;
  json?: boolean;
  out?: string;
  includeValues?: boolean;
}

export function registerGradcheck(program: Command): void {
  modelOrArchitectureFlags(
    program
      .command('gradcheck')
      .description(
        "check a model's gradients against two-sided differences in float64; " +
          'exit code 1 on suspect, inconclusive or fail (usable as a CI gate)',
      ),
  )
    .option('--loss <name>', 'loss (without --model; default from the labels)')
    .option('--l2 <lambda>', "L2 λ (default: the model's)", nonNegative)
    .option('--dropout-rate <rate>', 'dropout after each hidden layer (without --model)', fraction, 0)
    .option('--batch-size <rows>', 'rows of the batch the objective is computed on', positiveInt, GRADCHECK_BATCH_SIZE)
    .option('--train-steps <n>', 'train this many steps first, then check', nonNegativeInt, 0)
    .option(
      '--mode <mode>',
      'full, sampled or directional',
      choice(['full', 'sampled', 'directional'] as const),
      'full',
    )
    .option(
      '--epsilon <eps|auto>',
      'step of the two-sided difference, a positive number or auto ' +
        '(per tensor, the step minimizing estimated truncation + rounding) ' +
        `(default: ${DEFAULT_EPSILON}; of fixed steps, 1e-6 rounds less than the course's 1e-7)`,
    )
    .option('--dropout <mode>', 'off, or frozen (one mask reused)', choice(['off', 'frozen'] as const), 'off')
    .option('--samples <k>', 'sampled mode: top-|g| and random entries per tensor', positiveInt, 5)
    .option('--directions <k>', 'directional mode: random directions per tensor', positiveInt, 1)
    .option('--inject-bug <param:kind>', 'plant a known bug (kinds: scale, swap, drop-l2, sign) to see it caught')
    .option(
      '--workers <n|auto>',
      'threads of a full check: this one and n − 1 worker threads, or auto (by the number of parameters)',
      positiveIntOrAuto,
      'auto',
    )
    .option('--seed <n>', 'seed', integer, 1)
    .option('--json', 'print the report as JSON')
    .option('--out <report.json>', 'write the report as JSON (atomically)')
    .option('--include-values', "with --json: each parameter's analytic and numeric arrays")
    .action((flags: GradcheckFlags, command: Command) => {
      refuseArchitectureWithModel(command, [
        'layers',
        'activation',
        'init',
        'loss',
        'task',
        'dropoutRate',
        'features',
        'categorical',
        'missing',
      ]);
      const epsilon = flags.epsilon === undefined ? undefined : parseEpsilon(flags.epsilon);
      const report: GradcheckReport = runGradcheck({
        model: flags.model,
        data: flags.data,
        label: flags.label,
        layers: flags.layers,
        activation: flags.activation,
        init: flags.init,
        loss: flags.loss,
        task: flags.task,
        features: flags.features,
        categorical: flags.categorical,
        missing: flags.missing,
        l2: flags.l2,
        dropoutRate: flags.dropoutRate,
        batchSize: flags.batchSize,
        trainSteps: flags.trainSteps,
        mode: flags.mode,
        epsilon,
        dropout: flags.dropout,
        samples: flags.samples,
        directions: flags.directions,
        includeValues: flags.includeValues,
        injectBug: flags.injectBug ? parseBug(flags.injectBug) : null,
        workers: flags.workers,
        seed: flags.seed,
      });
      if (flags.out) writeFileAtomic(flags.out, `${JSON.stringify(report)}\n`);
      if (flags.json) printResult('gradcheck', report);
      else {
        printLine(formatReport(report));
        if (report.bug)
          printLine(
            `planted bug: ${report.bug.parameter} ${report.bug.kind} ` +
              `(${report.bug.effect}; size ‖g_bug − g‖/‖g‖ = ${report.bug.size.toExponential(2)})`,
          );
      }
      if (report.verdict === 'suspect' || report.verdict === 'inconclusive' || report.verdict === 'fail')
        process.exitCode = 1;
    });
}

import type { Command } from 'commander';
import type { TaskKind } from '../../data/task.js';
import { diagnoseNetwork, formatDiagnosis } from '../../diagnostics/index.js';
import { buildMlp, type LossName, type Sequential } from '../../nn/index.js';
import { createScaler, loadTrainedModel, type NormalizeMode } from '../../pipeline/trainedModel.js';
import type { InputColumns } from '../../pipeline/inputColumns.js';
import { datasetForTask } from '../../pipeline/taskData.js';
import { loadTable } from '../../pipeline/tables.js';
import { modelBatch } from '../../pipeline/modelBatch.js';
import { encodedFeatureNames } from '../../data/encoding.js';
import type { Tensor } from '../../tensor/index.js';
import { modelOrArchitectureFlags, refuseArchitectureWithModel } from '../modelFlags.js';
import { choice, number, positiveInt } from '../parse.js';
import { printLine } from '../print.js';
import { printResult } from '../taskFlags.js';

interface DiagnoseFlags extends InputColumns {
  model?: string;
  data: string;
  label: string;
  layers: number[];
  activation: string;
  init: string;
  normalize: NormalizeMode;
  task?: TaskKind;
  optimizer?: string;
  lr?: number;
  rows: number;
  seed: number;
  json?: boolean;
}

export function registerDiagnose(program: Command): void {
  modelOrArchitectureFlags(
    program
      .command('diagnose')
      .description(
        'measure a network on a batch of data (per-layer scale, saturation, dead units, gradients) ' +
          'and name what keeps it from training, with one suggestion',
      ),
  )
    .option(
      '--normalize <mode>',
      'input scaling (without --model): standard, minmax or none',
      choice(['standard', 'minmax', 'none'] as const),
      'standard',
    )
    .option('--optimizer <name>', 'the optimizer you train with (so the suggestion fits it)')
    .option('--lr <rate>', 'the learning rate you train with', number)
    .option('--rows <n>', 'rows of the batch measured', positiveInt, 256)
    .option('--seed <n>', 'seed of the initial weights (without --model)', number, 1)
    .option('--json', 'print the statistics and the diagnosis as JSON')
    .action((flags: DiagnoseFlags, command: Command) => {
      refuseArchitectureWithModel(command, [
        'layers',
        'activation',
        'init',
        'normalize',
        'task',
        'seed',
        'features',
        'categorical',
        'missing',
      ]);
      const subject = flags.model ? savedModel(flags.model, flags.data, flags.seed) : newModel(flags);
      const result = diagnoseNetwork(subject.model, subject.x, subject.y, {
        loss: subject.loss,
        l2: subject.l2,
        featureNames: subject.featureNames,
        optimizer: flags.optimizer,
        learningRate: flags.lr,
        inputsScaled: subject.scaled,
        batchRows: flags.rows,
      });
      if (flags.json) printResult('diagnose', result);
      else printLine(formatDiagnosis(result.layers, result.diagnosis));
    });
}

interface Subject {
  model: Sequential;
  x: Tensor;
  y: Tensor;
  loss: LossName;
  l2: number;
  scaled: boolean;
  featureNames: readonly string[] | undefined;
}

/** A saved model on its data: features matched by name, its scaler and target scaling applied. */
function savedModel(path: string, spec: string, seed: number): Subject {
  const trained = loadTrainedModel(path);
  // The model's own columns, encodings, classes and label: never the file re-read on its own terms.
  const { x, y } = modelBatch(trained, loadTable(spec, { seed }).table);
  return {
    model: trained.model,
    x,
    y,
    loss: trained.loss,
    l2: trained.l2,
    scaled: trained.scaler !== null,
    featureNames: trained.inputs ? encodedFeatureNames(trained.inputs) : undefined,
  };
}

/** A new network with the flags' architecture and initializer, inputs scaled as --normalize says. */
function newModel(flags: DiagnoseFlags): Subject {
  const { data, loss } = datasetForTask(flags.data, {
    label: flags.label,
    seed: flags.seed,
    task: flags.task,
    features: flags.features,
    categorical: flags.categorical,
    missing: flags.missing,
  });
  const scaler = createScaler(flags.normalize, data.featureNames);
  scaler?.fit(data.x);
  const model = buildMlp({
    inputSize: data.x.shape[1],
    hidden: flags.layers,
    outputs: data.classes ? data.classes.length : (data.y.shape[1] ?? 1),
    loss,
    activation: flags.activation,
    init: flags.init,
    seed: flags.seed,
  });
  const x = scaler ? scaler.transform(data.x) : data.x;
  return { model, x, y: data.y, loss, l2: 0, scaled: scaler !== null, featureNames: data.featureNames };
}

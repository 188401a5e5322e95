import type { Command } from 'commander';
import { EXCHANGE_FORMATS, exportModel, type ExchangeFormat } from '../../exchange/files.js';
import type { DType } from '../../tensor/index.js';
import { choice } from '../parse.js';
import { printLine } from '../print.js';
import { printResult } from '../taskFlags.js';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write a saved model as ONNX or a TF.js Layers model that takes raw features (scalers folded in)')
    .requiredOption('--model <model.json>', 'a model file written by gradlab train')
    .requiredOption('--format <format>', 'onnx or tfjs', choice(EXCHANGE_FORMATS))
    .requiredOption('--out <path>', 'the .onnx file, or the folder for model.json and its weight shard')
    .option('--dtype <dtype>', "ONNX only: float32 or float64 (default: the model's)", choice(['float32', 'float64']))
    .option('--json', 'print JSON')
    .action((flags: { model: string; format: ExchangeFormat; out: string; dtype?: DType; json?: boolean }) => {
      const result = exportModel(flags.model, { format: flags.format, out: flags.out, dtype: flags.dtype });
      if (flags.json) return printResult('export', { model: flags.model, ...result });
      printLine(
        `wrote ${result.path} (${result.format}, ${result.dtype}): ` +
          `${result.inputSize} raw features in, ${result.outputs} out`,
      );
    });
}

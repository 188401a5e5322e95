import type { Command } from 'commander';
import { importModel } from '../../exchange/files.js';
import { printLine } from '../print.js';
import { printResult } from '../taskFlags.js';

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('read an ONNX MLP or a TF.js / Keras Sequential model as a gradlab model file')
    .requiredOption('--from <model.onnx|model.json|folder>', 'an .onnx file, or a TF.js model.json (or its folder)')
    .requiredOption('--out <model.json>', 'where to write the gradlab model file (atomically)')
    .option('--json', 'print JSON')
    .action((flags: { from: string; out: string; json?: boolean }) => {
      const { trained, format } = importModel(flags.from, { out: flags.out });
      const summary = {
        from: flags.from,
        format,
        out: flags.out,
        dtype: trained.model.dtype,
        inputSize: trained.model.inputSize,
        layers: trained.model.layerConfigs().map((c) => c.type),
        task: trained.task,
        loss: trained.loss,
        classes: trained.classes,
      };
      if (flags.json) return printResult('import', summary);
      printLine(
        `wrote ${flags.out}: ${format} ${trained.model.dtype} network, ${summary.inputSize} inputs (by position), ` +
          `${summary.layers.join(' → ')}; ${trained.task} (${trained.loss})`,
      );
    });
}

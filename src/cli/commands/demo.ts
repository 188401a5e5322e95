import type { Command } from 'commander';
import { type LabResults, runLab } from '../../experiments/lab.js';
import { runCompareInit } from '../../experiments/compareInit.js';
import { writeFileAtomic } from '../../node/atomicWrite.js';
import { writeReport } from '../../report/writeReport.js';
import { integer, positive, positiveInt, stringList } from '../parse.js';
import { pct, printLine, printTable } from '../print.js';
import { printResult } from '../taskFlags.js';
import { taskProgress } from '../progressBars.js';

const NAMES = {
  compareInit: 'initialization (circles)',
  depth: 'depth (digits)',
  normalization: 'normalization (breast_cancer)',
  gradcheck: 'gradient checking',
};

interface CompareInitFlags {
  data: string;
  steps: number;
  lr: number;
  inits?: string[];
  seed: number;
  out?: string;
  json?: boolean;
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run the lab on bundled data: every claim measured, and a self-contained HTML report')
    .option('--out <dir>', 'report folder (index.html and results.json)', 'gradlab-report')
    .option('--quick', 'smaller experiments (under 2 minutes on 2 cores)')
    .option('--seed <n>', 'seed', integer, 1)
    .option('--json', 'print the results as JSON instead of the summary')
    .action(async (flags: { out: string; quick?: boolean; seed: number; json?: boolean }) => {
      const started = performance.now();
      const progress = taskProgress(NAMES, flags.json);
      let results: LabResults;
      try {
        results = runLab({ quick: flags.quick, seed: flags.seed, onProgress: (task, f) => progress.update(task, f) });
      } finally {
        progress.stop();
      }
      const report = await writeReport(results, flags.out);
      if (flags.json) return printResult('demo', results);
      printTable(
        ['claim', 'measured', 'holds'],
        results.claims.map((c) => [c.claim, c.measured, c.holds ? 'yes' : 'NO']),
      );
      printLine(
        `report: ${report.html} (${report.plots} plots), results: ${report.json}; ` +
          `${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
      if (results.claims.some((c) => !c.holds)) process.exitCode = 1;
    });

  program
    .command('compare-init')
    .description(
      "the course's initialization experiment: [2,10,5,1] ReLU on two circles with zeros, randn·10, He, Xavier, LeCun",
    )
    .option('--data <name|file.csv>', 'a 2-feature binary dataset: circles, moons, spirals, xor, or a CSV', 'circles')
    .option('--steps <n>', 'gradient-descent steps', positiveInt, 15000)
    .option('--lr <rate>', 'learning rate', positive, 0.01)
    .option(
      '--inits <a,b,...>',
      "initializations: the course's zeros, large (randn·10), he, xavier, lecun, " +
        "or initializer names (default: the course's five)",
      stringList,
    )
    .option('--seed <n>', 'seed', integer, 1)
    .option('--out <results.json>', 'write the full results (with decision boundaries) as JSON')
    .option('--json', 'print JSON')
    .action((flags: CompareInitFlags) => {
      const progress = taskProgress({ compareInit: `initialization (${flags.data})` }, flags.json);
      const r = runCompareInit({
        data: flags.data,
        steps: flags.steps,
        learningRate: flags.lr,
        inits: flags.inits,
        seed: flags.seed,
        onStep: (_init, step) => progress.update('compareInit', step / flags.steps),
      });
      progress.stop();
      if (flags.out) writeFileAtomic(flags.out, `${JSON.stringify(r)}\n`);
      if (flags.json)
        return printResult('compare-init', { ...r, schemes: r.schemes.map(({ boundary: _b, ...s }) => s) });
      printTable(
        ['initialization', 'final cost', 'train', 'test'],
        r.schemes.map((s) => [s.label, s.finalCost.toFixed(4), pct(s.trainAccuracy), pct(s.testAccuracy)]),
      );
    });
}

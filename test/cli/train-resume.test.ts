import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, run } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'gradlab-resume-'));
const path = (name: string) => join(dir, name);
const parameters = (file: string) => JSON.parse(readFileSync(file, 'utf8')).network.parameters;

// A run long enough to pass through every kind of state: a step schedule that changes the rate at
// epoch 2 and 4, dropout masks drawn from their own stream, shuffled mini-batches, early stopping.
const settings = (optimizer: string) => [
  '--data',
  'circles',
  '--optimizer',
  optimizer,
  '--lr',
  '0.05',
  '--dropout',
  '0.2',
  '--schedule',
  'step',
  '--step-size',
  '2',
  '--gamma',
  '0.5',
  '--batch-size',
  '32',
  '--early-stopping-patience',
  '20',
  '--quiet',
];

describe('gradlab train --checkpoint-every / --resume', () => {
  for (const optimizer of ['sgd', 'momentum', 'adam']) {
    it(`${optimizer}: a run interrupted after epoch 3 and resumed ends bit for bit where the whole run ends`, async () => {
      await run(['train', ...settings(optimizer), '--epochs', '7', '--save', path(`whole-${optimizer}.json`)]);
      // The interrupted run: it stops after epoch 3, leaving its last checkpoint behind.
      const checkpoint = path(`checkpoint-${optimizer}.json`);
      await run([
        'train',
        ...settings(optimizer),
        '--epochs',
        '3',
        '--checkpoint-every',
        '1',
        '--checkpoint',
        checkpoint,
      ]);
      expect(JSON.parse(readFileSync(checkpoint, 'utf8')).trainingState.epoch).toBe(3);
      const out = await run([
        'train',
        '--resume',
        checkpoint,
        '--epochs',
        '7',
        '--quiet',
        '--save',
        path(`resumed-${optimizer}.json`),
        '--history',
        path(`history-${optimizer}.csv`),
      ]);
      expect(out).toContain('after epoch 3');
      const whole = parameters(path(`whole-${optimizer}.json`));
      const resumed = parameters(path(`resumed-${optimizer}.json`));
      expect(Object.keys(resumed)).toEqual(Object.keys(whole));
      for (const name of Object.keys(whole)) expect(resumed[name].data).toEqual(whole[name].data);
      // The history holds every epoch, the ones before the interruption included, with the schedule's rates.
      const rows = readFileSync(path(`history-${optimizer}.csv`), 'utf8')
        .trim()
        .split('\n');
      expect(rows[0].split(',')).toContain('learningRate');
      expect(rows).toHaveLength(8);
      const rate = rows[0].split(',').indexOf('learningRate');
      expect(rows.slice(1).map((r) => Number(r.split(',')[rate]))).toEqual([
        0.05, 0.05, 0.025, 0.025, 0.0125, 0.0125, 0.00625,
      ]);
    });
  }

  it('a run killed mid-training resumes from its last atomic checkpoint to the same parameters', async () => {
    const args = [...settings('adam'), '--epochs', '40', '--data', 'spirals', '--layers', '32,32'];
    await run(['train', ...args, '--save', path('whole-killed.json')]);
    const checkpoint = path('killed.json');
    const child = spawn(process.execPath, [bin, 'train', ...args, '--checkpoint-every', '1', '--save', checkpoint]);
    // Killed once a checkpoint exists, wherever it is then: whatever epoch it had reached, the resumed result is the same.
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (existsSync(checkpoint) || child.exitCode !== null) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve();
        }
      }, 5);
    });
    await new Promise((resolve) => child.on('close', resolve));
    const state = JSON.parse(readFileSync(checkpoint, 'utf8')).trainingState;
    if (state) {
      expect(state.epoch).toBeGreaterThanOrEqual(1);
      await run(['train', '--resume', checkpoint, '--quiet', '--save', path('resumed-killed.json')]);
      expect(parameters(path('resumed-killed.json'))).toEqual(parameters(path('whole-killed.json')));
    } else {
      // The run finished before the kill: the final model (no training state) is the whole run's.
      expect(parameters(checkpoint)).toEqual(parameters(path('whole-killed.json')));
    }
  });

  it("refuses a resume whose flags contradict the checkpoint, data that is not the checkpoint's, and a finished model", async () => {
    const checkpoint = path('refuse.json');
    await run([
      'train',
      ...settings('adam'),
      '--epochs',
      '2',
      '--checkpoint-every',
      '2',
      '--checkpoint',
      checkpoint,
      '--save',
      path('done.json'),
    ]);
    await expect(run(['train', '--resume', checkpoint, '--optimizer', 'sgd'])).rejects.toThrow(
      /optimizer is "adam" in the checkpoint, "sgd" here/,
    );
    await expect(run(['train', '--resume', checkpoint, '--lr', '0.1'])).rejects.toThrow(
      /learningRate is 0.05 in the checkpoint, 0.1 here/,
    );
    await expect(run(['train', '--resume', checkpoint, '--schedule', 'exponential', '--gamma', '0.9'])).rejects.toThrow(
      /schedule/,
    );
    await expect(run(['train', '--resume', checkpoint, '--data', 'moons'])).rejects.toThrow(
      /not the data the checkpoint was trained on/,
    );
    await expect(run(['train', '--resume', path('done.json')])).rejects.toThrow(/no trainingState/);
    // Repeating the checkpoint's own settings is allowed.
    await run(['train', '--resume', checkpoint, '--optimizer', 'adam', '--lr', '0.05', '--epochs', '3', '--quiet']);
  });

  it('checks the schedule and checkpoint flags', async () => {
    await expect(run(['train', '--data', 'circles', '--schedule', 'step'])).rejects.toThrow(
      /stepSize \(--step-size\) must be/,
    );
    await expect(
      run(['train', '--data', 'circles', '--schedule', 'exponential', '--decay-rate', '0.1']),
    ).rejects.toThrow(/--decay-rate belongs to --schedule inverseTime/);
    await expect(run(['train', '--data', 'circles', '--checkpoint-every', '2'])).rejects.toThrow(
      /needs a file to write/,
    );
    await expect(
      run(['train', '--data', 'circles', '--patience', '2', '--early-stopping-patience', '3']),
    ).rejects.toThrow(/give one/);
    await expect(run(['train'])).rejects.toThrow(/--data/);
  });
});

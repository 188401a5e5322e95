/**
 * The diagnosis corpus: `--calibrate` trains every state under the outcome protocol and writes the
 * labels to test/fixtures/diagnostics-corpus.json; without it, prints the confusion table (label from
 * the outcome vs the diagnosis' first finding) for the tuning and held-out parts.
 *
 *   npm run diagnostics:corpus               # the confusion tables (seconds)
 *   npm run diagnostics:corpus -- --calibrate  # re-train every state and re-label (minutes)
 *   npm run diagnostics:corpus -- --verbose    # also each state's findings and evidence
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SGD, diagnoseNetwork, fit, writeFileAtomic } from '../src/index.js';
import { PROTOCOL, buildState, corpus, id, INTENT, type StateSpec } from '../test/diagnostics/corpus.js';

const FIXTURE = fileURLToPath(new URL('../test/fixtures/diagnostics-corpus.json', import.meta.url));

interface Entry {
  id: string;
  spec: StateSpec;
  intent: string;
  finalAccuracy: number;
  finalLoss: number;
  trained: boolean;
  /** 'healthy' when it trained to the target; else the intent (or 'unhealthy' for a healthy intent that failed). */
  label: string;
}

function calibrate(): void {
  const entries: Entry[] = [];
  for (const split of ['tuning', 'heldOut'] as const) {
    for (const spec of corpus(split)) {
      const state = buildState(spec);
      const history = fit(state.model, state.x, state.y, {
        loss: state.loss,
        optimizer: new SGD({ learningRate: PROTOCOL.learningRate, momentum: PROTOCOL.momentum }),
        epochs: PROTOCOL.epochs,
        batchSize: PROTOCOL.batchSize,
        seed: spec.seed,
        quiet: true,
      });
      const last = history.epochs[history.epochs.length - 1];
      const accuracy = last?.accuracy ?? 0;
      const trained = Number.isFinite(last?.loss) && accuracy >= PROTOCOL.target[spec.dataset];
      const intent = INTENT[spec.kind];
      const label = trained ? 'healthy' : intent === 'healthy' ? 'unhealthy' : intent;
      entries.push({
        id: id(spec),
        spec,
        intent,
        finalAccuracy: accuracy,
        finalLoss: last?.loss ?? NaN,
        trained,
        label,
      });
      console.log(`${id(spec).padEnd(44)} accuracy ${accuracy.toFixed(3)}  → ${label}`);
    }
  }
  writeFileAtomic(FIXTURE, `${JSON.stringify({ protocol: PROTOCOL, entries }, null, 1)}\n`);
}

export function loadLabels(): Map<string, Entry> {
  const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { entries: Entry[] };
  return new Map(fixture.entries.map((e) => [e.id, e]));
}

function table(split: 'tuning' | 'heldOut', verbose: boolean): void {
  const labels = loadLabels();
  const counts = new Map<string, Map<string, number>>();
  const found = new Set<string>();
  let agree = 0;
  let total = 0;
  for (const spec of corpus(split)) {
    const state = buildState(spec);
    const { diagnosis, layers } = diagnoseNetwork(state.model, state.probe.x, state.probe.y, {
      loss: state.loss,
      featureNames: state.featureNames,
      ...state.settings,
    });
    const label = labels.get(id(spec))?.label ?? '(no label)';
    const first: string = diagnosis.findings[0]?.kind ?? 'healthy';
    const row = counts.get(label) ?? new Map<string, number>();
    row.set(first, (row.get(first) ?? 0) + 1);
    counts.set(label, row);
    found.add(first);
    total++;
    if (first === label || (label === 'unhealthy' && first !== 'healthy')) agree++;
    if (verbose) {
      console.log(
        `\n${id(spec)}  label ${label}  found ${diagnosis.findings.map((f) => f.kind).join(', ') || 'healthy'}`,
      );
      for (const f of diagnosis.findings) console.log(`  ${f.kind}: ${f.message}`);
      if (diagnosis.suggestion) console.log(`  → ${diagnosis.suggestion}`);
      console.log(`  z rms ${layers.map((s) => s.preActivationRms.toPrecision(2)).join(' ')}`);
    }
  }
  const columns = [...found].sort();
  console.log(
    `\n${split}: ${agree}/${total} states get the label's finding first (rows: label from training; columns: first finding)\n`,
  );
  console.log(`| label \\ found | ${columns.join(' | ')} |`);
  console.log(`| --- | ${columns.map(() => '---').join(' | ')} |`);
  for (const [label, row] of [...counts].sort())
    console.log(`| ${label} | ${columns.map((c) => row.get(c) ?? '').join(' | ')} |`);
}

const args = process.argv.slice(2);
if (args.includes('--calibrate')) calibrate();
else for (const split of ['tuning', 'heldOut'] as const) table(split, args.includes('--verbose'));

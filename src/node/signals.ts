import { constants } from 'node:os';
import { removeTempFiles, watchTempFiles } from './atomicWrite.js';

type CleanupSignal = 'SIGINT' | 'SIGTERM';
const SIGNALS: readonly CleanupSignal[] = ['SIGINT', 'SIGTERM'];

let armed = false;
let generation = 0;

function onSignal(signal: CleanupSignal): void {
  removeTempFiles();
  // The shell's convention: killed by signal n is exit status 128 + n (Ctrl-C: 130, SIGTERM: 143).
  process.exit(128 + constants.signals[signal]);
}

function arm(): void {
  generation++;
  if (armed) return;
  armed = true;
  for (const s of SIGNALS) process.on(s, onSignal);
}

/**
 * Disarms a few turns of the event loop later, not at once. Writes are synchronous, so a signal that
 * arrives during one waits in the event loop; removing the handler in the same turn loses it (the
 * process then ignores that Ctrl-C), and so does removing it on the next turn (measured on Node 20:
 * one setImmediate at start-up lost the signal, two delivered it); three turns leave a margin.
 */
function disarmSoon(turns = 3): void {
  const mine = ++generation;
  const step = (left: number) => {
    if (mine !== generation) return;
    if (left > 0) setImmediate(step, left - 1);
    else {
      armed = false;
      for (const s of SIGNALS) process.removeListener(s, onSignal);
    }
  };
  step(turns);
}

/**
 * On SIGINT or SIGTERM during a write, removes the temporary files and exits 128 + the signal's number.
 * Installed by the CLI, armed only while a temporary file exists: a handler installed for the whole
 * run would defer Ctrl-C until synchronous training ended.
 */
export function installSignalCleanup(): void {
  watchTempFiles((live) => (live ? arm() : disarmSoon()));
}

import { Worker } from 'node:worker_threads';
import type { HelperMessage } from './threadMessages.js';
import { workerScriptBeside } from './workerScript.js';

/**
 * The process's worker threads, one pool for both uses of the second core: a full gradient check borrows
 * threads for its run and gives them back; the matrix-product helper takes one for good (its loop never
 * returns to the event loop). Every thread runs the same script (helperThread.ts), so a thread started
 * for a check, and kept, becomes the product helper of a later `fit` without loading its modules again
 * (≈ 0.2 s). Threads are unreferenced: they never keep the process alive.
 */
const idle: Worker[] = [];

/** The compiled thread script beside this module (workerScript.ts says which), or null without it. */
export function threadScript(): URL | null {
  return workerScriptBeside(import.meta.url, 'helperThread.js');
}

function startThread(script: URL): Worker {
  const thread = new Worker(script);
  thread.unref();
  // A thread that fails to start loses no work (a check's other threads take every chunk; the product
  // helper's caller computes every piece itself): it only leaves the pool.
  thread.on('error', () => {});
  thread.on('exit', () => {
    const at = idle.indexOf(thread);
    if (at >= 0) idle.splice(at, 1);
  });
  return thread;
}

/** An idle thread of the pool, or a new one; null without the compiled script. */
export function borrowThread(): Worker | null {
  const kept = idle.pop();
  if (kept) return kept;
  const script = threadScript();
  return script ? startThread(script) : null;
}

/** Gives borrowed threads back (a thread still finishing a job takes the next message after it). */
export function returnThreads(threads: readonly Worker[]): void {
  idle.push(...threads.filter((t) => t.threadId >= 0 && !idle.includes(t)));
}

/** Starts threads until `count` are idle, and has them load a check's modules before they are needed. */
export function prestartThreads(count: number): void {
  const script = threadScript();
  if (!script) return;
  const prepare: HelperMessage = { kind: 'prepare' };
  while (idle.length < count) {
    const thread = startThread(script);
    thread.postMessage(prepare);
    idle.push(thread);
  }
}

/** Threads idle in the pool now (what a check or the product helper would take first). */
export function idleThreadCount(): number {
  return idle.length;
}

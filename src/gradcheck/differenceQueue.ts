import type { EntryDifferences } from './difference.js';

/**
 * A full check's two-sided differences as a queue of chunks over the flattened θ, shared by the calling
 * thread and worker threads. Each thread claims the next chunk with one atomic add, so the work balances
 * itself: an entry of the first layer costs a rank-1 update and a forward pass through the rest of the
 * network, one of the last layer a few hundred flops, and a split by count would leave one thread with
 * most of the first layer. A late thread (one still loading its modules) simply claims fewer chunks.
 * Every entry is computed by the same code on a bit-identical model, so which thread took it never
 * changes the result.
 */

/** The slots of the shared Int32 status array. */
export const QueueSlot = {
  /** The next unclaimed chunk. */
  next: 0,
  /** θ entries finished. */
  done: 1,
  /** Claimed chunks whose thread failed (they will never be finished). */
  lost: 2,
} as const;

export const QUEUE_SLOTS = 3;

/**
 * Entries per claim: ≈ 2 ms for the costliest entries measured (the first layer of a 64-128-128-10
 * tanh MLP, ≈ 0.03 ms per entry), so no thread waits long for another's last chunk, and 400 claims
 * for its 26,122 entries, enough for the first few to predict the rest.
 */
export const QUEUE_CHUNK = 64;

/**
 * The chunk a claim stands for: claims visit the chunks in a stride order coprime with their count, so
 * that every stretch of claims samples the whole of θ (every layer, cheap and costly entries alike), and
 * the time the first claims took predicts the rest (see numericOnWorkers).
 */
export function claimedChunk(claim: number, chunks: number, stride = claimStride(chunks)): number {
  return (claim * stride) % chunks;
}

/** The stride of claimedChunk: near 0.618·chunks, coprime with chunks (so every chunk comes once). */
export function claimStride(chunks: number): number {
  let stride = Math.max(1, Math.round(chunks * 0.618));
  while (gcd(stride, chunks) !== 1) stride++;
  return stride;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** One thread's view of the queue: each tensor's offset in θ and step, the differences, the shared results. */
export interface QueueWork {
  status: Int32Array;
  /** θ offset of each tensor (the last tensor ends at `result.length`). */
  offsets: readonly number[];
  steps: readonly number[];
  differences: EntryDifferences;
  /** The difference of each θ entry. */
  result: Float64Array;
  /** Called after each chunk this thread finished, with the number of claims made so far (all threads). */
  afterChunk?: (claims: number) => void;
}

/** Claims and computes chunks until none is left; returns how many entries this thread computed. */
export function drainQueue(work: QueueWork): number {
  const { status, offsets, steps, differences, result, afterChunk } = work;
  const total = result.length;
  const chunks = Math.ceil(total / QUEUE_CHUNK);
  const stride = claimStride(chunks);
  let computed = 0;
  for (;;) {
    const claim = Atomics.add(status, QueueSlot.next, 1);
    if (claim >= chunks) return computed;
    const from = claimedChunk(claim, chunks, stride) * QUEUE_CHUNK;
    const to = Math.min(total, from + QUEUE_CHUNK);
    try {
      // The chunk's part in each tensor it spans.
      for (let flat = from; flat < to; ) {
        let t = 0;
        while (t + 1 < offsets.length && flat >= offsets[t + 1]) t++;
        const end = Math.min(to, t + 1 < offsets.length ? offsets[t + 1] : to);
        differences(t, flat - offsets[t], end - offsets[t], steps[t], result, flat);
        flat = end;
      }
    } catch (error) {
      Atomics.add(status, QueueSlot.lost, 1);
      Atomics.notify(status, QueueSlot.done);
      throw error;
    }
    computed += to - from;
    Atomics.add(status, QueueSlot.done, to - from);
    Atomics.notify(status, QueueSlot.done);
    afterChunk?.(Math.min(chunks, Atomics.load(status, QueueSlot.next)));
  }
}

/**
 * Blocks until every entry is finished; throws when a thread lost a chunk. Atomics.wait needs a thread
 * that may block: Node's main thread and workers may, a browser's main thread may not (it never gets here:
 * browsers register no worker threads).
 */
export function awaitQueue(status: Int32Array, total: number, deadlineMs: number): void {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const done = Atomics.load(status, QueueSlot.done);
    if (done >= total) return;
    if (Atomics.load(status, QueueSlot.lost) > 0)
      throw new Error(
        'gradcheck: a worker thread failed or ended inside its share of the work; run with workers: 1 to see why',
      );
    if (Date.now() > deadline) throw new Error('gradcheck: the worker threads did not finish in time');
    Atomics.wait(status, QueueSlot.done, done, 1000);
  }
}

import { once } from 'node:events';

/**
 * Writes `text` on stdout and waits while the reader is behind, so a slow pipe never queues a whole
 * output in memory. A reader that left (EPIPE) ends the process quietly (the handler in cli/main.ts).
 */
export async function writeStdout(text: string): Promise<void> {
  if (text && !process.stdout.write(text)) await once(process.stdout, 'drain');
}

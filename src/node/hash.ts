import { createHash } from 'node:crypto';

/** SHA-256 of some text or bytes, hex: how a model file names the data it was trained on. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

/**
 * gradlab's version from package.json (src/node/, dist/node/ and the bundled CLI's dist/bin/ are all two
 * levels below it); stored in model files.
 */
export function gradlabVersion(): string {
  if (cached === null) {
    const path = fileURLToPath(new URL('../../package.json', import.meta.url));
    cached = String((JSON.parse(readFileSync(path, 'utf8')) as { version?: unknown }).version ?? 'unknown');
  }
  return cached;
}

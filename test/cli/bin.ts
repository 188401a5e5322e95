import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const packageUrl = new URL('../../package.json', import.meta.url);
const manifest = JSON.parse(readFileSync(packageUrl, 'utf8')) as { bin: { gradlab: string } };

/**
 * The built `gradlab` binary, the one package.json's `bin` installs (the bundle scripts/bundle-cli.mjs
 * writes; npm install builds it through `prepare`), so that the tests spawn what users run.
 */
export const bin = fileURLToPath(new URL(manifest.bin.gradlab, packageUrl));

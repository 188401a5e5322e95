// Marks the bundled CLI entry (scripts/bundle-cli.mjs) executable so that `npx gradlab` works straight after
// `npm install`.
import { chmodSync } from 'node:fs';
chmodSync(new URL('../dist/bin/gradlab.js', import.meta.url), 0o755);

// Marks the built CLI entry executable so that `npx gradlab` works straight after `npm install`.
import { chmodSync } from 'node:fs';
chmodSync(new URL('../dist/cli/main.js', import.meta.url), 0o755);

#!/usr/bin/env node
// The bundled CLI's entry (scripts/bundle-cli.mjs). `GRADLAB_DEBUG=1` prints stacks, which should name
// the source files rather than the bundle's chunks: Node applies source maps only to modules loaded
// after they are enabled, so this entry enables them first, then loads the command line.
if (process.env.GRADLAB_DEBUG === '1') process.setSourceMapsEnabled(true);
await import('../dist/cli/main.js');

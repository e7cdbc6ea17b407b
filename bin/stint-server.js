#!/usr/bin/env node
// The team server is bundled into dist/ by `npm install` (the prepare script) or `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/server.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('stint-server: the server is not built yet. Run `npm run build` in the Stint folder, then try again.\n');
  process.exit(1);
}
await import(entry.href);

#!/usr/bin/env node
// The CLI is bundled into dist/cli.cjs by `npm install` (the prepare script) or `npm run build`.
//
// Node 20 has no module.enableCompileCache, so this compiles the bundle with V8's code cache itself: the
// first run of each command writes the bytecode V8 made (to $XDG_CACHE_HOME/stint, else ~/.cache/stint),
// later runs skip parsing and compiling it. V8 refuses a cache made from another source or another V8, and
// the file name carries the bundle's size and time, so a rebuilt CLI never runs stale code. Without a
// writable cache folder (or with STINT_COMPILE_CACHE=0) it runs the same, only slower to start.
//
// The bundle is ASCII (scripts/build.mjs checks), so it is read as latin1, which V8 keeps one byte a character
// with no UTF-8 decoding, and it is one expression that evaluates to the module function: no wrapped copy.
//
// A CommonJS file, so node starts it without its ES module loader (bin/stint.js forwards here).
'use strict';
const { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { homedir } = require('node:os');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const bundle = join(__dirname, '..', 'dist', 'cli.cjs');
let source;
let stat;
try {
  stat = statSync(bundle);
  source = readFileSync(bundle, 'latin1');
} catch {
  process.stderr.write('stint: the CLI is not built yet. Run `npm run build` in the Stint folder, then try again.\n');
  process.exit(1);
}

const useCache = process.env.STINT_COMPILE_CACHE !== '0';
const cacheDir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'stint');
// One cache per command: each holds the functions its own run compiled (V8 compiles functions lazily).
const command = /^[a-z][a-z-]{0,30}$/.test(process.argv[2] ?? '') ? process.argv[2] : 'top';
const prefix = `cli-${process.versions.v8}-`;
const cacheFile = join(cacheDir, `${prefix}${stat.size}-${Math.floor(stat.mtimeMs)}-${command}.bin`);
let cachedData;
if (useCache) {
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
}
// The bundle's own import() calls (get-windows is an ES module) resolve from here, beside dist/, in the same package.
const script = new Script(source, { filename: bundle, cachedData, importModuleDynamically: (specifier) => import(specifier) });
// `stint track --no-ui` runs for hours and makes a few KiB of garbage per sample: V8's young generation stays at
// its first size instead of doubling (to 2 x 8 MiB) whenever start-up keeps it busy, RSS never given back. Not
// with the views: their reports run on worker threads of this process, which would then collect far more often.
// Set after compiling and unset before the cache is written: the code cache carries a hash of V8's flags.
const holdYoungGeneration = command === 'track' && process.argv.includes('--no-ui');
// node:v8 is required only here: loading it (with its heap utilities) costs every other command ~50 M instructions.
if (holdYoungGeneration) require('node:v8').setFlagsFromString('--semi-space-growth-factor=1');
if (useCache && (cachedData === undefined || script.cachedDataRejected)) {
  // Written when the process ends, so the cache holds what this command compiled, not only the top level.
  process.once('exit', () => {
    if (holdYoungGeneration) require('node:v8').setFlagsFromString('--semi-space-growth-factor=2');
    try {
      mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
      for (const name of readdirSync(cacheDir)) if (name.startsWith('cli-') && name.endsWith(`-${command}.bin`)) unlinkSync(join(cacheDir, name));
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
      renameSync(tmp, cacheFile);
    } catch {
      // A cache that cannot be written only costs start-up time.
    }
  });
}
const bundleModule = { exports: {} };
script.runInThisContext()(bundleModule.exports, createRequire(bundle), bundleModule, bundle, dirname(bundle));

// Bundles the Node entry points with esbuild; npm packages stay external (native modules among them).
// Then builds the views (renderer/) with Vite into dist/renderer/, which `stint track` serves.
import { build } from 'esbuild';
import { cp, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { build as buildViews } from 'vite';

/**
 * commander requires node:child_process at its top only to run `git`-style executable subcommands, which
 * Stint has none of; loading it (with net, dgram and their streams) is a large part of `stint --help`.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!source.includes(eager)) throw new Error(`${args.path}: commander changed; update the lazy-child-process plugin in scripts/build.mjs`);
      return { contents: source.replace(eager, "const childProcess = { get spawn() { return require('node:child_process').spawn; } };"), loader: 'js' };
    });
  },
};

/**
 * zod's namespace (`z`) re-exports its error messages in some 60 languages (z.locales), so a bundle keeps them
 * all; Stint's CLI uses English only (the default, which zod's schemas import themselves). Only `en` stays:
 * less source to read and hold, and no module per language to evaluate when zod loads (`stint track` does).
 */
const englishZodOnly = {
  name: 'english-zod-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const en = 'export { default as en } from "./en.js";';
      if (!source.includes(en)) throw new Error(`${args.path}: zod changed; update the english-zod-only plugin in scripts/build.mjs`);
      return { contents: en, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

const common = { bundle: true, platform: 'node', target: 'node20', packages: 'external', sourcemap: true, logLevel: 'warning' };
// import.meta.url in the other CommonJS bundles: where the bundle is (open-database.ts finds better-sqlite3's addon from it).
const cjsMetaUrl = {
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
};

// The CLI: one CommonJS file that bin/stint.js compiles with V8's code cache (Node 20 has no
// module.enableCompileCache). Pure-JS packages are bundled so they are cached too and load only when a
// command's code needs them: esbuild evaluates a module reached by import() at its first import(), so
// `stint --help` runs only commander and the commands' definitions. Packages with native parts, or that
// require their own files by computed names, stay external.
await build({
  ...common,
  packages: undefined,
  external: ['better-sqlite3', 'get-windows', 'x11', 'stream-json', 'stream-json/*', 'electron', 'fastify', '@fastify/*', 'pg', 'kysely'],
  entryPoints: { cli: 'electron/cli.ts' },
  outdir: 'dist',
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  // import.meta.url (where dist/ is) in a CommonJS bundle: bin/stint.js runs it with __filename set.
  define: { 'import.meta.url': '__stintBundle.url' },
  // Less source to read and keep in memory (the names stay, for stack traces under STINT_DEBUG).
  minifyWhitespace: true,
  minifySyntax: true,
  // The whole file is one expression: bin/stint.cjs compiles it as it is read (no wrapped copy of 1.5 MB) and
  // calls the function it evaluates to; `node dist/cli.cjs` runs it at once. __stintBundle.url is computed
  // when read: node:url's pathToFileURL costs start-up time that `stint --help` does not need.
  banner: {
    js:
      "(function (main) { return typeof module === 'object' ? main(exports, require, module, __filename, __dirname) : main; })(function (exports, require, module, __filename, __dirname) {\n" +
      "const __stintBundle = { get url() { return require('node:url').pathToFileURL(__filename).href; } };",
  },
  footer: { js: '});' },
  plugins: [lazyChildProcess, englishZodOnly],
});
// ASCII only, so V8 holds the source in one byte a character rather than two, and bin/stint.cjs reads it as
// latin1 without decoding UTF-8. esbuild escapes strings; String.raw templates and regular expression literals
// keep their characters as written, so write those with \u escapes or named constants.
{
  const cli = await readFile('dist/cli.cjs');
  const at = cli.findIndex((byte) => byte > 0x7f);
  if (at !== -1) {
    const line = cli.subarray(0, at).toString('latin1').split('\n').length;
    const context = cli.subarray(Math.max(0, at - 60), at + 20).toString('utf8');
    throw new Error(`dist/cli.cjs line ${line} has a non-ASCII character (write it as a \\u escape or a named constant): …${context}…`);
  }
}
// The team server, `stint-server` (bin/stint-server.js).
await build({ ...common, entryPoints: { server: 'server/main.ts' }, outdir: 'dist', format: 'esm' });
await build({ ...common, entryPoints: { 'electron-main': 'electron/main/main.ts' }, outdir: 'dist', format: 'cjs', outExtension: { '.js': '.cjs' } });
// The desktop app's recorder host: the recorder, the database and the reports in an Electron utility process.
await build({
  ...common,
  ...cjsMetaUrl,
  entryPoints: { 'recorder-host': 'electron/recorder/host/utility-entry.ts' },
  outdir: 'dist',
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
});
// The read worker that `stint track` and the recorder host run their reports on (electron/recorder/api/read-pool.ts).
await build({
  ...common,
  ...cjsMetaUrl,
  entryPoints: { 'read-worker': 'electron/recorder/api/read-worker.ts' },
  outdir: 'dist',
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
});
// The Electron preload runs sandboxed: one self-contained file that requires nothing but `electron`
// (platform 'browser' makes any Node import a build error).
await build({
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
  entryPoints: { preload: 'electron/preload/preload.ts' },
  outdir: 'dist',
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
});
// The tray and window icons the main process loads (made by build/make-icons.mjs).
await cp('build/tray', 'dist/icons', { recursive: true });
// A production build even when run from the test runner, which sets NODE_ENV=test (React's development
// build would be bundled otherwise).
process.env.NODE_ENV = 'production';
await buildViews({ configFile: 'vite.config.ts', mode: 'production', logLevel: 'warn' });

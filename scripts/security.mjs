// `npm run security`: Doyensec's electronegativity over the desktop app, failing on any HIGH-severity
// finding. Its CLI can filter what it prints by severity (--severity) but always exits 0, so this runs its
// programmatic API (the same runner the CLI uses) and decides the exit code here.
//
// What is scanned:
//   electron/  the TypeScript sources (main, preload, and the recorder they bundle), without *.test.ts and
//              testing/ folders, which build hostile inputs on purpose;
//   dist/      what ships: the bundled main process and preload (.cjs copied as .js, since the scanner reads
//              only .js/.ts/.html files) and the built views (dist/renderer/), without source maps.
//
// Offline: the scanner fetches updated translations (answered here with "none"), and its
// AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK downloads Electron's release list, so that check is left out; the
// Electron version is pinned in package.json and passed to the other checks.
//
// Usage: node scripts/security.mjs [--json FILE]   (FILE gets every finding as JSON)
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(path.join(ROOT, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'runner.js'));

const FAIL_AT = 'HIGH';
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

// The scanner's HTTP client, answered locally: no request leaves this machine.
const gotPath = require.resolve('got');
require(gotPath);
const offline = async () => ({ statusCode: 404, body: '', headers: {} });
offline.head = offline;
offline.default = offline;
offline.__esModule = true;
require.cache[gotPath].exports = offline;
const run = require('./runner.js');

const electronVersion = JSON.parse(await readFile(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')).version;

async function exists(file) {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Copies what is scanned of electron/ and dist/ into a temporary folder; returns [label, folder] pairs. */
async function stage(dir) {
  const sources = path.join(dir, 'electron');
  await cp(path.join(ROOT, 'electron'), sources, {
    recursive: true,
    filter: (from) => !/\.test\.tsx?$/.test(from) && path.basename(from) !== 'testing' && !from.includes(`${path.sep}node_modules${path.sep}`),
  });
  const dist = path.join(ROOT, 'dist');
  for (const bundle of ['electron-main.cjs', 'preload.cjs']) {
    if (!(await exists(path.join(dist, bundle)))) throw new Error(`dist/${bundle} is missing: run \`npm run build\` first.`);
  }
  const shipped = path.join(dir, 'dist');
  await cp(path.join(dist, 'electron-main.cjs'), path.join(shipped, 'electron-main.js'));
  await cp(path.join(dist, 'preload.cjs'), path.join(shipped, 'preload.js'));
  if (await exists(path.join(dist, 'renderer'))) {
    await cp(path.join(dist, 'renderer'), path.join(shipped, 'renderer'), { recursive: true, filter: (from) => !from.endsWith('.map') });
  }
  return [
    ['electron', sources],
    ['dist', shipped],
  ];
}

async function scan(label, input) {
  const result = await run(
    {
      input,
      customScan: [],
      excludeFromScan: EXCLUDED_CHECKS.map((name) => name.toLowerCase()),
      isRelative: true,
      isVerbose: true,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    },
    false,
  );
  return {
    checks: result.globalChecks + result.atomicChecks,
    errors: result.errors.map((e) => ({ ...e, file: `${label}/${path.relative(input, e.file)}` })),
    findings: result.issues.map((i) => ({
      id: i.id,
      severity: i.severity.name,
      confidence: i.confidence.name,
      file: i.file === 'N/A' ? `${label}/ (whole input)` : `${label}/${i.file}`,
      line: i.location.line,
      column: i.location.column,
      review: Boolean(i.manualReview),
      description: i.description,
      url: i.shortenedURL,
    })),
  };
}

const RANK = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3 };
const dir = await mkdtemp(path.join(tmpdir(), 'stint-electronegativity-'));
let failed = false;
try {
  const results = [];
  for (const [label, input] of await stage(dir)) results.push(await scan(label, input));
  const findings = results.flatMap((r) => r.findings).sort((a, b) => RANK[b.severity] - RANK[a.severity] || a.file.localeCompare(b.file));
  const errors = results.flatMap((r) => r.errors);

  console.log(
    `electronegativity: ${results[0].checks} checks (Electron ${electronVersion}) over electron/ and dist/; left out: ${EXCLUDED_CHECKS.join(', ')} (needs the network).`,
  );
  for (const f of findings) {
    console.log(`${f.severity.padEnd(13)} ${f.confidence.padEnd(9)} ${f.id}  ${f.file}:${f.line}:${f.column}${f.review ? '  (review)' : ''}`);
    console.log(`              ${f.description.replace(/\s+/g, ' ').trim()} ${f.url ?? ''}`);
  }
  for (const e of errors) console.log(`${e.tolerable ? 'warning' : 'error'}: could not parse ${e.file}: ${e.message}`);

  const high = findings.filter((f) => RANK[f.severity] >= RANK[FAIL_AT]);
  const unparsed = errors.filter((e) => !e.tolerable);
  const counts = Object.keys(RANK)
    .reverse()
    .map((s) => `${findings.filter((f) => f.severity === s).length} ${s.toLowerCase()}`)
    .join(', ');
  console.log(`\n${findings.length} findings: ${counts}.`);
  if (high.length > 0) {
    console.log(`FAILED: ${high.length} finding(s) of severity ${FAIL_AT}.`);
    failed = true;
  }
  if (unparsed.length > 0) {
    console.log(`FAILED: ${unparsed.length} file(s) could not be parsed, so they were not checked.`);
    failed = true;
  }
  if (!failed) console.log(`Passed: no ${FAIL_AT} findings.`);

  const jsonAt = process.argv.indexOf('--json');
  if (jsonAt !== -1 && process.argv[jsonAt + 1])
    await writeFile(process.argv[jsonAt + 1], `${JSON.stringify({ electronVersion, findings, errors }, null, 2)}\n`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;

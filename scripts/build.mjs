// Bundles the Node entry points with esbuild; npm packages stay external (native modules among them).
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', packages: 'external', sourcemap: true, logLevel: 'warning' };

await build({ ...common, entryPoints: { cli: 'electron/cli.ts' }, outdir: 'dist', format: 'esm' });
await build({ ...common, entryPoints: { 'electron-main': 'electron/main/main.ts' }, outdir: 'dist', format: 'cjs', outExtension: { '.js': '.cjs' } });

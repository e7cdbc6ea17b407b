/*
 * The packaging configuration (build/electron-builder.yml) as electron-builder itself reads and validates it,
 * and the files it and the main process rely on. Packaging itself needs the network (Electron's binaries),
 * so it is not run here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const require = createRequire(path.join(ROOT, 'package.json'));

interface BuilderConfig {
  appId: string;
  productName: string;
  /** As getConfig normalises it: patterns, or { filter: patterns }. */
  files: (string | { filter: string[] })[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  directories: { output: string; buildResources: string };
  linux: { target: string[]; icon: string; executableName: string; maintainer: string };
  win: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
  electronFuses: Record<string, boolean>;
}

const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string, configFromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const loadConfig = () => getConfig(ROOT, 'build/electron-builder.yml', null);

describe('build/electron-builder.yml', () => {
  it('is valid for electron-builder', async () => {
    const config = await loadConfig();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('packages Stint as app.stint.desktop for Linux (AppImage, deb), Windows (NSIS) and macOS (dmg)', async () => {
    const config = await loadConfig();
    expect(config.appId).toBe('app.stint.desktop');
    expect(config.productName).toBe('Stint');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
  });

  it('ships dist/ without source maps or its own output, unpacks native modules, and rebuilds them for Electron', async () => {
    const config = await loadConfig();
    const files = config.files.flatMap((f) => (typeof f === 'string' ? [f] : f.filter));
    expect(files).toEqual(expect.arrayContaining(['package.json', 'dist/**/*', '!dist/**/*.map', '!dist/packages/**']));
    expect(config.directories.output).toBe('dist/packages');
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/node_modules/better-sqlite3/**/*.node', '**/*.node']));
    expect(config.npmRebuild).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
    });
  });

  it('has its icons, in formats the platforms read', async () => {
    const config = await loadConfig();
    const bytes = (file: string) => readFileSync(path.join(ROOT, file));
    const png = (file: string) => {
      const b = bytes(file);
      expect(b.subarray(0, 8).toString('hex'), file).toBe('89504e470d0a1a0a');
      return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
    };
    expect(png('build/icon.png')).toEqual({ width: 1024, height: 1024 });
    for (const size of [16, 32, 48, 64, 128, 256, 512]) expect(png(`${config.linux.icon}/${size}x${size}.png`)).toEqual({ width: size, height: size });
    const ico = bytes(config.win.icon);
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 7]);
    const icns = bytes(config.mac.icon);
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(png('build/tray/tray.png')).toEqual({ width: 16, height: 16 });
    expect(png('build/tray/tray@2x.png')).toEqual({ width: 32, height: 32 });
    expect(png('build/tray/trayTemplate.png')).toEqual({ width: 16, height: 16 });
  });
});

describe('what the packaged app starts from', () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };

  it('is the bundled main process, with the recorder host, the preload and the icons beside it (built by scripts/build.mjs)', () => {
    expect(pkg.main).toBe('dist/electron-main.cjs');
    for (const file of [
      'dist/electron-main.cjs',
      'dist/recorder-host.cjs',
      'dist/preload.cjs',
      'dist/icons/tray.png',
      'dist/icons/trayTemplate.png',
      'dist/icons/window.png',
    ]) {
      expect(existsSync(path.join(ROOT, file)), file).toBe(true);
    }
  });

  it('is packaged by `npm run dist` with this configuration', () => {
    expect(pkg.scripts.dist).toContain('electron-builder --config build/electron-builder.yml');
    expect(pkg.scripts.security).toContain('scripts/security.mjs');
  });
});

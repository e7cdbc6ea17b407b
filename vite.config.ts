import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The rep's views (renderer/) built into dist/renderer/, served by `stint track` and loaded by the Electron
// window. Relative asset URLs (base './') work over http://127.0.0.1 and from a file alike.
// A second page, team.html (renderer/team/), is the manager's and admin's web app that `stint-server`
// serves; the two pages share the i18n, components and styles chunks.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // The CSP allows scripts and styles from 'self' only: never inline assets into the page.
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    // The views are one ~390 kB (~120 kB gzipped) chunk (React, the views, luxon); uPlot (~22 kB gzipped) loads as its own chunk when a chart is first drawn.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('./renderer/index.html', import.meta.url)),
        team: fileURLToPath(new URL('./renderer/team.html', import.meta.url)),
      },
    },
  },
});

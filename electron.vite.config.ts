import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          // The data core's thread (electron/services/app/core-host.ts starts it).
          'core-worker': resolve(__dirname, 'electron/services/app/core-worker.ts'),
          'import-worker': resolve(__dirname, 'electron/services/import/worker.ts'),
          'export-worker': resolve(__dirname, 'electron/services/export/worker.ts'),
          // The export job's reader and file-writer threads (electron/services/export/service.ts names them).
          'export-reader': resolve(__dirname, 'electron/services/export/reader-thread.ts'),
          'export-file-writer': resolve(__dirname, 'electron/services/export/file-writer-thread.ts'),
          'integrity-worker': resolve(__dirname, 'electron/services/db/integrity-worker.ts'),
          // The learned tagger's training thread (electron/services/suggest/train-host.ts starts it).
          'train-worker': resolve(__dirname, 'electron/services/suggest/train-worker.ts'),
          // The second thread of a large search count (electron/services/search/count-host.ts starts it).
          'count-worker': resolve(__dirname, 'electron/services/search/count-worker.ts'),
        },
      },
    },
  },
  preload: {
    // Sandboxed preloads must be CommonJS and self-contained.
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve(__dirname, 'electron/preload/index.ts') }, output: { format: 'cjs' } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: { outDir: resolve(__dirname, 'out/renderer'), rollupOptions: { input: resolve(__dirname, 'renderer/index.html') } },
  },
});

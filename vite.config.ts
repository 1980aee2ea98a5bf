import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// One config serves the dev server (`npm start`), the production build and the unit tests.
export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: { host: '127.0.0.1', port: 4173 },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  worker: { format: 'es' },
  // The editor imports Monaco lazily; pre-bundle it at server start so its first use does not make the dev
  // server re-optimise dependencies and reload the page.
  optimizeDeps: { include: ['monaco-editor', 'monaco-editor/editor/editor.worker', 'monaco-yaml', 'monaco-yaml/yaml.worker.js'] },
  resolve: {
    // monaco-yaml's worker imports `monaco-editor/esm/vs/...`, a path Monaco 0.57's package exports no longer
    // map (they expose `monaco-editor/*` for `esm/vs/*`); point it at the file itself.
    alias: [{ find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: fileURLToPath(new URL('./node_modules/monaco-editor/esm/vs/', import.meta.url)) + '$1' }],
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'lessons/**/*.test.ts'],
    environment: 'node',
    pool: 'threads',
    testTimeout: 20000,
  },
});

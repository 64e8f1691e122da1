import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is built as a static bundle that the Electron main process serves over the
// app:// protocol and that the browser build serves over http on loopback.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: { host: '127.0.0.1', port: 4173 },
});

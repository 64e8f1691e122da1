import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { buildContentSecurityPolicy } from './shared/security/csp.ts';

// The built renderer ships with its Content-Security-Policy in a meta tag, so the browser build is
// as locked down as the desktop one (where the app:// protocol also sends it as a header). The dev
// server is left without it: Vite injects inline scripts for hot reload.
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'conserje-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: buildContentSecurityPolicy({ forMetaTag: true }) }, injectTo: 'head-prepend' },
    ],
  };
}

// The renderer is a static bundle: Electron serves it over app://, the browser build over http on
// loopback. label.html is the shelf-label page that printing loads; crashed.html is what the
// desktop app shows when the desk page keeps crashing (electron/app/crashRecovery.ts).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), contentSecurityPolicyMeta()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    rollupOptions: {
      input: {
        main: resolve(import.meta.dirname, 'renderer/index.html'),
        label: resolve(import.meta.dirname, 'renderer/label.html'),
        crashed: resolve(import.meta.dirname, 'renderer/crashed.html'),
      },
    },
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: { host: '127.0.0.1', port: 4173, strictPort: false },
});

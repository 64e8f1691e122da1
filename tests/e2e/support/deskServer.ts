import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { preview, type PreviewServer } from 'vite';

export interface DeskServer {
  url: string;
  close(): Promise<void>;
}

/** Serves the built renderer (dist/renderer, made by `npm run build:renderer`) on loopback. */
export async function startDeskServer(): Promise<DeskServer> {
  const built = resolve('dist/renderer/index.html');
  if (!existsSync(built)) throw new Error('dist/renderer is missing: run `npm run build:renderer` first (npm run test:e2e does).');
  const server: PreviewServer = await preview({ logLevel: 'warn', preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the desk server did not report its address');
  return { url, close: () => server.close() };
}

import { readFile as fsReadFile } from 'node:fs/promises';
import { buildContentSecurityPolicy } from '../../shared/security/csp';
import { mimeTypeFor } from './mimeTypes';
import { resolveAssetPath } from './resolveAssetPath';

// The protocol.handle('app', ...) handler: serves the built renderer from disk (inside app.asar
// once packaged; Electron's fs reads through it) with explicit MIME types and security headers.

export interface AppRequestHandlerOptions {
  /** dist/renderer: the Vite output directory. */
  rootDir: string;
  csp?: string;
  readFile?: (filePath: string) => Promise<Uint8Array<ArrayBuffer>>;
  /** Called for refused or failed requests; receives codes and reasons, never file contents. */
  onRejected?: (fields: { reason: string; status: number }) => void;
}

export type AppRequestHandler = (request: Request) => Promise<Response>;

export function createAppRequestHandler(options: AppRequestHandlerOptions): AppRequestHandler {
  const csp = options.csp ?? buildContentSecurityPolicy();
  const readFile = options.readFile ?? ((filePath: string) => fsReadFile(filePath));
  const securityHeaders = {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };

  const refuse = (status: number, reason: string): Response => {
    options.onRejected?.({ reason, status });
    return new Response(null, { status, headers: securityHeaders });
  };

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'method');

    const resolved = resolveAssetPath(request.url, options.rootDir);
    if (!resolved.ok) return refuse(resolved.status, resolved.reason);

    let body: Uint8Array<ArrayBuffer>;
    try {
      body = await readFile(resolved.filePath);
    } catch (error: unknown) {
      const code = (error as NodeJS.ErrnoException | null)?.code;
      return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR'
        ? refuse(404, 'notFound')
        : refuse(500, `readFailed:${code ?? 'unknown'}`);
    }

    const contentType = mimeTypeFor(resolved.filePath);
    const headers = {
      ...securityHeaders,
      'Content-Type': contentType,
      'Content-Length': String(body.byteLength),
      // HTML is revalidated so an update is picked up at once; hashed assets may be cached.
      'Cache-Control': contentType.startsWith('text/html') ? 'no-cache' : 'public, max-age=31536000, immutable',
    };
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers,
    });
  };
}

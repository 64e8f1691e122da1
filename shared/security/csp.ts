// The one Content-Security-Policy of the renderer: sent as a response header with every app://
// response in the desktop app (so it also covers label.html and cannot be weakened by markup), and
// put in a <meta> tag of the browser build by vite.config.ts. No 'unsafe-inline'
// anywhere: React sets inline styles through the CSSOM (element.style), which style-src does not
// govern, and Vite's production build emits no inline scripts.

export interface CspOptions {
  /**
   * Extra origins fetch/EventSource/WebSocket may reach. By default the central service on
   * loopback (any port); a deployment that talks to a remote service adds its https origin here.
   */
  connectSources?: readonly string[];
  /** A <meta> tag cannot carry frame-ancestors (browsers ignore it there, with a warning). */
  forMetaTag?: boolean;
}

export const DEFAULT_CONNECT_SOURCES: readonly string[] = [
  'http://127.0.0.1:*',
  'http://localhost:*',
  'ws://127.0.0.1:*',
  'ws://localhost:*',
];

export function buildContentSecurityPolicy(options: CspOptions = {}): string {
  const connect = options.connectSources ?? DEFAULT_CONNECT_SOURCES;
  for (const source of connect) {
    // A source with spaces or ';' would inject directives; refuse rather than escape.
    if (!/^[a-z][a-z0-9+.-]*:\/\/[^\s;,']+$/i.test(source)) {
      throw new Error(`Invalid connect-src source: ${JSON.stringify(source)}`);
    }
  }
  const directives: ReadonlyArray<readonly [string, ...string[]]> = [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self'"],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'", ...connect],
    ['worker-src', "'self'"],
    ['object-src', "'none'"],
    ['frame-src', "'self'"],
    ['frame-ancestors', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
  ];
  return directives
    .filter(([name]) => !(options.forMetaTag && name === 'frame-ancestors'))
    .map((directive) => directive.join(' '))
    .join('; ');
}

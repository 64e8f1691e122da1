import { describe, expect, it } from 'vitest';
import { trustedOrigins } from './origins';
import { createSenderValidator, type BridgeCallEvent, type SenderFrame } from './senderValidation';

const mainFrame: SenderFrame = { url: 'app://conserje/index.html#/packages', parent: null, processId: 7, routingId: 1 };

function event(overrides: { frame?: Partial<SenderFrame> | null; webContentsId?: number } = {}): BridgeCallEvent {
  const senderFrame = overrides.frame === null ? null : { ...mainFrame, ...overrides.frame };
  return { sender: { id: overrides.webContentsId ?? 1, mainFrame }, senderFrame };
}

const validate = createSenderValidator({ trusted: trustedOrigins(null), isBridgeWindow: (id) => id === 1 });

describe('createSenderValidator', () => {
  it('accepts the main frame of a bridge window showing the app', () => {
    expect(validate(event())).toEqual({ ok: true });
  });

  it.each([
    ['a destroyed frame', event({ frame: null }), 'frameGone'],
    ['a window we did not create for the bridge', event({ webContentsId: 2 }), 'notOurWindow'],
    ['a subframe', event({ frame: { parent: mainFrame, routingId: 5 } }), 'subframe'],
    ['a frame of another process', event({ frame: { processId: 8 } }), 'subframe'],
    ['a foreign origin', event({ frame: { url: 'https://evil.example/' } }), 'untrustedOrigin'],
    ['a look-alike host', event({ frame: { url: 'app://conserje.evil/' } }), 'untrustedOrigin'],
    ['a file: page', event({ frame: { url: 'file:///tmp/x.html' } }), 'untrustedOrigin'],
    ['the dev server when not in dev mode', event({ frame: { url: 'http://127.0.0.1:5173/' } }), 'untrustedOrigin'],
  ])('refuses %s', (_label, call, reason) => {
    expect(validate(call)).toEqual({ ok: false, reason });
  });

  it('accepts the dev server origin in dev mode', () => {
    const dev = createSenderValidator({ trusted: trustedOrigins('http://127.0.0.1:5173/'), isBridgeWindow: () => true });
    expect(dev(event({ frame: { url: 'http://127.0.0.1:5173/index.html' } }))).toEqual({ ok: true });
  });
});

import { isTrustedUrl, type TrustedOrigins } from './origins';

// Every bridge call is checked for where it came from: the top-level frame of a window the app
// created to carry the bridge, showing a page from a trusted origin. A subframe, a page that
// somehow navigated elsewhere, or a window we did not open gets nothing.

/** The slice of WebFrameMain the check reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
  readonly processId: number;
  readonly routingId: number;
}

/** The slice of IpcMainInvokeEvent the check reads. */
export interface BridgeCallEvent {
  readonly sender: { readonly id: number; readonly mainFrame: SenderFrame };
  readonly senderFrame: SenderFrame | null;
}

export type SenderCheck =
  | { ok: true }
  | { ok: false; reason: 'frameGone' | 'notOurWindow' | 'subframe' | 'untrustedOrigin' };

export interface SenderValidatorOptions {
  trusted: TrustedOrigins;
  /** True for the webContents ids of windows created with the bridge preload. */
  isBridgeWindow: (webContentsId: number) => boolean;
}

export type SenderValidator = (event: BridgeCallEvent) => SenderCheck;

export function createSenderValidator(options: SenderValidatorOptions): SenderValidator {
  return (event) => {
    const frame = event.senderFrame;
    // Null when the frame navigated away or was destroyed while the message was in flight.
    if (frame === null) return { ok: false, reason: 'frameGone' };
    if (!options.isBridgeWindow(event.sender.id)) return { ok: false, reason: 'notOurWindow' };
    const main = event.sender.mainFrame;
    const isMainFrame =
      frame.parent === null && frame.processId === main.processId && frame.routingId === main.routingId;
    if (!isMainFrame) return { ok: false, reason: 'subframe' };
    if (!isTrustedUrl(frame.url, options.trusted)) return { ok: false, reason: 'untrustedOrigin' };
    return { ok: true };
  };
}

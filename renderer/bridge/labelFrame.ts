import type { LabelSize } from '../../shared/bridge/contract';

// How the browser bridge prints: the label page is loaded in an off-screen, same-origin iframe
// sized like the label, and that iframe's window is printed (the browser shows its print dialog).
// This file is the only DOM code of the bridge; the logic in browserBridge.ts uses the LabelFrame
// interface, so it is tested without a DOM.

export interface LabelFrame {
  /** Starts loading the label page; resolves on the iframe's load event. */
  load(url: string, size: LabelSize): Promise<void>;
  /** The label page's document.title (readable because the page is same-origin). */
  title(): string | null;
  /** Opens the print dialog for the label page; resolves once the dialog has closed. */
  print(): Promise<void>;
  remove(): void;
}

/** Longest we keep the iframe around waiting for `afterprint` (browsers whose print() returns early). */
const AFTERPRINT_FALLBACK_MS = 5 * 60_000;

export function createDomLabelFrame(doc: Document): LabelFrame {
  const iframe = doc.createElement('iframe');
  iframe.setAttribute('aria-hidden', 'true');
  iframe.tabIndex = -1;
  // Off-screen but laid out at full label size (a 0x0 or hidden frame may skip layout or
  // throttle animation frames, and the page waits for one before saying it is ready). Styles are
  // set through the CSSOM, which the Content-Security-Policy (no inline styles) allows.
  const place: ReadonlyArray<readonly [string, string]> = [
    ['position', 'fixed'],
    ['left', '-10000px'],
    ['top', '0'],
    ['border', '0'],
  ];
  for (const [property, value] of place) iframe.style.setProperty(property, value);

  return {
    load(url, size) {
      iframe.style.setProperty('width', `${size.widthMm}mm`);
      iframe.style.setProperty('height', `${size.heightMm}mm`);
      const loaded = new Promise<void>((resolve) => iframe.addEventListener('load', () => resolve(), { once: true }));
      iframe.src = url;
      doc.body.appendChild(iframe);
      return loaded;
    },
    title: () => iframe.contentDocument?.title ?? null,
    print() {
      const win = iframe.contentWindow;
      if (win === null) return Promise.reject(new Error('label frame has no window'));
      return new Promise<void>((resolve) => {
        // Chromium's print() blocks until the dialog closes and fires afterprint before returning;
        // other engines return at once and fire afterprint later.
        const timer = setTimeout(resolve, AFTERPRINT_FALLBACK_MS);
        win.addEventListener(
          'afterprint',
          () => {
            clearTimeout(timer);
            resolve();
          },
          { once: true },
        );
        win.focus();
        win.print();
      });
    },
    remove: () => iframe.remove(),
  };
}

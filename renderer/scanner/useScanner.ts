import { useEffect, useRef } from 'react';
import { useDeskSettings } from '../app/deskSettings';
import { WedgeDetector } from './wedgeDetector';

/**
 * Listens for scanner bursts on the whole window while the calling screen is mounted. Keys that
 * might be part of a scan are held back and, when they turn out to be typing, inserted into the
 * focused field, so a scan never leaves stray characters in a text box.
 */
export function useScanner(onScan: (code: string) => void, enabled = true): void {
  const settings = useDeskSettings((state) => state.settings);
  const onScanRef = useRef(onScan);
  onScanRef.current = onScan;

  useEffect(() => {
    if (!enabled) return;
    const detector = new WedgeDetector({
      maxKeyGapMs: settings.scannerMaxKeyGapMs,
      minLength: 6,
      prefix: settings.scannerPrefix,
      suffix: settings.scannerSuffix,
    });
    let flushTimer: number | undefined;

    // The timer can fire while scanner keys still wait in the input queue (the page was busy):
    // it then waits for them instead of handing a half-read code back as typing.
    const scheduling = (navigator as Navigator & { scheduling?: { isInputPending?: () => boolean } }).scheduling;
    const flushWhenIdle = () => {
      if (scheduling?.isInputPending?.()) {
        flushTimer = window.setTimeout(flushWhenIdle, 5);
        return;
      }
      insertTypedText(detector.flush());
    };
    const scheduleFlush = () => {
      window.clearTimeout(flushTimer);
      flushTimer = window.setTimeout(flushWhenIdle, detector.flushDelayMs);
    };

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.isComposing || event.ctrlKey || event.metaKey || event.altKey) {
        if (detector.isHolding) insertTypedText(detector.flush());
        return;
      }
      const decision = detector.onKey(event.key, event.timeStamp);
      switch (decision.kind) {
        case 'pass':
          return;
        case 'hold':
          event.preventDefault();
          event.stopPropagation();
          scheduleFlush();
          return;
        case 'scan':
          event.preventDefault();
          event.stopPropagation();
          window.clearTimeout(flushTimer);
          onScanRef.current(decision.code);
          return;
        case 'release':
          insertTypedText(decision.text);
          if (decision.current === 'hold') {
            event.preventDefault();
            event.stopPropagation();
            scheduleFlush();
          }
      }
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => {
      window.removeEventListener('keydown', onKeyDown, { capture: true });
      window.clearTimeout(flushTimer);
      if (detector.isHolding) insertTypedText(detector.flush());
    };
  }, [enabled, settings.scannerMaxKeyGapMs, settings.scannerPrefix, settings.scannerSuffix]);
}

/** Types held-back text into the focused field as if it had been typed (React sees input events). */
function insertTypedText(text: string): void {
  if (!text) return;
  const target = document.activeElement;
  const editable =
    (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type)) ||
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLElement && target.isContentEditable);
  if (editable) {
    // execCommand('insertText') is the one way to insert text that keeps the field's undo stack
    // and fires the same input events as typing; Chromium supports it.
    document.execCommand('insertText', false, text);
  } else {
    window.dispatchEvent(new CustomEvent('conserje:typed', { detail: text }));
  }
}

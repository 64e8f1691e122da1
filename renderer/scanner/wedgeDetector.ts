// A USB barcode scanner is a keyboard ("keyboard wedge"): it types the code very fast and ends
// with Enter or Tab. This detector tells such bursts apart from a person typing, without DOM
// access so it can be tested with plain timestamps. Keys that might belong to a scan are HELD
// (the caller stops them) and handed back as typed text as soon as they turn out to be a person's,
// so a scan never leaks characters into whatever field has focus.

export interface WedgeOptions {
  /** Keys further apart than this (ms) are a person typing. */
  maxKeyGapMs: number;
  /** Shorter bursts are a person's quick keystrokes, not a barcode. */
  minLength: number;
  prefix: string;
  suffix: string;
}

export const DEFAULT_WEDGE_OPTIONS: WedgeOptions = { maxKeyGapMs: 35, minLength: 6, prefix: '', suffix: '' };

export type WedgeDecision =
  /** Stop this key: it may be part of a scan. */
  | { kind: 'hold' }
  /** Let this key through untouched. */
  | { kind: 'pass' }
  /** A complete scan: stop the terminating key and handle the code. */
  | { kind: 'scan'; code: string }
  /**
   * The held keys were a person typing: insert `text` where focus is, then either let the current
   * key through (`current: 'pass'`) or keep holding it as the start of a possible new burst.
   */
  | { kind: 'release'; text: string; current: 'pass' | 'hold' };

const TERMINATORS = new Set(['Enter', 'Tab']);

/** A burst this fast on average is a machine; one late key in it is a hiccup, not a person. */
const MACHINE_AVERAGE_GAP_FACTOR = 0.5;
const HICCUP_GAP_FACTOR = 4;
const MIN_KEYS_FOR_HICCUP = 4;
const MIN_FLUSH_DELAY_MS = 100;

export class WedgeDetector {
  private held = '';
  private firstKeyAt = Number.NEGATIVE_INFINITY;
  private lastKeyAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: WedgeOptions = DEFAULT_WEDGE_OPTIONS) {}

  get isHolding(): boolean {
    return this.held.length > 0;
  }

  /**
   * Whether a key `gap` ms after the previous one continues the held burst. A busy PC can deliver
   * one scanner key late (a long render, a garbage collection); splitting the code there would
   * save its tail as a bogus tracking number, so a burst that has been machine-fast on average
   * tolerates one late key of up to HICCUP_GAP_FACTOR times the normal gap.
   */
  private continues(gap: number): boolean {
    if (this.held.length === 0) return false;
    if (gap <= this.options.maxKeyGapMs) return true;
    const keys = [...this.held].length;
    if (keys < MIN_KEYS_FOR_HICCUP) return false;
    const averageGap = (this.lastKeyAt - this.firstKeyAt) / (keys - 1);
    return averageGap <= this.options.maxKeyGapMs * MACHINE_AVERAGE_GAP_FACTOR && gap <= this.options.maxKeyGapMs * HICCUP_GAP_FACTOR;
  }

  onKey(key: string, atMs: number): WedgeDecision {
    const gap = atMs - this.lastKeyAt;
    const continuesBurst = this.continues(gap);

    if (TERMINATORS.has(key)) {
      if (continuesBurst && this.held.length >= this.options.minLength + this.options.prefix.length + this.options.suffix.length) {
        const code = this.strip(this.held);
        this.reset();
        return { kind: 'scan', code };
      }
      return this.releaseThen('pass');
    }

    if (!isPrintable(key)) return this.releaseThen('pass');

    if (this.held.length > 0 && !continuesBurst) {
      const text = this.held;
      this.held = key;
      this.firstKeyAt = atMs;
      this.lastKeyAt = atMs;
      return { kind: 'release', text, current: 'hold' };
    }
    if (this.held.length === 0) this.firstKeyAt = atMs;
    this.held += key;
    this.lastKeyAt = atMs;
    return { kind: 'hold' };
  }

  /** Call when no key arrived for `maxKeyGapMs`: whatever is held was typed by a person. */
  flush(): string {
    const text = this.held;
    this.reset();
    return text;
  }

  /**
   * Milliseconds after the last key when `flush` is due: past the longest gap a burst may still
   * have (see `continues`), so a late scanner key never finds its burst already handed back.
   */
  get flushDelayMs(): number {
    const keys = [...this.held].length;
    const longestGap = keys >= MIN_KEYS_FOR_HICCUP ? this.options.maxKeyGapMs * HICCUP_GAP_FACTOR : this.options.maxKeyGapMs;
    // Never below MIN_FLUSH_DELAY_MS: on a busy PC the timer can run before scanner keys that are
    // already queued are delivered, and handing a code's first characters back as typing splits
    // it. A typed character appearing a tenth of a second late is the price, and it is invisible.
    return Math.max(longestGap, MIN_FLUSH_DELAY_MS) + 1;
  }

  private releaseThen(current: 'pass'): WedgeDecision {
    if (this.held.length === 0) return { kind: current };
    const text = this.flush();
    return { kind: 'release', text, current };
  }

  private strip(code: string): string {
    let stripped = code;
    if (this.options.prefix && stripped.startsWith(this.options.prefix)) stripped = stripped.slice(this.options.prefix.length);
    if (this.options.suffix && stripped.endsWith(this.options.suffix)) stripped = stripped.slice(0, -this.options.suffix.length);
    return stripped;
  }

  private reset(): void {
    this.held = '';
    this.firstKeyAt = Number.NEGATIVE_INFINITY;
    this.lastKeyAt = Number.NEGATIVE_INFINITY;
  }
}

function isPrintable(key: string): boolean {
  return [...key].length === 1;
}

/** The same label scanned twice in a row (a double trigger, a parcel scanned again) is ignored once. */
export class RepeatScanFilter {
  private last: { code: string; atMs: number } | null = null;

  constructor(private readonly windowMs: number) {}

  /** True when this scan repeats the previous one within the window. */
  isRepeat(code: string, atMs: number): boolean {
    const repeat = this.last !== null && this.last.code === code && atMs - this.last.atMs <= this.windowMs;
    this.last = { code, atMs };
    return repeat;
  }
}

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

export class WedgeDetector {
  private held = '';
  private lastKeyAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: WedgeOptions = DEFAULT_WEDGE_OPTIONS) {}

  get isHolding(): boolean {
    return this.held.length > 0;
  }

  onKey(key: string, atMs: number): WedgeDecision {
    const gap = atMs - this.lastKeyAt;
    const continuesBurst = this.held.length > 0 && gap <= this.options.maxKeyGapMs;

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
      this.lastKeyAt = atMs;
      return { kind: 'release', text, current: 'hold' };
    }
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

  /** Milliseconds after the last key when `flush` is due. */
  get flushDelayMs(): number {
    return this.options.maxKeyGapMs + 1;
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

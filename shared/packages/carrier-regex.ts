/*
 * The courier definitions are written for Ruby (Onigmo) regular expressions, the dialect of the
 * library they come from. Most of it is valid JavaScript as is (named groups `(?<Name>...)`,
 * lookarounds, classes), but a few Ruby-only constructs have to be rewritten. Doing that with a
 * small scanner, rather than by hand-keeping JavaScript copies, lets the JSON be refreshed from
 * upstream unchanged. Anything with no faithful JavaScript equivalent is refused with an error
 * naming the construct, so it surfaces in the tests instead of matching the wrong thing.
 */

export class UnsupportedPatternError extends Error {
  constructor(pattern: string, construct: string) {
    super(`Unsupported Ruby regex construct ${construct} in ${JSON.stringify(pattern)}`);
    this.name = 'UnsupportedPatternError';
  }
}

export interface TranslatedPattern {
  /** JavaScript regex source, without the surrounding slashes. */
  readonly source: string;
  /** JavaScript flags implied by Ruby inline options (`i`, and `s` for Ruby's `m`). */
  readonly flags: string;
}

// Ruby POSIX bracket classes, written as the inside of a JavaScript character class. ASCII only,
// which is all tracking numbers use.
const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: 'A-Za-z0-9',
  alpha: 'A-Za-z',
  digit: '0-9',
  lower: 'a-z',
  upper: 'A-Z',
  space: '\\s',
  xdigit: '0-9A-Fa-f',
  word: '\\w',
  punct: '!-\\/:-@\\[-`{-~',
  blank: ' \\t',
  cntrl: '\\x00-\\x1f\\x7f',
};

// Escapes that mean something in Ruby but have no JavaScript (non-unicode mode) equivalent.
const UNSUPPORTED_ESCAPES = new Set(['G', 'K', 'X', 'p', 'P', 'g']);

const QUANTIFIER_BRACES = /^\{\d+(?:,\d*)?\}|^\{,\d+\}/;
const INLINE_OPTIONS = /^\(\?([imx]*)(?:-([imx]*))?([:)])/;

interface ScanState {
  readonly ruby: string;
  out: string;
  index: number;
  inClass: boolean;
  extended: boolean;
  readonly flags: Set<string>;
}

/** Rewrites a Ruby regex source into an equivalent JavaScript one (see the file comment). */
export function translateRubyRegex(ruby: string): TranslatedPattern {
  const state: ScanState = { ruby, out: '', index: 0, inClass: false, extended: false, flags: new Set() };
  while (state.index < ruby.length) {
    if (state.inClass) scanInClass(state);
    else scanOutsideClass(state);
  }
  if (state.inClass) throw new UnsupportedPatternError(ruby, 'unterminated character class');
  return { source: state.out, flags: [...state.flags].sort().join('') };
}

function scanOutsideClass(state: ScanState): void {
  const { ruby } = state;
  const char = ruby.charAt(state.index);
  if (char === '\\') return scanEscapeOutsideClass(state);
  if (char === '[') {
    state.inClass = true;
    state.out += '[';
    state.index += 1;
    // A `]` or `^]` straight after the opening bracket is a literal in Ruby; keep it literal here.
    if (ruby.startsWith('^', state.index)) copy(state, 1);
    if (ruby.startsWith(']', state.index)) {
      state.out += '\\]';
      state.index += 1;
    }
    return;
  }
  if (char === '(' && ruby.startsWith('(?', state.index)) return scanGroupOpening(state);
  if (state.extended && /\s/.test(char)) {
    state.index += 1; // Free-spacing mode: unescaped whitespace is layout, not pattern.
    return;
  }
  if (state.extended && char === '#') {
    const end = ruby.indexOf('\n', state.index);
    state.index = end === -1 ? ruby.length : end + 1;
    return;
  }
  if (char === '{') {
    const braces = QUANTIFIER_BRACES.exec(ruby.slice(state.index));
    if (braces) {
      // Ruby allows `{,n}` (zero to n); JavaScript spells it `{0,n}`.
      state.out += braces[0].startsWith('{,') ? `{0${braces[0].slice(1)}` : braces[0];
      state.index += braces[0].length;
      dropPossessiveMarker(state);
      return;
    }
  }
  copy(state, 1);
  if (char === '*' || char === '+' || char === '?') dropPossessiveMarker(state);
}

/**
 * Possessive quantifiers (`*+`, `++`, `?+`, `{n}+`) have no JavaScript form. Dropping the `+`
 * leaves a greedy quantifier, which can only accept more strings than Ruby would, never fewer;
 * for the anchored, separator-free numbers matched here the two behave the same.
 */
function dropPossessiveMarker(state: ScanState): void {
  if (state.ruby.startsWith('+', state.index)) state.index += 1;
}

function scanEscapeOutsideClass(state: ScanState): void {
  const { ruby } = state;
  const next = ruby.charAt(state.index + 1);
  if (next === '') throw new UnsupportedPatternError(ruby, 'trailing backslash');
  if (UNSUPPORTED_ESCAPES.has(next)) throw new UnsupportedPatternError(ruby, `\\${next}`);
  const replacement = ESCAPES_OUTSIDE_CLASS[next];
  if (replacement !== undefined) {
    state.out += replacement;
    state.index += 2;
    return;
  }
  if (next === 'k' && ruby.charAt(state.index + 2) === "'") {
    // Ruby's \k'name' backreference is JavaScript's \k<name>.
    const end = ruby.indexOf("'", state.index + 3);
    if (end === -1) throw new UnsupportedPatternError(ruby, "\\k'");
    state.out += `\\k<${ruby.slice(state.index + 3, end)}>`;
    state.index = end + 1;
    return;
  }
  copy(state, 2);
}

const ESCAPES_OUTSIDE_CLASS: Readonly<Record<string, string>> = {
  // Ruby's ^ and $ are line anchors and \A, \z are the string anchors. Detection never sees a
  // newline (input is one scanned line), and JavaScript's ^/$ without the m flag are string anchors.
  A: '^',
  z: '$',
  Z: '(?=\\n?$)',
  h: '[0-9A-Fa-f]',
  H: '[^0-9A-Fa-f]',
  R: '(?:\\r\\n|[\\n\\v\\f\\r\\u0085\\u2028\\u2029])',
};

function scanGroupOpening(state: ScanState): void {
  const { ruby } = state;
  const rest = ruby.slice(state.index);
  if (rest.startsWith('(?#')) {
    const end = ruby.indexOf(')', state.index);
    state.index = end === -1 ? ruby.length : end + 1; // A comment group.
    return;
  }
  if (rest.startsWith('(?>')) {
    // Atomic group. Like possessive quantifiers, a plain group can only accept more, and makes no
    // difference for these anchored patterns.
    state.out += '(?:';
    state.index += 3;
    return;
  }
  if (rest.startsWith("(?'")) {
    const end = ruby.indexOf("'", state.index + 3);
    if (end === -1) throw new UnsupportedPatternError(ruby, "(?'");
    state.out += `(?<${ruby.slice(state.index + 3, end)}>`;
    state.index = end + 1;
    return;
  }
  if (rest.startsWith('(?~')) throw new UnsupportedPatternError(ruby, '(?~ absence operator');
  const options = INLINE_OPTIONS.exec(rest);
  if (options && (options[1] !== '' || options[2] !== undefined)) return applyInlineOptions(state, options);
  // (?:  (?=  (?!  (?<=  (?<!  (?<name>  are the same in both dialects.
  copy(state, 2);
}

/**
 * Ruby's `(?imx)` switches options from that point on. JavaScript only has whole-pattern flags,
 * so this is supported where the two coincide: options set before anything else in the pattern.
 * `(?i:...)`-style scoped options have no equivalent before ES2025 and are refused.
 */
function applyInlineOptions(state: ScanState, options: RegExpExecArray): void {
  const [whole, on = '', off, terminator] = options;
  if (terminator === ':' || state.out !== '') {
    throw new UnsupportedPatternError(state.ruby, `${whole} (scoped or mid-pattern options)`);
  }
  for (const option of on) {
    if (option === 'x') state.extended = true;
    else if (option === 'i') state.flags.add('i');
    else state.flags.add('s'); // Ruby's m means "dot matches newline", JavaScript's s.
  }
  for (const option of off ?? '') {
    if (option === 'x') state.extended = false;
    else state.flags.delete(option === 'i' ? 'i' : 's');
  }
  state.index += whole.length;
}

function scanInClass(state: ScanState): void {
  const { ruby } = state;
  const char = ruby.charAt(state.index);
  if (char === '\\') {
    const next = ruby.charAt(state.index + 1);
    if (next === 'h') {
      state.out += '0-9A-Fa-f';
      state.index += 2;
      return;
    }
    if (next === 'H' || UNSUPPORTED_ESCAPES.has(next)) throw new UnsupportedPatternError(ruby, `\\${next} in a class`);
    copy(state, 2);
    return;
  }
  if (char === '[') {
    const posix = /^\[:(\^?)([a-z]+):\]/.exec(ruby.slice(state.index));
    const inner = posix ? POSIX_CLASSES[posix[2] ?? ''] : undefined;
    if (!posix || inner === undefined || posix[1] === '^') {
      throw new UnsupportedPatternError(ruby, 'nested or negated POSIX character class');
    }
    state.out += inner;
    state.index += posix[0].length;
    return;
  }
  if (ruby.startsWith('&&', state.index)) throw new UnsupportedPatternError(ruby, '&& class intersection');
  if (char === ']') state.inClass = false;
  copy(state, 1);
}

function copy(state: ScanState, length: number): void {
  state.out += state.ruby.slice(state.index, state.index + length);
  state.index += length;
}

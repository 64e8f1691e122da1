import type { ChecksumConfig } from './carrier-definitions';

/*
 * The check-digit algorithms named by the courier definitions (`validation.checksum.name`). They
 * follow the reference implementation of the upstream project (jkeen/tracking_number), including
 * its quirks, because the definitions and their test numbers were written against it:
 * - positions are counted from 0, so "evens" are the 1st, 3rd, 5th... characters;
 * - a letter in a mod10 sequence counts as (character code - 3) mod 10 (the UPS convention);
 * - a non-digit elsewhere counts as 0 (Ruby's String#to_i).
 */

export const CHECKSUM_ALGORITHMS = [
  'mod10',
  'mod7',
  's10',
  'sum_product_with_weightings_and_modulo',
  'luhn',
  'mod_37_36',
] as const satisfies ReadonlyArray<ChecksumConfig['name']>;

const BASE36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DEFAULT_S10_WEIGHTS: readonly number[] = [8, 6, 4, 2, 3, 5, 9, 7];

/** True when `checkDigit` is the one `config` computes for `serial`. Never throws. */
export function verifyCheckDigit(config: ChecksumConfig, serial: string, checkDigit: string): boolean {
  if (serial === '' || checkDigit === '') return false;
  switch (config.name) {
    case 'mod10':
      return mod10(serial, config) === digitValue(checkDigit);
    case 'mod7':
      return mod7(serial, config.modulo ?? 7) === digitValue(checkDigit);
    case 's10':
      return s10(serial, config.weightings ?? DEFAULT_S10_WEIGHTS, config.modulo ?? 11) === digitValue(checkDigit);
    case 'sum_product_with_weightings_and_modulo':
      return (weightedSum(serial, config.weightings) % config.modulo1) % config.modulo2 === digitValue(checkDigit);
    case 'luhn':
      return luhn(serial, config.modulo ?? 10) === digitValue(checkDigit);
    case 'mod_37_36':
      return mod3736(serial, config.modulo ?? 36, config.alphabet ?? BASE36) === checkDigit;
  }
}

/** How many different check characters an algorithm can produce: a valid one is that much evidence. */
export function checkDigitAlphabetSize(config: ChecksumConfig): number {
  switch (config.name) {
    case 'mod7':
      return config.modulo ?? 7;
    case 'mod_37_36':
      return (config.alphabet ?? BASE36).length;
    case 'sum_product_with_weightings_and_modulo':
      return Math.min(config.modulo1, config.modulo2);
    default:
      return 10;
  }
}

/** A digit's value, or NaN for anything else so that it never equals a computed check digit. */
function digitValue(character: string): number {
  return /^[0-9]$/.test(character) ? Number(character) : Number.NaN;
}

/** Ruby's String#to_i on one character: its digit, or 0. */
function digitOrZero(character: string): number {
  return /^[0-9]$/.test(character) ? Number(character) : 0;
}

/** The value a mod10 sequence gives a character; letters use the UPS mapping (A=2 ... I=0 ...). */
function mod10Value(character: string): number {
  return /^[0-9]$/.test(character) ? Number(character) : (character.charCodeAt(0) - 3) % 10;
}

/** The amount to add to `total` to reach the next multiple of `modulo` (0 when already there). */
function complement(total: number, modulo: number): number {
  const remainder = total % modulo;
  return remainder === 0 ? 0 : modulo - remainder;
}

/**
 * Weighted mod 10 (UPS, FedEx Ground, USPS, Canada Post, OnTrac...). Characters at odd positions
 * (0-based) are multiplied by `odds_multiplier`, even ones by `evens_multiplier`; `reverse` counts
 * positions from the right, which USPS IMpb needs because its length varies.
 */
function mod10(serial: string, config: Extract<ChecksumConfig, { name: 'mod10' }>): number {
  const characters = config.reverse === true ? [...serial].reverse() : [...serial];
  const total = characters.reduce((sum, character, index) => {
    const multiplier = index % 2 === 1 ? config.odds_multiplier : config.evens_multiplier;
    return sum + mod10Value(character) * (multiplier ?? 1);
  }, 0);
  return complement(total, config.modulo ?? 10);
}

/** The whole serial as one number, modulo 7 (DHL Express). BigInt: serials overflow a double. */
function mod7(serial: string, modulo: number): number {
  if (!/^[0-9]+$/.test(serial)) return Number.NaN;
  return Number(BigInt(serial) % BigInt(modulo));
}

/** UPU S10: weighted sum mod 11; remainders 0 and 1 map to the fixed digits 5 and 0. */
function s10(serial: string, weights: readonly number[], modulo: number): number {
  const remainder = weightedSum(serial, weights) % modulo;
  if (remainder === 0) return 5;
  if (remainder === 1) return 0;
  return modulo - remainder;
}

/** Sum of digit × weight; positions beyond the weights count 0, as in the reference. */
function weightedSum(serial: string, weights: readonly number[]): number {
  return [...serial].reduce((sum, character, index) => sum + digitOrZero(character) * (weights[index] ?? 0), 0);
}

/** Luhn over the serial without its check digit: double every second digit from the right. */
function luhn(serial: string, modulo: number): number {
  const total = [...serial].reverse().reduce((sum, character, index) => {
    const value = digitOrZero(character) * (index % 2 === 0 ? 2 : 1);
    return sum + (value > 9 ? value - 9 : value);
  }, 0);
  return complement(total, modulo);
}

/** ISO 7064 MOD 37,36 hybrid (DPD parcel labels). Returns the check character. */
function mod3736(serial: string, modulo: number, alphabet: string): string {
  let running = modulo;
  for (const character of serial) {
    running += base36Value(character);
    if (running > modulo) running -= modulo;
    running *= 2;
    if (running > modulo) running -= modulo + 1;
  }
  const position = modulo + 1 - running;
  return alphabet.charAt(position === modulo ? 0 : position);
}

function base36Value(character: string): number {
  const index = BASE36.indexOf(character.toUpperCase());
  return index === -1 ? 0 : index;
}

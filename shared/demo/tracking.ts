// Courier tracking numbers for fixtures. They follow the published formats and check digits (as
// described by the MIT-licensed jkeen/tracking_number_data), so code that detects carriers or
// validates check digits sees realistic input. The numbers are random: they track nothing.
// Carrier codes and format ids are the courier_code / id values of that data set.

import { concatFlat } from './ids';
import type { Random } from './random';

export interface TrackingNumber {
  carrier: string;
  /** The format id, e.g. "ups" or "fedex_12"; stored in Package.trackingFormat. */
  format: string;
  number: string;
}

const DIGITS = '0123456789';
const UPPER_ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function randomChars(random: Random, alphabet: string, length: number): string {
  const characters: string[] = [];
  for (let i = 0; i < length; i++) characters.push(alphabet.charAt(Math.floor(random.next() * alphabet.length)));
  return characters.join('');
}

function digitValue(character: string): number {
  const code = character.charCodeAt(0);
  // Letters in UPS numbers count as (ASCII - 3) mod 10, the rule UPS publishes: A=2, B=3, …
  return code >= 48 && code <= 57 ? code - 48 : (code - 3) % 10;
}

/** "mod10" of tracking_number_data: alternate multipliers from the left, then 10 - (sum mod 10). */
export function mod10CheckDigit(serial: string, evensMultiplier: number, oddsMultiplier: number, reverse = false): number {
  const characters = reverse ? [...serial].reverse() : [...serial];
  let total = 0;
  characters.forEach((character, index) => {
    total += digitValue(character) * (index % 2 === 0 ? evensMultiplier : oddsMultiplier);
  });
  return (10 - (total % 10)) % 10;
}

/** "sum_product_with_weightings_and_modulo" (FedEx): weighted sum mod 11, then mod 10. */
export function weightedCheckDigit(serial: string, weightings: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < serial.length; i++) total += digitValue(serial.charAt(i)) * (weightings[i] ?? 0);
  return (total % 11) % 10;
}

export function mod7CheckDigit(serial: string): number {
  let remainder = 0;
  for (const character of serial) remainder = (remainder * 10 + digitValue(character)) % 7;
  return remainder;
}

export function luhnCheckDigit(serial: string): number {
  let total = 0;
  // Doubling starts at the rightmost digit of the serial, since the check digit will follow it.
  for (let i = 0; i < serial.length; i++) {
    const digit = digitValue(serial.charAt(serial.length - 1 - i));
    const value = i % 2 === 0 ? digit * 2 : digit;
    total += value > 9 ? value - 9 : value;
  }
  return (10 - (total % 10)) % 10;
}

type Generator = (random: Random) => string;

const GENERATORS: Record<string, { carrier: string; generate: Generator }> = {
  ups: {
    carrier: 'ups',
    generate(random) {
      const serial = concatFlat(randomChars(random, UPPER_ALPHANUMERIC, 6), random.pick(['01', '02', '03', '12', '13', '42']), randomChars(random, DIGITS, 7));
      return concatFlat('1Z', serial, String(mod10CheckDigit(serial, 1, 2)));
    },
  },
  fedex_12: {
    carrier: 'fedex',
    generate(random) {
      const serial = randomChars(random, DIGITS, 11);
      return concatFlat(serial, String(weightedCheckDigit(serial, [3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1])));
    },
  },
  fedex_ground_96: {
    carrier: 'fedex',
    generate(random) {
      const serial = concatFlat('96', random.pick(['11', '12']), random.pick(['020', '090']), randomChars(random, DIGITS, 14));
      // The check digit covers the 14-digit shipper + package id only.
      return concatFlat(serial, String(mod10CheckDigit(serial.slice(7), 1, 3)));
    },
  },
  usps_impb_n: {
    carrier: 'usps',
    generate(random) {
      // 94 + service type + 6-digit mailer id + 10-digit package id + check digit = 22 digits.
      const serial = concatFlat('94', random.pick(['001', '055', '108', '202']), String(random.int(1, 8)), randomChars(random, DIGITS, 15));
      return concatFlat(serial, String(mod10CheckDigit(serial, 3, 1, true)));
    },
  },
  amazon_logistics: {
    carrier: 'amazon',
    generate: (random) => concatFlat('TB', random.pick(['A', 'A', 'A', 'C', 'M']), randomChars(random, DIGITS, 12)),
  },
  dhl_express: {
    carrier: 'dhl',
    generate(random) {
      const serial = `${random.int(1, 9)}${randomChars(random, DIGITS, 8)}`;
      return `${serial}${mod7CheckDigit(serial)}`;
    },
  },
  canada_post: {
    carrier: 'canada_post',
    generate(random) {
      const serial = randomChars(random, DIGITS, 15);
      return concatFlat(serial, String(mod10CheckDigit(serial, 3, 1)));
    },
  },
  purolator_numeric: {
    carrier: 'purolator',
    generate(random) {
      const serial = `${random.int(0, 5)}${randomChars(random, DIGITS, 10)}`;
      return `${serial}${luhnCheckDigit(serial)}`;
    },
  },
  ontrac_c: {
    carrier: 'ontrac',
    generate(random) {
      const serial = randomChars(random, DIGITS, 13);
      // OnTrac's check digit is computed over the serial with a leading "4" (the C prefix's code).
      return concatFlat('C', serial, String(mod10CheckDigit(`4${serial}`, 1, 2)));
    },
  },
  lasership_lx: {
    carrier: 'lasership',
    generate: (random) => `LX${random.int(1, 3)}${randomChars(random, DIGITS, 7)}`,
  },
};

export const TRACKING_FORMATS: readonly string[] = Object.keys(GENERATORS);

export function generateTrackingNumber(random: Random, format: string): TrackingNumber {
  const generator = GENERATORS[format];
  if (!generator) throw new RangeError(`unknown tracking format ${format}`);
  return { carrier: generator.carrier, format, number: generator.generate(random) };
}

/** How often each format arrives at a North American lobby (relative weights). */
export const TRACKING_FORMAT_WEIGHTS: readonly (readonly [string, number])[] = [
  ['amazon_logistics', 34],
  ['ups', 18],
  ['usps_impb_n', 15],
  ['fedex_12', 8],
  ['fedex_ground_96', 6],
  ['dhl_express', 4],
  ['canada_post', 3],
  ['purolator_numeric', 2],
  ['ontrac_c', 3],
  ['lasership_lx', 3],
];

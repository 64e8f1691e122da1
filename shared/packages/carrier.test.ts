import { describe, expect, it } from 'vitest';
import conformance from './conformance/tracking-numbers.json' with { type: 'json' };
import { CARRIER_FORMATS, CHECKSUM_ALGORITHMS, MAX_SCAN_LENGTH, describeScan, detectCarrier, type CarrierMatch } from './carrier';
import { verifyCheckDigit } from './carrier-checksums';
import { COURIER_DEFINITIONS, parseCourierDefinition, type ChecksumConfig } from './carrier-definitions';
import { UnsupportedPatternError, translateRubyRegex } from './carrier-regex';

interface ConformanceCase {
  readonly courier: string;
  readonly format: string;
  readonly number: string;
  readonly valid: boolean;
}

const CASES: readonly ConformanceCase[] = conformance.cases;

/**
 * Valid conformance numbers that the definitions cannot attribute to one courier, so their own
 * courier is only required to be among the valid matches, not first. Each entry says why; the
 * test below also fails if an entry stops being ambiguous, so this list cannot go stale.
 */
const AMBIGUOUS: ReadonlyArray<{ readonly number: string; readonly firstCourier: string; readonly why: string }> = [
  {
    number: 'JFV247545960',
    firstCourier: 'dhl',
    why:
      'Purolator "alpha + 9" is any three letters and nine digits; a DHL Express piece ID is J, two or three ' +
      'letters, and nine or ten digits. Neither has a check digit, so a J-prefixed Purolator number is also a ' +
      'DHL piece ID, and the fixed J makes the DHL reading the more specific one.',
  },
];
const AMBIGUOUS_NUMBERS = new Set(AMBIGUOUS.map((entry) => entry.number));

function summary(matches: readonly CarrierMatch[]): string[] {
  return matches.map((match) => `${match.courier}/${match.format}${match.checksumValid ? '' : ' (invalid)'}`);
}

function best(raw: string): CarrierMatch | undefined {
  return detectCarrier(raw)[0];
}

describe('courier definitions', () => {
  it('load, validate and compile every format', () => {
    const formatCount = COURIER_DEFINITIONS.reduce((sum, courier) => sum + courier.tracking_numbers.length, 0);
    expect(CARRIER_FORMATS).toHaveLength(formatCount);
    expect(new Set(CARRIER_FORMATS.map((format) => format.format)).size).toBe(formatCount);
  });

  it('name only checksum algorithms that are implemented', () => {
    const used = COURIER_DEFINITIONS.flatMap((courier) => courier.tracking_numbers)
      .map((format) => format.validation.checksum?.name)
      .filter((name) => name !== undefined);
    expect(new Set(used)).toEqual(new Set(CHECKSUM_ALGORITHMS));
  });

  it('cover every courier and format of the conformance data', () => {
    const known = new Set(CARRIER_FORMATS.map((format) => `${format.courier}/${format.format}`));
    for (const testCase of CASES) expect(known).toContain(`${testCase.courier}/${testCase.format}`);
  });

  it('reject a malformed file loudly at the import boundary', () => {
    expect(() => parseCourierDefinition('bad.json', { name: 'X', courier_code: 'x', tracking_numbers: [] })).toThrow(/bad\.json/);
    const unknownChecksum = {
      name: 'X',
      courier_code: 'x',
      tracking_numbers: [{ name: 'X', regex: '\\d+', validation: { checksum: { name: 'mod11_mystery' } } }],
    };
    expect(() => parseCourierDefinition('mystery.json', unknownChecksum)).toThrow(/mystery\.json/);
  });
});

describe('conformance (tracking-numbers.json)', () => {
  const valid = CASES.filter((testCase) => testCase.valid && !AMBIGUOUS_NUMBERS.has(testCase.number));
  const invalid = CASES.filter((testCase) => !testCase.valid);

  it('has the expected shape', () => {
    expect(CASES.length).toBeGreaterThan(200);
    expect(valid.length).toBeGreaterThan(100);
    expect(invalid.length).toBeGreaterThan(50);
  });

  it.each(valid)('valid $courier/$format $number is the first match', ({ courier, format, number }) => {
    const matches = detectCarrier(number);
    expect(summary(matches.slice(0, 1))).toEqual([`${courier}/${format}`]);
  });

  it.each(AMBIGUOUS)('ambiguous $number: own courier among the valid matches, $firstCourier first', ({ number, firstCourier }) => {
    const testCase = CASES.find((candidate) => candidate.number === number);
    expect(testCase?.valid).toBe(true);
    const matches = detectCarrier(number);
    expect(matches[0]?.courier).toBe(firstCourier);
    expect(matches[0]?.checksumValid).toBe(true);
    expect(summary(matches)).toContain(`${testCase?.courier}/${testCase?.format}`);
  });

  it.each(invalid)('invalid $courier/$format $number is not reported valid for its format', ({ format, number }) => {
    const own = detectCarrier(number).filter((match) => match.format === format);
    expect(own.filter((match) => match.checksumValid)).toEqual([]);
  });

  it('ranks every result list valid-first, then by specificity', () => {
    for (const { number } of CASES) {
      const matches = detectCarrier(number);
      const firstInvalid = matches.findIndex((match) => !match.checksumValid);
      if (firstInvalid !== -1) expect(matches.slice(firstInvalid).every((match) => !match.checksumValid)).toBe(true);
      const validOnes = matches.filter((match) => match.checksumValid);
      for (let index = 1; index < validOnes.length; index += 1) {
        expect(validOnes[index - 1]?.specificity ?? 0).toBeGreaterThanOrEqual(validOnes[index]?.specificity ?? 0);
      }
    }
  });
});

describe('check-digit algorithms', () => {
  it('mod10 with multipliers, including UPS letters', () => {
    const ups: ChecksumConfig = { name: 'mod10', evens_multiplier: 1, odds_multiplier: 2 };
    expect(verifyCheckDigit(ups, '999AA1012345678', '4')).toBe(true);
    expect(verifyCheckDigit(ups, '999AA1012345678', '5')).toBe(false);
  });

  it('mod10 reversed (USPS IMpb N counts positions from the right)', () => {
    const impb: ChecksumConfig = { name: 'mod10', evens_multiplier: 3, odds_multiplier: 1, reverse: true };
    expect(verifyCheckDigit(impb, '940011120620640626078', '7')).toBe(true);
    expect(verifyCheckDigit(impb, '940011120620640626078', '0')).toBe(false);
  });

  it('mod7 on serials longer than a double holds exactly', () => {
    expect(verifyCheckDigit({ name: 'mod7' }, '7389105114', '6')).toBe(true);
    expect(verifyCheckDigit({ name: 'mod7' }, '99999999999999999999', String(99999999999999999999n % 7n))).toBe(true);
    expect(verifyCheckDigit({ name: 'mod7' }, '12A', '0')).toBe(false);
  });

  it('luhn (the textbook example 79927398713)', () => {
    expect(verifyCheckDigit({ name: 'luhn' }, '7992739871', '3')).toBe(true);
    expect(verifyCheckDigit({ name: 'luhn' }, '7992739871', '4')).toBe(false);
  });

  it('s10, including the fixed digits for remainders 0 and 1', () => {
    expect(verifyCheckDigit({ name: 's10' }, '12345678', '5')).toBe(true);
    expect(verifyCheckDigit({ name: 's10' }, '12345678', '6')).toBe(false);
    // 00000000 sums to 0 (remainder 0 → 5); 00000003 sums to 21 (remainder 10 → 1).
    expect(verifyCheckDigit({ name: 's10' }, '00000000', '5')).toBe(true);
    expect(verifyCheckDigit({ name: 's10' }, '00000003', '1')).toBe(true);
  });

  it('sum of products with two moduli (FedEx Express)', () => {
    const fedex: ChecksumConfig = {
      name: 'sum_product_with_weightings_and_modulo',
      weightings: [3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1],
      modulo1: 11,
      modulo2: 10,
    };
    expect(verifyCheckDigit(fedex, '98657878885', '5')).toBe(true);
    expect(verifyCheckDigit(fedex, '98657878885', '6')).toBe(false);
  });

  it('ISO 7064 MOD 37,36 with a letter check character (DPD)', () => {
    expect(verifyCheckDigit({ name: 'mod_37_36' }, '09980000020033', 'F')).toBe(true);
    expect(verifyCheckDigit({ name: 'mod_37_36' }, '09980000020033', 'D')).toBe(false);
  });

  it('never accepts empty parts or a non-digit where a digit is due', () => {
    expect(verifyCheckDigit({ name: 'luhn' }, '', '0')).toBe(false);
    expect(verifyCheckDigit({ name: 'luhn' }, '123', '')).toBe(false);
    expect(verifyCheckDigit({ name: 'mod10' }, '123', 'X')).toBe(false);
  });
});

describe('Ruby regex translation', () => {
  it.each([
    ['\\A[0-9]{3}\\z', '^[0-9]{3}$', ''],
    ['\\d++X\\s*+', '\\d+X\\s*', ''],
    ['[0-9]{2}+', '[0-9]{2}', ''],
    ['(?>ab|a)c', '(?:ab|a)c', ''],
    ['(?x) 1 Z  # the UPS prefix\n [0-9]', '1Z[0-9]', ''],
    ['(?i)1z', '1z', 'i'],
    ['[[:digit:][:upper:]]', '[0-9A-Z]', ''],
    ["(?'Serial'\\d+)\\k'Serial'", '(?<Serial>\\d+)\\k<Serial>', ''],
    ['(?#a comment)abc', 'abc', ''],
    ['\\h{2}[\\h]', '[0-9A-Fa-f]{2}[0-9A-Fa-f]', ''],
    ['a{,3}', 'a{0,3}', ''],
    ['(?<SerialNumber>(?=[0-9])[0-9]\\s*)', '(?<SerialNumber>(?=[0-9])[0-9]\\s*)', ''],
  ])('%j becomes %j', (ruby, source, flags) => {
    expect(translateRubyRegex(ruby)).toEqual({ source, flags });
  });

  it.each(['\\p{Alpha}', '(?i:ab)', 'a(?i)b', '[a-z&&[^aeiou]]', '\\Gabc', '[abc'])('refuses %j rather than guess', (ruby) => {
    expect(() => translateRubyRegex(ruby)).toThrow(UnsupportedPatternError);
  });
});

describe('scan tolerance', () => {
  it('reads spaces, dashes, lower case and full-width characters', () => {
    const spellings = ['1Z 999 AA1 01 2345 6784', '1z-999-aa1-01-2345-6784', '  1z999aa10123456784\r\n', '１Ｚ９９９ＡＡ１０１２３４５６７８４'];
    for (const raw of spellings) {
      expect(best(raw)).toMatchObject({ courier: 'ups', format: 'ups', trackingNumber: '1Z999AA10123456784', checksumValid: true });
    }
  });

  it('keeps a dash that belongs to the number (LaserShip piece suffix)', () => {
    expect(best('1LS7119013618127-1')).toMatchObject({ courier: 'lasership', trackingNumber: '1LS7119013618127-1' });
  });

  it('strips GS1 symbology identifiers, FNC1 and Code 39 stars', () => {
    for (const raw of [']C11Z999AA10123456784', '1Z999AA1\u001d0123456784', '*1Z999AA10123456784*']) {
      expect(best(raw)?.trackingNumber).toBe('1Z999AA10123456784');
    }
  });

  it('strips a USPS 420 + ZIP routing prefix and reports the ZIP', () => {
    const inner = '9400111206206406260787';
    for (const [raw, zipPlus4] of [
      [`42010001${inner}`, null],
      [`420 10001 ${inner}`, null],
      [`]C1420100011234${inner}`, '1234'],
      [`(420) 10001-1234 ${inner}`, '1234'],
    ] as const) {
      expect(best(raw)).toMatchObject({
        courier: 'usps',
        format: 'usps_impb_n',
        trackingNumber: inner,
        checksumValid: true,
        routing: { zip: '10001', zipPlus4 },
      });
    }
  });

  it('strips a 420 + ZIP prefix in front of other carriers too', () => {
    expect(best('420100011Z999AA10123456784')).toMatchObject({
      courier: 'ups',
      trackingNumber: '1Z999AA10123456784',
      routing: { zip: '10001', zipPlus4: null },
    });
  });

  it('gives display extras: S10 issuing post, lookups, tracking links', () => {
    expect(best('rb 123 456 785 gb')).toMatchObject({ courier: 's10', courierName: 'Royal Mail Group plc', checksumValid: true });
    const ups = best('1Z999AA10123456784');
    expect(ups?.lookups).toContainEqual(expect.objectContaining({ table: 'Service Type', value: '01' }));
    expect(ups?.trackingUrl).toContain('1Z999AA10123456784');
  });

  it('explains why a well-formed S10 number with an unknown country is invalid', () => {
    expect(best('RB123456785XX')).toMatchObject({ checksumValid: false, checkDigitValid: true, missingRequiredLookups: ['Courier'] });
  });
});

describe('describeScan', () => {
  it('classifies a tracking number', () => {
    const scan = describeScan('1Z 999 AA1 01 2345 6784');
    expect(scan.kind).toBe('tracking');
    if (scan.kind === 'tracking') expect(scan.best).toBe(scan.matches[0]);
  });

  it('recognises a bare USPS routing barcode, with ZIP or ZIP+4', () => {
    expect(describeScan('42010001')).toMatchObject({ kind: 'uspsRoutingOnly', routing: { zip: '10001', zipPlus4: null } });
    expect(describeScan('420 10001 1234')).toMatchObject({ kind: 'uspsRoutingOnly', routing: { zip: '10001', zipPlus4: '1234' } });
  });

  it('flags a number shaped like a format but with a wrong check digit', () => {
    const scan = describeScan('1Z999AA10123456785');
    expect(scan).toMatchObject({ kind: 'notTracking', reason: 'failedValidation' });
    expect(scan.matches[0]).toMatchObject({ courier: 'ups', checkDigitValid: false });
    // A sample number sometimes quoted for USPS: its check digit should be 7, not 0.
    expect(describeScan('42010001 9400111899223197428490')).toMatchObject({ kind: 'notTracking', reason: 'failedValidation' });
  });

  it('says when a code is some other barcode', () => {
    expect(describeScan('4006381333931')).toMatchObject({ kind: 'notTracking', reason: 'unrecognized', matches: [] });
    expect(describeScan('hello')).toMatchObject({ kind: 'notTracking', reason: 'unrecognized' });
  });

  it.each([
    ['', 'empty'],
    ['  - ', 'empty'],
    ['1'.repeat(MAX_SCAN_LENGTH + 1), 'tooLong'],
    ['x'.repeat(10_000), 'tooLong'],
    ['1Z999AA1\u00000123456784', 'invalidCharacters'],
    ['📦1Z999AA10123456784', 'invalidCharacters'],
  ])('rejects %j as %s', (raw, reason) => {
    expect(describeScan(raw)).toMatchObject({ kind: 'notTracking', reason, matches: [] });
    expect(detectCarrier(raw)).toEqual([]);
  });
});

describe('garbage input never throws', () => {
  // A small deterministic PRNG (mulberry32), so a failure reproduces.
  function random(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const POOL = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz -_.()/*]\u001d\u0000\u0007\t\n\u00a0é१٣', '📦', '\ud800', '\udfff', '１'];

  it.each([
    [''],
    ['\u0000'.repeat(50)],
    ['\ud83d'],
    ['🙂🙂🙂'],
    ['420'],
    ['420420420420420420420420420420'],
    ['GM' + 'A'.repeat(78)],
    ['9'.repeat(80)],
    ['-'.repeat(80)],
    ['x'.repeat(10_000)],
  ])('%j', (raw) => {
    expect(() => detectCarrier(raw)).not.toThrow();
    expect(() => describeScan(raw)).not.toThrow();
  });

  it('survives 3000 random strings, and every match it reports is well-formed', () => {
    const next = random(20_240_611);
    for (let round = 0; round < 3000; round += 1) {
      const length = Math.floor(next() * 40);
      let raw = '';
      for (let index = 0; index < length; index += 1) raw += POOL[Math.floor(next() * POOL.length)] ?? '';
      const matches = detectCarrier(raw);
      for (const match of matches) expect(match.trackingNumber).toMatch(/^[A-Z0-9-]{1,80}$/);
      expect(describeScan(raw).kind).toMatch(/^(tracking|uspsRoutingOnly|notTracking)$/);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { createRandom } from './random';
import { generateTrackingNumber, luhnCheckDigit, mod10CheckDigit, mod7CheckDigit, TRACKING_FORMATS, weightedCheckDigit } from './tracking';

// Valid and invalid samples from jkeen/tracking_number_data (MIT), the data set the formats follow.
describe('tracking number check digits', () => {
  it('match published samples', () => {
    expect(mod10CheckDigit('5R8939035756712', 1, 2)).toBe(7); // UPS 1Z5R89390357567127
    expect(mod10CheckDigit('410E7W039275159', 1, 2)).toBe(1); // UPS 1Z410E7W0392751591 (letters)
    expect(weightedCheckDigit('98657878885', [3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1])).toBe(5); // FedEx 986578788855
    expect(mod10CheckDigit('940011120620640626078', 3, 1, true)).toBe(7); // USPS 9400111206206406260787
    expect(mod7CheckDigit('331881002')).toBe(5); // DHL 3318810025
    expect(mod10CheckDigit('703511447713847', 3, 1)).toBe(2); // Canada Post 7035114477138472
    expect(luhnCheckDigit('32059546393')).toBe(8); // Purolator 320595463938 (…939 is invalid)
    expect(mod10CheckDigit('41103150000187', 1, 2)).toBe(9); // OnTrac C11031500001879
    expect(mod10CheckDigit('98765431234567', 1, 3)).toBe(2); // FedEx Ground 96 9611020987654312345672
  });

  it('generates numbers whose check digit verifies, for every format', () => {
    const random = createRandom(9);
    const verify: Record<string, (number: string) => boolean> = {
      ups: (n) => /^1Z[0-9A-Z]{16}$/.test(n) && mod10CheckDigit(n.slice(2, 17), 1, 2) === Number(n.slice(17)),
      fedex_12: (n) => /^\d{12}$/.test(n) && weightedCheckDigit(n.slice(0, 11), [3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1]) === Number(n.slice(11)),
      fedex_ground_96: (n) => /^96\d{20}$/.test(n) && mod10CheckDigit(n.slice(7, 21), 1, 3) === Number(n.slice(21)),
      usps_impb_n: (n) => /^94\d{20}$/.test(n) && mod10CheckDigit(n.slice(0, 21), 3, 1, true) === Number(n.slice(21)),
      amazon_logistics: (n) => /^TB[ACM]\d{12}$/.test(n),
      dhl_express: (n) => /^\d{10}$/.test(n) && mod7CheckDigit(n.slice(0, 9)) === Number(n.slice(9)),
      canada_post: (n) => /^\d{16}$/.test(n) && mod10CheckDigit(n.slice(0, 15), 3, 1) === Number(n.slice(15)),
      purolator_numeric: (n) => /^[0-5]\d{11}$/.test(n) && luhnCheckDigit(n.slice(0, 11)) === Number(n.slice(11)),
      ontrac_c: (n) => /^C\d{14}$/.test(n) && mod10CheckDigit(`4${n.slice(1, 14)}`, 1, 2) === Number(n.slice(14)),
      lasership_lx: (n) => /^LX[1-3]\d{7}$/.test(n),
    };
    expect(Object.keys(verify).sort()).toEqual([...TRACKING_FORMATS].sort());
    for (const format of TRACKING_FORMATS) {
      for (let i = 0; i < 100; i++) {
        const tracking = generateTrackingNumber(random, format);
        expect(tracking.format).toBe(format);
        expect(verify[format]?.(tracking.number), `${format} ${tracking.number}`).toBe(true);
      }
    }
    expect(() => generateTrackingNumber(random, 'pigeon')).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { UpsertResidentArgs, UpsertUnitArgs } from '../../../shared/mutations/directory';
import { en } from '../../../shared/i18n/en';
import { fieldErrorsOf, hasErrors, isNewRequest, pinDigits } from './forms';

const resident = {
  residentId: 'r1', unitId: 'u1', firstName: 'Ana', lastName: 'García', email: null, phone: null,
  language: 'es', measurement: 'metric', occupancy: 'owner', authorizedPickups: [],
};

/** The value of a dotted catalog key in the English catalog. */
function english(key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], en);
}

describe('fieldErrorsOf', () => {
  it('finds nothing wrong with valid arguments', () => {
    expect(hasErrors(fieldErrorsOf(UpsertResidentArgs, resident))).toBe(false);
  });

  it('names each invalid field once, with the message the shared schema gives', () => {
    const errors = fieldErrorsOf(UpsertResidentArgs, {
      ...resident, firstName: ' ', email: 'nope', phone: 'call me',
      authorizedPickups: [{ id: 'p1', name: '', relationship: null }],
    });
    expect(errors).toEqual({
      firstName: 'text.required',
      email: 'text.invalidEmail',
      phone: 'text.invalidPhone',
      'authorizedPickups.0.name': 'text.required',
    });
  });

  it('falls back to a generic message for errors without a catalog key (enums, types)', () => {
    expect(fieldErrorsOf(UpsertResidentArgs, { ...resident, occupancy: 'guest' })).toEqual({ occupancy: 'manage.invalidValue' });
    expect(fieldErrorsOf(UpsertUnitArgs, { unitId: 'u1', label: '1A', floor: 2.5 })).toEqual({ floor: 'text.floorOutOfRange' });
  });

  it('only ever returns keys the catalogs have', () => {
    const errors = fieldErrorsOf(UpsertResidentArgs, { ...resident, lastName: 'x'.repeat(81), language: 'de', authorizedPickups: 'many' });
    for (const key of Object.values(errors)) expect(typeof english(key)).toBe('string');
  });
});

describe('form helpers', () => {
  it('keeps at most eight digits of a typed PIN', () => {
    expect(pinDigits('12a3 4-567890')).toBe('12345678');
  });

  it('reports each new Alt+N request once, never the one a tab mounted with', () => {
    const seen = { current: 3 };
    expect(isNewRequest(seen, 3)).toBe(false);
    expect(isNewRequest(seen, 4)).toBe(true);
    expect(isNewRequest(seen, 4)).toBe(false);
  });
});

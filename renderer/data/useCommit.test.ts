import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../shared/i18n/en';
import { es } from '../../shared/i18n/es';
import { MutationRejected } from '../../shared/mutations/rejection';
import { describeWriteFailure } from './useCommit';

beforeAll(async () => {
  await i18next.init({ resources: { en: { translation: en }, es: { translation: es } }, lng: 'en', interpolation: { escapeValue: false } });
});

describe('describeWriteFailure', () => {
  it('names the field and the problem for invalid input', () => {
    const rejection = new MutationRejected('invalidArguments', { field: 'note', message: 'text.controlCharacters' });
    expect(describeWriteFailure(i18next.t, { kind: 'rejected', rejection })).toBe(`Note: ${en.text.controlCharacters}`);
  });

  it('translates business rejections with their parameters, roles included', async () => {
    const t = i18next.getFixedT('es');
    expect(describeWriteFailure(t, { kind: 'rejected', rejection: new MutationRejected('packageNotWaiting', { shortCode: 'K7P2QX' }) })).toContain('K7P2QX');
    expect(describeWriteFailure(t, { kind: 'rejected', rejection: new MutationRejected('notAllowedForRole', { role: 'doorperson' }) })).toContain(es.signIn.roles.doorperson);
  });

  it('tells the person what to do when storage fails', () => {
    expect(describeWriteFailure(i18next.t, { kind: 'storageFull', detail: 'QuotaExceededError' })).toBe(en.storage.storageFull);
  });
});

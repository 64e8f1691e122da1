import { describe, expect, it } from 'vitest';
import type { Package } from '../../shared/domain/model';
import { messagingConfigFromEnv } from './config';
import { classifySmtpError } from './emailChannel';
import { retryDelayMs } from './outbox';
import { dueReminder, localDate } from './reminders';

describe('SMTP failures', () => {
  it('a 5xx to RCPT TO refuses the address; other 5xx refuse the message; 4xx, timeouts and logins are retried', () => {
    expect(classifySmtpError(Object.assign(new Error('x'), { code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' }))).toEqual({ kind: 'failed', problem: 'refused', smtpCode: 550 });
    expect(classifySmtpError(Object.assign(new Error('x'), { code: 'EMESSAGE', responseCode: 552, command: 'DATA' }))).toEqual({ kind: 'failed', problem: 'rejected', smtpCode: 552 });
    expect(classifySmtpError(Object.assign(new Error('x'), { code: 'EENVELOPE', responseCode: 451, command: 'RCPT TO' }))).toEqual({ kind: 'retry', reason: 'deferred', smtpCode: 451 });
    expect(classifySmtpError(Object.assign(new Error('x'), { code: 'EAUTH', responseCode: 535 }))).toEqual({ kind: 'retry', reason: 'authentication', smtpCode: 535 });
    expect(classifySmtpError(Object.assign(new Error('x'), { code: 'ETIMEDOUT' }))).toEqual({ kind: 'retry', reason: 'timeout', smtpCode: null });
    expect(classifySmtpError(Object.assign(new Error('x'), { code: 'ESOCKET' }))).toEqual({ kind: 'retry', reason: 'connection', smtpCode: null });
    expect(classifySmtpError('weird')).toEqual({ kind: 'retry', reason: 'connection', smtpCode: null });
  });

  it('backs off exponentially with jitter, capped', () => {
    expect([1, 2, 3].map((attempt) => retryDelayMs(attempt, 30_000, 3_600_000, () => 1))).toEqual([30_000, 60_000, 120_000]);
    expect(retryDelayMs(1, 30_000, 3_600_000, () => 0)).toBe(15_000);
    expect(retryDelayMs(20, 30_000, 3_600_000, () => 1)).toBe(3_600_000);
  });
});

describe('reminders', () => {
  const pkg = (id: string, receivedAt: string, status: Package['status'] = 'waiting') => ({ id, receivedAt, status }) as Package;
  const now = new Date('2026-03-10T12:00:00.000Z');
  it('names the highest level crossed and the newest package that crossed it', () => {
    expect(dueReminder([pkg('a', '2026-03-09T12:00:00.000Z')], now, [48, 168])).toBeNull();
    expect(dueReminder([pkg('a', '2026-03-08T12:00:00.000Z'), pkg('b', '2026-03-07T12:00:00.000Z')], now, [48, 168])).toEqual({ level: 0, packageId: 'a' });
    expect(dueReminder([pkg('a', '2026-03-08T12:00:00.000Z'), pkg('b', '2026-03-01T12:00:00.000Z')], now, [48, 168])).toEqual({ level: 1, packageId: 'b' });
    expect(dueReminder([pkg('a', '2026-03-01T12:00:00.000Z', 'released')], now, [48])).toBeNull();
  });
  it('uses the building’s calendar date', () => {
    expect(localDate(new Date('2026-03-10T03:00:00.000Z'), 'America/New_York')).toBe('2026-03-09');
  });
});

describe('messaging configuration', () => {
  it('reads SMTP from a URL or host settings, and names bad variables', () => {
    const defaults = { publicUrl: 'http://127.0.0.1:8787' };
    expect(messagingConfigFromEnv({}, defaults)).toMatchObject({ smtp: null, publicUrl: 'http://127.0.0.1:8787', reminderAfterHours: [48, 168], packageNoticeDelayMs: 120_000 });
    expect(messagingConfigFromEnv({ SMTP_HOST: 'mail.example', SMTP_PORT: '465', SMTP_USER: 'u', SMTP_PASS: 'p', SMTP_FROM: 'Desk <d@example.org>', PUBLIC_URL: 'https://desk.example/', REMINDER_AFTER_HOURS: '168, 24' }, defaults)).toMatchObject({
      smtp: { url: null, host: 'mail.example', port: 465, secure: true, user: 'u', pass: 'p' },
      publicUrl: 'https://desk.example',
      reminderAfterHours: [24, 168],
    });
    expect(messagingConfigFromEnv({ SMTP_URL: 'smtp://mail.example:2525', SMTP_FROM: 'd@example.org', REMINDER_AFTER_HOURS: 'off' }, defaults)).toMatchObject({ smtp: { url: 'smtp://mail.example:2525' }, reminderAfterHours: [] });
    expect(() => messagingConfigFromEnv({ SMTP_URL: 'smtp://mail.example' }, defaults)).toThrow(/SMTP_FROM/);
    expect(() => messagingConfigFromEnv({ SMTP_URL: 'http://x', PUBLIC_URL: 'ftp://x', REMINDER_AFTER_HOURS: 'soon' }, defaults)).toThrow(/SMTP_URL.*PUBLIC_URL.*REMINDER_AFTER_HOURS/);
  });
});

import { z } from 'zod';

// Messaging settings from the environment (see the README's table). Mail goes out only when an
// SMTP server is named; without one, messages are still recorded and their e-mails are marked
// "not configured" at once, so the desk says so instead of showing them as waiting forever.

export interface SmtpSettings {
  /** nodemailer's connection options: a URL, or host/port/secure/auth. */
  url: string | null;
  host: string | null;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string | null;
  pass: string | null;
}

export interface MessagingConfig {
  smtp: SmtpSettings | null;
  /** The From header, e.g. "Front desk <desk@building.example>". */
  from: string;
  /** Where residents reach this service (links in e-mails), without a trailing slash. */
  publicUrl: string;
  /** Package arrivals for one resident within this window become one notice. */
  packageNoticeDelayMs: number;
  /** Uncollected-package reminders after each of these ages (hours); empty: no reminders. */
  reminderAfterHours: readonly number[];
  /** How long a one-time link in an e-mail stays valid. */
  linkHours: number;
  /** How long the resident page stays open on a device after a link was used. */
  sessionHours: number;
  /** Attempts per e-mail before it counts as failed (temporary failures only; 5xx fails at once). */
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** How often the worker looks for due e-mails besides being woken by pushes. */
  pollMs: number;
  /** E-mails handed to the mail server at once. */
  concurrency: number;
}

const Hours = z
  .string()
  .trim()
  .transform((text, ctx) => {
    if (text === '' || text === 'off') return [];
    const hours = text.split(',').map((part) => Number(part.trim()));
    if (hours.some((value) => !Number.isFinite(value) || value <= 0 || value > 24 * 365)) {
      ctx.addIssue({ code: 'custom', message: 'a comma-separated list of hours, e.g. 48,168 (or "off")' });
      return z.NEVER;
    }
    return [...new Set(hours)].sort((a, b) => a - b);
  });

const PositiveInt = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

const MessagingEnvironment = z.object({
  SMTP_URL: z.string().trim().regex(/^smtps?:\/\//, { message: 'must start with smtp:// or smtps://' }).optional(),
  SMTP_HOST: z.string().trim().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SMTP_SECURE: z.enum(['true', 'false']).optional(),
  SMTP_USER: z.string().optional(),
  SMTP_PASS: z.string().optional(),
  SMTP_FROM: z.string().trim().min(3).max(200).optional(),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  PACKAGE_NOTICE_DELAY_SECONDS: z.coerce.number().int().min(0).max(24 * 3600).default(120),
  REMINDER_AFTER_HOURS: Hours.default([48, 168]),
  RESIDENT_LINK_HOURS: PositiveInt(72, 24 * 30),
  RESIDENT_SESSION_HOURS: PositiveInt(12, 24 * 30),
  DELIVERY_MAX_ATTEMPTS: PositiveInt(8, 50),
});

/** Parses the messaging variables; throws an Error whose message names every bad variable. */
export function messagingConfigFromEnv(env: Readonly<Record<string, string | undefined>>, defaults: { publicUrl: string }): MessagingConfig {
  const parsed = MessagingEnvironment.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== '')));
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  const values = parsed.data;
  const configured = values.SMTP_URL !== undefined || values.SMTP_HOST !== undefined;
  if (configured && values.SMTP_FROM === undefined) throw new Error('SMTP_FROM: required when SMTP_URL or SMTP_HOST is set (e.g. "Front desk <desk@building.example>")');
  const secure = values.SMTP_SECURE === undefined ? values.SMTP_PORT === 465 : values.SMTP_SECURE === 'true';
  return {
    smtp: configured
      ? { url: values.SMTP_URL ?? null, host: values.SMTP_HOST ?? null, port: values.SMTP_PORT ?? (secure ? 465 : 587), secure, user: values.SMTP_USER ?? null, pass: values.SMTP_PASS ?? null }
      : null,
    from: values.SMTP_FROM ?? 'Conserje <no-reply@localhost>',
    publicUrl: (values.PUBLIC_URL ?? defaults.publicUrl).replace(/\/+$/, ''),
    packageNoticeDelayMs: values.PACKAGE_NOTICE_DELAY_SECONDS * 1000,
    reminderAfterHours: values.REMINDER_AFTER_HOURS,
    linkHours: values.RESIDENT_LINK_HOURS,
    sessionHours: values.RESIDENT_SESSION_HOURS,
    maxAttempts: values.DELIVERY_MAX_ATTEMPTS,
    retryBaseMs: 30_000,
    retryMaxMs: 3_600_000,
    pollMs: 5_000,
    concurrency: 5,
  };
}

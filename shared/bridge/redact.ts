// Log scrubbing shared by the Electron main process and the browser bridge. The privacy policy
// promises that logs hold event codes and opaque ids only; these functions are the safety net for
// personal text that slips into a log line anyway (an error message quoting an e-mail, a field
// named `recipientName`...). They over-redact rather than under-redact: a log line that loses a
// number is a small debugging cost, a log file holding a resident's phone number is a breach.

export const REDACTED = {
  email: '[email]',
  phone: '[phone]',
  token: '[token]',
  field: '[redacted]',
  tooDeep: '[depth]',
} as const;

// Values kept verbatim even though they look like tokens or phone numbers: they are the opaque ids
// and timestamps the logs exist for.
const UUID = String.raw`(?<![A-Za-z0-9])[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![A-Za-z0-9])`;
// ISO dates and times, also the file-name-safe form with '-' between time parts.
const TIMESTAMP = String.raw`(?<![A-Za-z0-9])\d{4}-\d{2}-\d{2}(?:[T ]\d{2}[:-]\d{2}(?:[:-]\d{2}(?:[.-]\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![A-Za-z0-9])`;
const IPV4 = String.raw`(?<![A-Za-z0-9.])\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?(?![A-Za-z0-9])`;

const EMAIL = String.raw`[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`;
// Carrier tracking numbers (UPS 1Z..., FedEx/USPS digit runs, Amazon TBA...): a run of at least
// ten letters and digits that contains a digit. Words without digits are left alone.
const TOKEN = String.raw`(?<![A-Za-z0-9])(?=[A-Za-z]*\d)[A-Za-z0-9]{10,}(?![A-Za-z0-9])`;
// Phone numbers in their many spellings: +34 612 34 56 78, (555) 123-4567, 555.123.4567.
// The digit count (7 to 15, E.164's maximum) is checked in code, below.
const PHONE = String.raw`(?<![A-Za-z0-9])(?:\+|00)?\(?\d[\d\s().-]{5,}\d(?![A-Za-z0-9])`;

// One combined pattern, so each character is examined once and kept values (uuid, timestamp, ip)
// win over the redacting alternatives that would otherwise match inside them.
const SCRUB_PATTERN = new RegExp(
  [
    `(?<uuid>${UUID})`,
    `(?<timestamp>${TIMESTAMP})`,
    `(?<ip>${IPV4})`,
    `(?<email>${EMAIL})`,
    `(?<token>${TOKEN})`,
    `(?<phone>${PHONE})`,
  ].join('|'),
  'g',
);

/** Field names whose values are personal by nature, whatever they look like. */
const SENSITIVE_FIELD_NAME = /name|e-?mail|phone|mobile|tracking|note|signature|address/i;

const MAX_DEPTH = 6;

/** Replaces e-mail addresses, phone numbers and tracking-number-like tokens in free text. */
export function redactLogText(text: string): string {
  return text.replace(SCRUB_PATTERN, (match: string, ...rest: unknown[]) => {
    const groups = rest[rest.length - 1] as Record<string, string | undefined>;
    if (groups.email !== undefined) return REDACTED.email;
    if (groups.token !== undefined) return REDACTED.token;
    if (groups.phone !== undefined) {
      const digits = match.replace(/\D/g, '').length;
      return digits >= 7 && digits <= 15 ? REDACTED.phone : match;
    }
    return match;
  });
}

export function isSensitiveFieldName(name: string): boolean {
  return SENSITIVE_FIELD_NAME.test(name);
}

type Scalar = string | number | boolean | null;

/**
 * Redacts structured log fields: the whole value of a sensitive-named field, and personal text
 * inside every other string value. Null stays null (it reveals nothing and keeps "absent" visible).
 */
export function redactLogFields<T extends Readonly<Record<string, Scalar>>>(fields: T): Record<keyof T, Scalar> {
  const out: Record<string, Scalar> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = redactFieldValue(key, value);
  }
  return out as Record<keyof T, Scalar>;
}

function redactFieldValue(key: string, value: Scalar): Scalar {
  if (value === null) return null;
  if (isSensitiveFieldName(key)) return REDACTED.field;
  return typeof value === 'string' ? redactLogText(value) : value;
}

/**
 * Redacts anything a logger may receive: strings, errors (message and stack), arrays and plain
 * objects (recursively, by field name and by content). Used by the main process's log hook.
 */
export function redactLogValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactLogText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return REDACTED.tooDeep;
  if (value instanceof Error) return redactError(value);
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => redactLogValue(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      isSensitiveFieldName(key) && item !== null && item !== undefined
        ? REDACTED.field
        : redactLogValue(item, depth + 1);
  }
  return out;
}

function redactError(error: Error): Error {
  const copy = new Error(redactLogText(error.message));
  copy.name = error.name;
  copy.stack = error.stack === undefined ? undefined : redactLogText(error.stack);
  return copy;
}

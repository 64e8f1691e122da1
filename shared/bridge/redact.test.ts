import { describe, expect, it } from 'vitest';
import { REDACTED, redactLogFields, redactLogText, redactLogValue } from './redact';

describe('redactLogText', () => {
  it.each([
    ['notify ana.perez+desk@example.co.uk failed', `notify ${REDACTED.email} failed`],
    ['to=ana%40example.com', `to=${REDACTED.email}`],
    ['call +34 612 34 56 78 now', `call ${REDACTED.phone} now`],
    ['call (555) 123-4567', `call ${REDACTED.phone}`],
    ['call 555.123.4567', `call ${REDACTED.phone}`],
    ['ups 1Z999AA10123456784 arrived', `ups ${REDACTED.token} arrived`],
    ['fedex 123456789012', `fedex ${REDACTED.token}`],
    ['amazon TBA123456789000', `amazon ${REDACTED.token}`],
    ['scan "9400111899223197428490"', `scan "${REDACTED.token}"`],
  ])('scrubs %j', (input, expected) => {
    expect(redactLogText(input)).toBe(expected);
  });

  it.each([
    'package.received id=3f2a9c1e-8b4d-4c2a-9e7f-1a2b3c4d5e6f',
    'at 2025-01-31T09:05:07.123Z and 2025-01-31',
    'backup settings.corrupt-2025-01-31T09-05-07-123Z.json',
    'server 127.0.0.1:8787 answered 503 in 1234 ms',
    'unit 12B floor 3 shortCode K7P2QX',
    'sync.push_failed attempt 3 of 10',
    'Authentication required', // long words without digits are not tokens
  ])('keeps ids, timestamps and ordinary text: %j', (input) => {
    expect(redactLogText(input)).toBe(input);
  });

  it('does not let a short digit group shield a tracking number after it', () => {
    expect(redactLogText('12-34 1Z999AA10123456784')).toBe(`12-34 ${REDACTED.token}`);
  });

  it('is idempotent', () => {
    const once = redactLogText('mail ana@example.com phone +1 555 123 4567');
    expect(redactLogText(once)).toBe(once);
  });
});

describe('redactLogFields', () => {
  it('blanks sensitive field names and scrubs text in the others', () => {
    expect(
      redactLogFields({
        recipientName: 'Ana Pérez',
        email: 'ana@example.com',
        phoneNumber: 5551234567,
        trackingNumber: '1Z999AA10123456784',
        note: 'leave with neighbour',
        signatureSvg: '<svg/>',
        packageId: 'p_123',
        detail: 'mail to ana@example.com bounced',
        count: 3,
        urgent: true,
        deskName: null,
      }),
    ).toEqual({
      recipientName: REDACTED.field,
      email: REDACTED.field,
      phoneNumber: REDACTED.field,
      trackingNumber: REDACTED.field,
      note: REDACTED.field,
      signatureSvg: REDACTED.field,
      packageId: 'p_123',
      detail: `mail to ${REDACTED.email} bounced`,
      count: 3,
      urgent: true,
      deskName: null,
    });
  });
});

describe('redactLogValue', () => {
  it('scrubs nested objects, arrays and errors without touching the input', () => {
    const error = new Error('SMTP refused ana@example.com');
    const input = { method: 'printLabel', nested: { residentEmail: 'x@y.zz', list: ['call 555 123 4567'] }, error };
    const output = redactLogValue(input) as {
      method: string;
      nested: { residentEmail: string; list: string[] };
      error: Error;
    };
    expect(output.method).toBe('printLabel');
    expect(output.nested.residentEmail).toBe(REDACTED.field);
    expect(output.nested.list).toEqual([`call ${REDACTED.phone}`]);
    expect(output.error).toBeInstanceOf(Error);
    expect(output.error.message).toBe(`SMTP refused ${REDACTED.email}`);
    expect(output.error.stack).not.toContain('ana@example.com');
    expect(error.message).toBe('SMTP refused ana@example.com');
  });

  it('stops at a depth limit (cyclic or huge structures cannot hang the logger)', () => {
    type Node = { next?: Node };
    const cyclic: Node = {};
    cyclic.next = cyclic;
    expect(JSON.stringify(redactLogValue(cyclic))).toContain(REDACTED.tooDeep);
  });
});

import { z } from 'zod';

// Control characters (C0, DEL, C1) never belong in anything a person types at the desk; a
// scanner that sends them, or a pasted blob, is rejected with a readable message.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/u;

export function hasControlCharacters(text: string): boolean {
  return CONTROL_CHARACTERS.test(text);
}

/** A single line of human text: trimmed, bounded, no control characters. */
export function lineText(maxLength: number) {
  return z
    .string()
    .trim()
    .min(1, { message: 'text.required' })
    .max(maxLength, { message: 'text.tooLong' })
    .refine((value) => !hasControlCharacters(value), { message: 'text.controlCharacters' });
}

/** Free text such as a note: newlines and tabs allowed, other control characters not. */
export function noteText(maxLength: number) {
  return z
    .string()
    .trim()
    .max(maxLength, { message: 'text.tooLong' })
    .refine((value) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u.test(value), {
      message: 'text.controlCharacters',
    });
}

/** Lower-case, accent-free form used for searching: "Núñez" and "NUNEZ" both become "nunez". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase('en')
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/ł/g, 'l')
    .replace(/đ/g, 'd');
}

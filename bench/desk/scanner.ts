// A USB barcode scanner for the bench: the code's keys then Enter, sent through CDP
// Input.dispatchKeyEvent with explicit timestamps `gapMs` apart, all commands pipelined (not one
// round trip per key). Chromium uses those timestamps as the events' `timeStamp`, which is what the
// desk's wedge detector compares, and pipelining keeps the real arrival of the keys well within
// the detector's wall-clock flush timer (setTimeout of maxKeyGapMs + 1 after each held key), as a
// hardware scanner's keys are. Playwright's keyboard.type instead waits for the renderer to
// acknowledge each key; on a loaded 2-core VM that alone stretched some gaps past 35 ms, and the
// desk then split the code (the head typed into the scan field, the tail drafted and saved as a
// shorter tracking number). The keys are still trusted input through the app's real key handling.

import type { CDPSession } from 'playwright-core';

function keyCode(character: string): { code: string; windowsVirtualKeyCode: number } {
  if (/^[0-9]$/.test(character)) return { code: `Digit${character}`, windowsVirtualKeyCode: character.charCodeAt(0) };
  if (/^[A-Za-z]$/.test(character)) return { code: `Key${character.toUpperCase()}`, windowsVirtualKeyCode: character.toUpperCase().charCodeAt(0) };
  throw new RangeError(`the bench scanner only sends letters and digits, got ${JSON.stringify(character)}`);
}

export async function scanBurst(session: CDPSession, code: string, gapMs = 4): Promise<void> {
  const start = Date.now() / 1000;
  const at = (position: number) => start + (position * gapMs) / 1000;
  const characters = [...code];
  const sent: Promise<unknown>[] = [];
  for (const [position, character] of characters.entries()) {
    const key = { key: character, text: character, unmodifiedText: character, ...keyCode(character) };
    sent.push(session.send('Input.dispatchKeyEvent', { type: 'keyDown', ...key, timestamp: at(position) }));
    sent.push(session.send('Input.dispatchKeyEvent', { type: 'keyUp', key: key.key, code: key.code, windowsVirtualKeyCode: key.windowsVirtualKeyCode, timestamp: at(position) + 0.001 }));
  }
  const enter = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 };
  sent.push(session.send('Input.dispatchKeyEvent', { type: 'keyDown', ...enter, text: '\r', unmodifiedText: '\r', timestamp: at(characters.length) }));
  sent.push(session.send('Input.dispatchKeyEvent', { type: 'keyUp', ...enter, timestamp: at(characters.length) + 0.001 }));
  await Promise.all(sent);
}

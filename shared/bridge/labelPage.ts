import { ShelfLabelData } from './contract';

// The handshake between the hosts that print and the renderer's label page (label.html): the
// label travels in the URL fragment (never sent over the network, never in server logs), and the
// page sets its title to LABEL_READY_TITLE once the label is laid out, so the host prints a
// finished page rather than a half-rendered one.

export const LABEL_PAGE = 'label.html';
export const LABEL_READY_TITLE = 'label-ready';

export function labelPageFragment(label: ShelfLabelData): string {
  return `#${encodeURIComponent(JSON.stringify(label))}`;
}

/** For label.html: the label in `location.hash`, or null when it is missing or malformed. */
export function parseLabelPageFragment(hash: string): ShelfLabelData | null {
  const encoded = hash.startsWith('#') ? hash.slice(1) : hash;
  if (encoded === '') return null;
  try {
    const parsed = ShelfLabelData.safeParse(JSON.parse(decodeURIComponent(encoded)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

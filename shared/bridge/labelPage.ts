import { z } from 'zod';
import { LabelSize, ShelfLabelData } from './contract';

// The handshake between the hosts that print and the renderer's label page (label.html):
// - the label and its size travel in the URL fragment as URI-encoded JSON (a fragment is never
//   sent over the network nor written to server logs);
// - the page sets document.title to LABEL_READY_TITLE once the label is laid out (fonts loaded,
//   barcode drawn), or to LABEL_INVALID_TITLE when the fragment does not parse, so the host prints
//   a finished page, and fails fast on a bad one.
// renderer/label/labelMain.tsx (label.html) parses it with parseLabelPageFragment.

export const LABEL_PAGE = 'label.html';
export const LABEL_READY_TITLE = 'label-ready';
export const LABEL_INVALID_TITLE = 'label-invalid';

export const LabelPageRequest = z.object({ label: ShelfLabelData, size: LabelSize });
export type LabelPageRequest = z.infer<typeof LabelPageRequest>;

export function labelPageFragment(request: LabelPageRequest): string {
  return `#${encodeURIComponent(JSON.stringify(request))}`;
}

/** The request in `location.hash`, or null when it is missing or malformed. */
export function parseLabelPageFragment(hash: string): LabelPageRequest | null {
  const encoded = hash.startsWith('#') ? hash.slice(1) : hash;
  if (encoded === '') return null;
  try {
    const parsed = LabelPageRequest.safeParse(JSON.parse(decodeURIComponent(encoded)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
